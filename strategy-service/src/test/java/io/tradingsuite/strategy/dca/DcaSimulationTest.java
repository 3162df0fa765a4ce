package io.tradingsuite.strategy.dca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The simulation over hand-made candles, checked against sums done by hand. */
class DcaSimulationTest {

  static final long H = 3_600_000L;
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** Hourly candles: the open of each given, the close equal to the next open. */
  static CandleColumns hourly(double... opens) {
    int n = opens.length;
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0.toEpochMilli() + i * H;
      o[i] = opens[i];
      c[i] = i + 1 < n ? opens[i + 1] : opens[i];
      h[i] = Math.max(o[i], c[i]);
      l[i] = Math.min(o[i], c[i]);
      v[i] = 1;
    }
    return new CandleColumns(t, o, h, l, c, v);
  }

  static DcaPlan plan(int everyHours, DipRule dip) {
    return new DcaPlan(
        "sim",
        "binance",
        "BTC/USDT",
        Timeframe.parse("1h"),
        new BigDecimal("100"),
        new DcaSchedule.Every(everyHours, DcaSchedule.Unit.HOURS, T0),
        T0,
        null,
        dip,
        T0);
  }

  @Test
  void buysAtTheOpenOfTheDueCandleAndValuesAtTheLastClose() {
    // due at hours 0, 2, 4: opens 100, 50, 200; the last close is 120
    CandleColumns c = hourly(100, 90, 50, 70, 200, 150, 120);
    DcaSimulation.Result r =
        DcaSimulation.run(plan(2, null), c, T0, T0.plusMillis(6 * H), BigDecimal.ZERO);
    assertThat(r.buys()).isEqualTo(4); // hours 0, 2, 4, 6
    // amounts: 1 + 2 + 0.5 + 100/120
    BigDecimal amount =
        new BigDecimal("3.5")
            .add(
                new BigDecimal("100")
                    .divide(new BigDecimal("120"), 20, java.math.RoundingMode.HALF_EVEN));
    assertThat(r.amount())
        .isEqualByComparingTo(amount.setScale(8, java.math.RoundingMode.HALF_EVEN));
    assertThat(r.invested()).isEqualByComparingTo("400");
    assertThat(r.lastClose()).isEqualByComparingTo("120");
    assertThat(r.value()).isEqualByComparingTo("520");
    assertThat(r.profitAbs()).isEqualByComparingTo("120");
    assertThat(r.profitRatio()).isEqualByComparingTo("0.3");
    assertThat(r.averageEntryPrice())
        .isEqualByComparingTo(
            new BigDecimal("400").divide(amount, 8, java.math.RoundingMode.HALF_EVEN));
    assertThat(r.firstBuyAt()).isEqualTo(T0);
    assertThat(r.lastBuyAt()).isEqualTo(T0.plusMillis(6 * H));
  }

  @Test
  void feesAreAddedToWhatIsInvested() {
    CandleColumns c = hourly(100, 100, 100);
    DcaSimulation.Result r =
        DcaSimulation.run(plan(1, null), c, T0, T0.plusMillis(2 * H), new BigDecimal("0.001"));
    assertThat(r.buys()).isEqualTo(3);
    assertThat(r.fees()).isEqualByComparingTo("0.3");
    assertThat(r.invested()).isEqualByComparingTo("300.3");
    assertThat(r.amount()).isEqualByComparingTo("3");
    assertThat(r.profitAbs()).isEqualByComparingTo("-0.3");
  }

  @Test
  void theDipRuleLooksAtTheCandlesClosedByTheDueTime() {
    // closes: 100, 100, 100, 70 (hour 3 closes at 70 < SMA3 = 90), 70, 130
    CandleColumns c = hourly(100, 100, 100, 100, 70, 70, 130);
    DipRule dip = new DipRule(new BigDecimal("2"), 3);
    DcaSimulation.Result r =
        DcaSimulation.run(
            plan(1, dip), c, T0.plusMillis(3 * H), T0.plusMillis(5 * H), BigDecimal.ZERO);
    // hour 3: last closed candle is hour 2 (close 100, SMA 100): plain stake at open 100
    // hour 4: last closed candle is hour 3 (close 70 < SMA (100+100+70)/3): double stake at open 70
    // hour 5: last closed candle is hour 4 (close 70 < SMA (100+70+70)/3 = 80): double stake at
    // open 70
    assertThat(r.buys()).isEqualTo(3);
    assertThat(r.dipBuys()).isEqualTo(2);
    assertThat(r.invested()).isEqualByComparingTo("500");
    BigDecimal amount =
        BigDecimal.ONE.add(
            new BigDecimal("400")
                .divide(new BigDecimal("70"), 20, java.math.RoundingMode.HALF_EVEN));
    assertThat(r.amount())
        .isEqualByComparingTo(amount.setScale(8, java.math.RoundingMode.HALF_EVEN));
    assertThat(r.lastClose()).isEqualByComparingTo("130"); // hour 5 closes at hour 6's open
  }

  @Test
  void dueTimesWithoutTheirCandleAreSkippedAndNoCandleIsRefused() {
    long[] t = {T0.toEpochMilli(), T0.toEpochMilli() + 2 * H};
    double[] p = {100, 100};
    CandleColumns gap = new CandleColumns(t, p, p, p, p, p);
    DcaSimulation.Result r =
        DcaSimulation.run(plan(1, null), gap, T0, T0.plusMillis(2 * H), BigDecimal.ZERO);
    assertThat(r.buys()).isEqualTo(2);
    assertThat(r.skipped()).isEqualTo(1);

    assertThatThrownBy(
            () ->
                DcaSimulation.run(
                    plan(1, null),
                    gap,
                    T0.plusMillis(10 * H),
                    T0.plusMillis(20 * H),
                    BigDecimal.ZERO))
        .isInstanceOf(DcaInputException.class)
        .hasMessageContaining("no stored 1h candles of BTC/USDT on binance");
  }
}
