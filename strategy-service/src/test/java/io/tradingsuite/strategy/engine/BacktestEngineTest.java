package io.tradingsuite.strategy.engine;

import static io.tradingsuite.strategy.engine.EngineFixtures.H;
import static io.tradingsuite.strategy.engine.EngineFixtures.T0;
import static io.tradingsuite.strategy.engine.EngineFixtures.config;
import static io.tradingsuite.strategy.engine.EngineFixtures.flat;
import static io.tradingsuite.strategy.engine.EngineFixtures.noExits;
import static io.tradingsuite.strategy.engine.EngineFixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Engine-level rules: slots across pairs, stake sizing, protections, force exit, trimming, fees,
 * progress.
 */
class BacktestEngineTest {

  final BacktestEngine engine = new BacktestEngine();

  @Test
  void signalOnCandleNEntersAtTheOpenOfCandleN1AndExitSignalExitsAtTheNextOpen() {
    PairData p = flat("A/USDT", 8, 100, new int[] {1}, new int[] {4});
    BacktestResult r = engine.run(config(noExits()).build(), List.of(p));
    assertThat(r.trades()).hasSize(1);
    TradeResult t = r.trades().get(0);
    assertThat(tick(t.openDate())).isEqualTo(2);
    assertThat(tick(t.closeDate())).isEqualTo(5);
    assertThat(t.exitReason()).isEqualTo("exit_signal");
    assertThat(t.openRate()).isEqualByComparingTo("100");
    assertThat(t.amount()).isEqualByComparingTo("1");
    assertThat(t.stakeAmount()).isEqualByComparingTo("100");
  }

  @Test
  void maxOpenTradesIsSharedAcrossPairsAndExcessSignalsAreRejected() {
    List<PairData> data =
        List.of(
            flat("A/USDT", 6, 100, new int[] {1}, new int[0]),
            flat("B/USDT", 6, 100, new int[] {1}, new int[0]),
            flat("C/USDT", 6, 100, new int[] {1}, new int[0]));
    BacktestResult r = engine.run(config(noExits()).maxOpenTrades(2).build(), data);
    assertThat(r.trades())
        .extracting(TradeResult::pair)
        .containsExactlyInAnyOrder("A/USDT", "B/USDT");
    assertThat(r.trades()).allMatch(t -> t.exitReason().equals("force_exit"));
    assertThat(r.summary().rejectedSignals()).isEqualTo(1);
  }

  @Test
  void aSlotFreedByAnExitIsUsableByALaterPairOnTheSameCandle() {
    // A exits at tick 3 (signal on row 2); B has an entry signal on row 2 as well -> enters at tick
    // 3
    List<PairData> data =
        List.of(
            flat("A/USDT", 6, 100, new int[] {0}, new int[] {2}),
            flat("B/USDT", 6, 100, new int[] {2}, new int[0]));
    BacktestResult r = engine.run(config(noExits()).maxOpenTrades(1).build(), data);
    assertThat(r.trades()).hasSize(2);
    TradeResult b =
        r.trades().stream().filter(t -> t.pair().equals("B/USDT")).findFirst().orElseThrow();
    assertThat(tick(b.openDate())).isEqualTo(3);
    assertThat(r.summary().rejectedSignals()).isZero();
  }

  @Test
  void unlimitedStakeSplitsTheTradableBalanceAndCompounds() {
    // A: enter row0 -> tick1 at 100, ROI 10 % reached at tick 2 (high 110)
    long[] t = new long[6];
    double[] o = {100, 100, 105, 100, 100, 100};
    double[] h = {101, 101, 111, 101, 101, 101};
    double[] l = {99, 99, 104, 99, 99, 99};
    for (int i = 0; i < 6; i++) {
      t[i] = T0 + i * H;
    }
    boolean[] enA = {true, false, true, false, false, false};
    PairData a =
        new PairData(
            "A/USDT", new CandleColumns(t, o, h, l, o, o), new SignalColumns(enA, new boolean[6]));
    PairData b = flat("B/USDT", 6, 100, new int[] {0}, new int[0]);
    ExitPlan plan = ExitPlan.builder().stoploss(-0.5).minimalRoi(RoiTable.of(0, 0.1)).build();
    BacktestResult r =
        engine.run(
            config(plan).stakeAmount(StakeAmount.UNLIMITED).maxOpenTrades(2).build(),
            List.of(a, b));
    List<TradeResult> trades = r.trades();
    TradeResult first = trades.get(0);
    assertThat(first.pair()).isEqualTo("A/USDT");
    assertThat(first.exitReason()).isEqualTo("roi");
    // (1000 * 0.99) / 2
    assertThat(first.stakeAmount().doubleValue()).isCloseTo(495.0, within(1e-9));
    assertThat(first.profitAbs()).isEqualByComparingTo("49.50000000");
    // re-entry of A at tick 3: available = (1049.5 * 0.99) - 495 = 544.005; stake =
    // min((544.005+495)/2, 544.005)
    TradeResult second =
        trades.stream()
            .filter(x -> x.pair().equals("A/USDT") && tick(x.openDate()) == 3)
            .findFirst()
            .orElseThrow();
    assertThat(second.stakeAmount().doubleValue()).isCloseTo((1049.5 * 0.99) / 2, within(1e-9));
  }

