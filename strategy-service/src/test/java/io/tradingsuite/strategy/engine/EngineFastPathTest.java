package io.tradingsuite.strategy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.StrategyCallbacks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property test of the engine's fast paths (double profit checks, idle-stretch skipping, views
 * instead of copies) against its reference mode (exact decimal arithmetic on every candle, every
 * tick visited): over random pairs, candles (on and off the tick grid, with gaps), signals, exit
 * plans, stakes, order types and protections, both must produce equal results - every trade with
 * its dates, rates, exit reason and profit, the summary, the tables and the locks.
 */
class EngineFastPathTest {

  private static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

  @Test
  void fastAndReferenceEnginesGiveEqualResultsOnRandomBacktests() {
    BacktestEngine fast = new BacktestEngine();
    BacktestEngine reference = new BacktestEngine(true);
    int trades = 0;
    int onGrid = 0;
    for (long seed = 1; seed <= 300; seed++) {
      Random rnd = new Random(seed);
      Case c = randomCase(rnd);
      BacktestResult f = fast.run(c.config, c.data, c.callbacks, null);
      BacktestResult r = reference.run(c.config, c.data, c.callbacks, null);
      assertThat(f.trades()).as("seed %d trades", seed).isEqualTo(r.trades());
      assertThat(f).as("seed %d result", seed).isEqualTo(r);
      trades += f.trades().size();
      onGrid += c.onGrid ? 1 : 0;
    }
    // the cases are not vacuous: many trades, and both the skipping and the non-skipping loop ran
    assertThat(trades).isGreaterThan(3000);
    assertThat(onGrid).isBetween(100, 290);
  }

  private record Case(
      BacktestConfig config, List<PairData> data, StrategyCallbacks callbacks, boolean onGrid) {}

