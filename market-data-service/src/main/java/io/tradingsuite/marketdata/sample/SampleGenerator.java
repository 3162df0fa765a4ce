package io.tradingsuite.marketdata.sample;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic-looking candles, the same for the same seed on every machine: a Markov
 * chain of regimes (up-trend, down-trend, range with mean reversion), GARCH(1,1) volatility so calm
 * and wild stretches cluster, intra-candle highs and lows from the volatility, and volume that
 * grows with the size of the move and follows a daily rhythm. NOT market data: labelled synthetic
 * wherever it is served.
 */
public final class SampleGenerator {
  private SampleGenerator() {}

  /** How one market looks: starting price, tick size (decimals), typical volume. */
  public record Profile(
      double startPrice, int priceDecimals, double baseVolume, int volumeDecimals) {}

  enum Regime {
    UP,
    DOWN,
    RANGE
  }

  public static List<Ohlcv> generate(
      long seed, Profile profile, Timeframe tf, long startMs, int count) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Ohlcv> out = new ArrayList<>(count);
    // per-candle volatility scaled from ~60% a year
    double perCandle = 0.6 / Math.sqrt(365.0 * 24 * 60 / tf.minutes());
    double omega = perCandle * perCandle * 0.05;
    double alpha = 0.08;
    double beta = 0.87;
    double variance = perCandle * perCandle;
    double price = profile.startPrice();
    double anchor = price;
    Regime regime = Regime.RANGE;
    int regimeLeft = 60 + rnd.nextInt(120);
    double drift = 0;
    long t = tf.floor(startMs);
    for (int i = 0; i < count; i++, t += tf.millis()) {
      if (--regimeLeft <= 0) {
        double u = rnd.nextDouble();
        regime = u < 0.35 ? Regime.UP : u < 0.7 ? Regime.DOWN : Regime.RANGE;
        regimeLeft = 40 + rnd.nextInt(200);
        drift = perCandle * (0.08 + 0.12 * rnd.nextDouble());
        anchor = price;
      }
      double sigma = Math.sqrt(variance);
      double shock = sigma * gaussian(rnd);
      double mu =
          switch (regime) {
            case UP -> drift;
            case DOWN -> -drift;
            case RANGE -> -0.05 * Math.log(price / anchor);
          };
      double ret = mu + shock;
      variance = omega + alpha * shock * shock + beta * variance;
      double open = price;
      double close = open * Math.exp(ret);
      double wickUp = Math.abs(gaussian(rnd)) * sigma * 0.6;
      double wickDown = Math.abs(gaussian(rnd)) * sigma * 0.6;
      double high = Math.max(open, close) * Math.exp(wickUp);
      double low = Math.min(open, close) * Math.exp(-wickDown);
      double hour = ((t / 3_600_000L) % 24);
      double daily = 1.0 + 0.35 * Math.sin((hour - 8) / 24.0 * 2 * Math.PI);
      double activity = 1.0 + 4.0 * Math.abs(ret) / perCandle * 0.25;
      double volume = profile.baseVolume() * daily * activity * Math.exp(0.4 * gaussian(rnd));
      BigDecimal o = dec(open, profile.priceDecimals());
      BigDecimal c = dec(close, profile.priceDecimals());
      BigDecimal h = dec(high, profile.priceDecimals()).max(o).max(c);
      BigDecimal l = dec(low, profile.priceDecimals()).min(o).min(c);
      out.add(new Ohlcv(t, o, h, l, c, dec(volume, profile.volumeDecimals())));
      price = c.doubleValue();
    }
    return out;
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static BigDecimal dec(double v, int decimals) {
    return BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN);
  }
}
