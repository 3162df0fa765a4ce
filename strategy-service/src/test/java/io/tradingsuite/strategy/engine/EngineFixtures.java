package io.tradingsuite.strategy.engine;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import java.math.BigDecimal;
import java.time.Instant;

/** Small hand-made frames for engine rule tests: 1h candles from 2024-01-01T00:00Z. */
final class EngineFixtures {

  static final long H = 3_600_000L;
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  private EngineFixtures() {}

  /** Flat candles at {@code price} (high +1 %, low -1 %) with entry signals on the given rows. */
  static PairData flat(String pair, int n, double price, int[] enterRows, int[] exitRows) {
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * H;
      o[i] = price;
      h[i] = price * 1.01;
      l[i] = price * 0.99;
      c[i] = price;
      v[i] = 1;
    }
    boolean[] en = new boolean[n];
    boolean[] ex = new boolean[n];
    for (int r : enterRows) {
      en[r] = true;
    }
    for (int r : exitRows) {
      ex[r] = true;
    }
    return new PairData(pair, new CandleColumns(t, o, h, l, c, v), new SignalColumns(en, ex));
  }

  static ExitPlan noExits() {
    return ExitPlan.builder()
        .stoploss(-0.5)
        .minimalRoi(RoiTable.disabled())
        .useExitSignal(true)
        .build();
  }

  static BacktestConfig.Builder config(ExitPlan plan) {
    return BacktestConfig.builder(Timeframe.parse("1h"), plan)
        .stakeAmount(StakeAmount.of(new BigDecimal("100")))
        .dryRunWallet(new BigDecimal("1000"))
        .maxOpenTrades(10)
        .fee(0.0);
  }

  static int tick(Instant time) {
    return (int) ((time.toEpochMilli() - T0) / H);
  }
}