  private static Case randomCase(Random rnd) {
    Timeframe tf = Timeframe.parse(rnd.nextBoolean() ? "5m" : "1h");
    long tfMs = tf.millis();
    boolean onGrid = rnd.nextInt(3) != 0;
    int pairs = 1 + rnd.nextInt(4);
    // sparse signals leave long idle stretches (what the skipping is for), dense ones keep slots
    // busy
    double enterP = rnd.nextBoolean() ? 0.01 : 0.12;
    double exitP = rnd.nextDouble() * 0.1;
    List<PairData> data = new ArrayList<>();
    for (int p = 0; p < pairs; p++) {
      int n = 20 + rnd.nextInt(400);
      long[] t = new long[n];
      double[] o = new double[n];
      double[] h = new double[n];
      double[] l = new double[n];
      double[] cl = new double[n];
      double[] v = new double[n];
      boolean[] en = new boolean[n];
      boolean[] ex = new boolean[n];
      long time = T0 + rnd.nextInt(30) * tfMs + (onGrid ? 0 : rnd.nextInt(3) * 60_000L);
      double price = 1 + rnd.nextDouble() * 500;
      for (int i = 0; i < n; i++) {
        t[i] = time;
        // gaps (missing candles); off the grid also doubled-up rows closer than a timeframe
        long step = rnd.nextInt(25) == 0 ? (2 + rnd.nextInt(5)) * tfMs : tfMs;
        if (!onGrid && rnd.nextInt(20) == 0) {
          step = tfMs / 2;
        }
        time += step;
        double open = price * (1 + (rnd.nextInt(30) == 0 ? rnd.nextGaussian() * 0.04 : 0));
        double close = open * (1 + rnd.nextGaussian() * 0.012);
        o[i] = round(open);
        cl[i] = round(close);
        h[i] = round(Math.max(o[i], cl[i]) * (1 + Math.abs(rnd.nextGaussian()) * 0.006));
        l[i] = round(Math.min(o[i], cl[i]) * (1 - Math.abs(rnd.nextGaussian()) * 0.006));
        v[i] = 1;
        en[i] = rnd.nextDouble() < enterP;
        ex[i] = rnd.nextDouble() < exitP;
        price = Math.max(0.05, cl[i]);
      }
      String[] tags = rnd.nextBoolean() ? null : new String[n];
      if (tags != null) {
        for (int i = 0; i < n; i++) {
          tags[i] = en[i] ? "tag" + rnd.nextInt(3) : null;
        }
      }
      data.add(
          new PairData(
              "P" + p + "/USDT",
              new CandleColumns(t, o, h, l, cl, v),
              new SignalColumns(en, ex, tags)));
    }
    ExitPlan plan =
        ExitPlan.builder()
            .stoploss(-(0.005 + rnd.nextInt(150) / 1000.0))
            .minimalRoi(randomRoi(rnd))
            .trailingStop(rnd.nextBoolean())
            .trailingStopPositive(rnd.nextBoolean() ? null : 0.002 + rnd.nextInt(30) / 1000.0)
            .trailingStopPositiveOffset(rnd.nextBoolean() ? 0.0 : rnd.nextInt(40) / 1000.0)
            .trailingOnlyOffsetIsReached(rnd.nextBoolean())
            .useCustomStoploss(rnd.nextInt(4) == 0)
            .useExitSignal(rnd.nextInt(4) != 0)
            .exitProfitOnly(rnd.nextInt(4) == 0)
            .exitProfitOffset(rnd.nextBoolean() ? 0.0 : 0.005)
            .ignoreRoiIfEntrySignal(rnd.nextInt(4) == 0)
            .build();
    BacktestConfig.Builder b =
        BacktestConfig.builder(tf, plan)
            .stakeAmount(
                rnd.nextInt(3) == 0
                    ? StakeAmount.of("unlimited")
                    : StakeAmount.of(new BigDecimal("100")))
            .dryRunWallet(new BigDecimal(rnd.nextBoolean() ? "1000" : "250"))
            .maxOpenTrades(1 + rnd.nextInt(3))
            .fee(rnd.nextBoolean() ? 0.001 : rnd.nextInt(3) / 1000.0)
            .pricePrecision(rnd.nextInt(5) - 1);
    if (rnd.nextInt(3) == 0) {
      b.startupCandles(rnd.nextInt(10));
    }
    if (rnd.nextInt(3) == 0) {
      b.timerange(
          Instant.ofEpochMilli(T0 + rnd.nextInt(40) * tfMs),
          rnd.nextBoolean() ? null : Instant.ofEpochMilli(T0 + (150 + rnd.nextInt(200)) * tfMs));
    }
    if (rnd.nextInt(3) == 0) {
      b.enableProtections(true)
          .protections(
              List.of(
                  Map.of("method", "CooldownPeriod", "stop_duration_candles", 1 + rnd.nextInt(4)),
                  Map.of(
                      "method",
                      "StoplossGuard",
                      "lookback_period_candles",
                      20,
                      "trade_limit",
                      2,
                      "stop_duration_candles",
                      1 + rnd.nextInt(8)),
                  Map.of(
                      "method",
                      "LowProfitPairs",
                      "lookback_period_candles",
                      30,
                      "trade_limit",
                      2,
                      "stop_duration_candles",
                      5,
                      "required_profit",
                      0.0)));
    }
    StrategyCallbacks callbacks = StrategyCallbacks.NONE;
    if (rnd.nextInt(4) == 0) {
      // limit entries below the open that may not fill, re-priced or timed out later
      b.orderTypes(BacktestConfig.OrderType.LIMIT, BacktestConfig.OrderType.LIMIT)
          .unfilledTimeoutMinutes((int) (tf.minutes() * (1 + rnd.nextInt(3))), null);
      callbacks =
          new StrategyCallbacks() {
            @Override
            public double customEntryPrice(
                String pair, long time, double proposedRate, String enterTag) {
              return proposedRate * 0.997;
            }

            @Override
            public double adjustEntryPrice(
                String pair, long time, double proposedRate, double current) {
              return (time / 60_000L) % 5 == 0 ? proposedRate * 0.999 : current;
            }
          };
    }
    return new Case(b.build(), data, callbacks, onGrid);
  }

  private static RoiTable randomRoi(Random rnd) {
    int steps = rnd.nextInt(4);
    if (steps == 0) {
      return rnd.nextBoolean() ? RoiTable.disabled() : RoiTable.freqtradeDefault();
    }
    double[] flat = new double[steps * 2];
    for (int i = 0; i < steps; i++) {
      flat[2 * i] = i == 0 ? 0 : i * 30 + rnd.nextInt(60);
      flat[2 * i + 1] = i == steps - 1 && rnd.nextInt(4) == 0 ? -1 : (rnd.nextInt(60) - 5) / 1000.0;
    }
    return RoiTable.of(flat);
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
