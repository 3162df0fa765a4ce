package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.api.CandleColumns;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Deterministic random-walk candles (5m by default) with slow regime changes, prices on a 0.01
 * tick.
 */
public final class SyntheticCandles {

  private SyntheticCandles() {}

  public static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  /** {@code n} candles of {@code tfMinutes} from 2024-01-01. */
  public static CandleColumns randomWalk(long seed, int n, int tfMinutes, double startPrice) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    double price = startPrice;
    double drift = 0;
    for (int i = 0; i < n; i++) {
      if (i % 2000 == 0) {
        drift = (rnd.nextDouble() - 0.5) * 0.0008;
      }
      double open = price;
      double close = open * (1 + gaussian(rnd) * 0.004 + drift);
      double high = Math.max(open, close) * (1 + Math.abs(gaussian(rnd)) * 0.0015);
      double low = Math.min(open, close) * (1 - Math.abs(gaussian(rnd)) * 0.0015);
      t[i] = T0 + (long) i * tfMinutes * 60_000L;
      o[i] = Math.round(open * 100) / 100.0;
      c[i] = Math.round(close * 100) / 100.0;
      h[i] = Math.max(Math.round(high * 100) / 100.0, Math.max(o[i], c[i]));
      l[i] = Math.min(Math.round(low * 100) / 100.0, Math.min(o[i], c[i]));
      v[i] = 10 + rnd.nextDouble() * 5;
      price = close;
    }
    return new CandleColumns(t, o, h, l, c, v);
  }

  /** One year of 5m candles. */
  public static CandleColumns oneYear5m(long seed) {
    return randomWalk(seed, 365 * 288, 5, 40000);
  }

  private static double gaussian(SplittableRandom rnd) {
    // Box-Muller (SplittableRandom has no nextGaussian on Java 17)
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