  @Test
  void fixedStakeLargerThanTheAvailableBalanceSkipsTheEntry() {
    BacktestResult r =
        engine.run(
            config(noExits()).stakeAmount(StakeAmount.of(new BigDecimal("995"))).build(),
            List.of(flat("A/USDT", 5, 100, new int[] {1}, new int[0])));
    assertThat(r.trades()).isEmpty();
  }

  @Test
  void cooldownProtectionDelaysReEntry() {
    ExitPlan plan = ExitPlan.builder().stoploss(-0.5).minimalRoi(RoiTable.of(0, 0.005)).build();
    int[] always = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    PairData p = flat("A/USDT", 12, 100, always, new int[0]);
    BacktestResult without = engine.run(config(plan).build(), List.of(p));
    // ROI exits on the entry candle, re-entry on the next candle each time
    assertThat(without.trades())
        .extracting(t -> tick(t.openDate()))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);

    List<Map<String, Object>> prot =
        List.of(Map.of("method", "CooldownPeriod", "stop_duration_candles", 2));
    BacktestResult with =
        engine.run(config(plan).enableProtections(true).protections(prot).build(), List.of(p));
    // close at tick 1 -> until 1+2 = tick 3 -> lock end rounded to the next candle = tick 4 (locked
    // while end >= now)
    assertThat(with.trades()).extracting(t -> tick(t.openDate())).containsExactly(1, 5, 9);
    assertThat(with.locks()).hasSize(3);
    // protections listed but not enabled: no effect
    BacktestResult disabled = engine.run(config(plan).protections(prot).build(), List.of(p));
    assertThat(disabled.trades()).hasSize(10);
  }

  @Test
  void stoplossGuardLocksAllPairs() {
    ExitPlan plan = ExitPlan.builder().stoploss(-0.005).minimalRoi(RoiTable.disabled()).build();
    int[] always = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    List<PairData> data =
        List.of(
            flat("A/USDT", 10, 100, always, new int[0]),
            flat("B/USDT", 10, 100, always, new int[0]));
    List<Map<String, Object>> prot =
        List.of(
            Map.of(
                "method",
                "StoplossGuard",
                "lookback_period_candles",
                10,
                "trade_limit",
                2,
                "stop_duration_candles",
                3));
    BacktestResult r =
        engine.run(config(plan).enableProtections(true).protections(prot).build(), data);
    // both pairs stop out at tick 1 -> global lock after the second stop until tick 1+3 -> end tick
    // 5;
    // at tick 6 A enters and stops out again; the protections run right after that close and lock A
    // and
    // every pair before B is visited on the same tick, so B never re-enters
    assertThat(r.trades())
        .extracting(t -> t.pair() + "@" + tick(t.openDate()))
        .containsExactly("A/USDT@1", "B/USDT@1", "A/USDT@6");
    assertThat(r.locks()).extracting(l -> l.pair()).containsExactly("*", "A/USDT", "*");
    assertThat(tick(Instant.ofEpochMilli(r.locks().get(0).lockEndTime()))).isEqualTo(5);
  }

  @Test
  void tradesStillOpenAreForceExitedAtTheLastOpen() {
    double[] o = {100, 100, 110, 120, 130};
    long[] t = new long[5];
    for (int i = 0; i < 5; i++) {
      t[i] = T0 + i * H;
    }
    double[] h = {101, 101, 111, 121, 131};
    double[] l = {99, 99, 109, 119, 129};
    PairData p =
        new PairData(
            "A/USDT",
            new CandleColumns(t, o, h, l, o, o),
            new SignalColumns(new boolean[] {true, false, false, false, true}, new boolean[5]));
    BacktestResult r = engine.run(config(noExits()).build(), List.of(p));
    assertThat(r.trades()).hasSize(1);
    TradeResult tr = r.trades().get(0);
    assertThat(tr.exitReason()).isEqualTo("force_exit");
    assertThat(tick(tr.closeDate())).isEqualTo(4);
    assertThat(tr.closeRate()).isEqualByComparingTo("130");
    assertThat(tr.profitRatio()).isEqualTo(0.3);
  }

  @Test
  void noEntryOnTheLastCandle() {
    BacktestResult r =
        engine.run(
            config(noExits()).build(), List.of(flat("A/USDT", 5, 100, new int[] {3}, new int[0])));
    assertThat(r.trades()).isEmpty();
  }

  @Test
  void startupCandlesAreTrimmedByCountAndTimerangeEndIsInclusive() {
    // signal on row 2 lies inside the 4 startup rows -> ignored; row 4 is the first kept row and is
    // dropped
    // after the shift, so its signal acts on row 5; row 9 is after the timerange end
    PairData p = flat("A/USDT", 12, 100, new int[] {2, 4}, new int[] {6});
    BacktestConfig cfg =
        config(noExits())
            .startupCandles(4)
            .timerange(null, Instant.ofEpochMilli(T0 + 8 * H))
            .build();
    BacktestResult r = engine.run(cfg, List.of(p));
    assertThat(r.trades()).hasSize(1);
    assertThat(tick(r.trades().get(0).openDate())).isEqualTo(5);
    assertThat(tick(r.trades().get(0).closeDate())).isEqualTo(7);
    assertThat(r.summary().backtestStart()).isEqualTo(Instant.ofEpochMilli(T0 + 4 * H));
    assertThat(r.summary().backtestEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 8 * H));
  }

  @Test
  void timerangeStartWithStartupKeepsTheLoadWindow() {
    PairData p = flat("A/USDT", 12, 100, new int[] {1, 5}, new int[0]);
    BacktestConfig cfg =
        config(noExits())
            .startupCandles(2)
            .timerange(Instant.ofEpochMilli(T0 + 4 * H), null)
            .build();
    BacktestResult r = engine.run(cfg, List.of(p));
    // loaded from row 2, startup rows 2-3 trimmed, first kept row 4 dropped -> signal of row 5
    // enters at 6
    assertThat(r.trades()).extracting(t -> tick(t.openDate())).containsExactly(6);
  }

  @Test
  void feesAreChargedOnBothSides() {
    ExitPlan plan = ExitPlan.builder().stoploss(-0.5).minimalRoi(RoiTable.disabled()).build();
    double[] o = {100, 100, 100, 103, 103};
    long[] t = new long[5];
    for (int i = 0; i < 5; i++) {
      t[i] = T0 + i * H;
    }
    PairData p =
        new PairData(
            "A/USDT",
            new CandleColumns(t, o, o, o, o, o),
            new SignalColumns(
                new boolean[] {true, false, false, false, false},
                new boolean[] {false, false, true, false, false}));
    BacktestResult r = engine.run(config(plan).fee(0.001).build(), List.of(p));
    TradeResult tr = r.trades().get(0);
    assertThat(tr.profitRatio())
        .isEqualTo(io.tradingsuite.core.FtMath.round8(103 * 0.999 / (100 * 1.001) - 1));
    assertThat(tr.profitAbs())
        .isEqualByComparingTo(new BigDecimal("102.897").subtract(new BigDecimal("100.1")));
    assertThat(r.summary().profitTotalAbs()).isEqualByComparingTo("2.79700000");
    assertThat(r.summary().finalBalance()).isEqualByComparingTo("1002.79700000");
  }

  @Test
  void progressIsMonotonicAndEndsAt100() {
    List<Integer> seen = new ArrayList<>();
    engine.run(
        config(noExits()).build(),
        List.of(flat("A/USDT", 50, 100, new int[] {1}, new int[0])),
        null,
        seen::add);
    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(seen.get(seen.size() - 1)).isEqualTo(100);
  }

  @Test
  void summaryCountsAndTables() {
    List<PairData> data =
        List.of(
            flat("A/USDT", 8, 100, new int[] {1}, new int[] {3}),
            flat("B/USDT", 8, 100, new int[] {1}, new int[0]));
    BacktestResult r = engine.run(config(noExits()).build(), data);
    assertThat(r.summary().totalTrades()).isEqualTo(2);
    assertThat(r.summary().draws()).isEqualTo(2);
    assertThat(r.resultsPerPair())
        .extracting(ResultTableRow::key)
        .containsExactly("A/USDT", "B/USDT", "TOTAL");
    assertThat(r.exitReasonSummary())
        .extracting(ResultTableRow::key)
        .containsExactlyInAnyOrder("exit_signal", "force_exit", "TOTAL");
    assertThat(r.summary().sharpe()).isEqualTo(-100.0); // zero variance, as Freqtrade reports it
  }

  @Test
  void rejectsInconsistentConfig() {
    assertThatThrownBy(
            () -> config(noExits()).stakeAmount(StakeAmount.UNLIMITED).maxOpenTrades(-1).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                engine.run(
                    config(noExits()).build(),
                    List.of(
                        flat("A", 3, 1, new int[0], new int[0]),
                        flat("A", 3, 1, new int[0], new int[0]))))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
