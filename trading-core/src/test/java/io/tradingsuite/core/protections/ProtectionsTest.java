package io.tradingsuite.core.protections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.core.Timeframe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Pins Freqtrade's protections and lock semantics (spec §10) on hand-made closed-trade streams. */
class ProtectionsTest {

  static final long M = 60_000L;
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  static final Timeframe TF = Timeframe.parse("5m");

  static ClosedTrade trade(String pair, long minute, double ratio, String reason) {
    return ClosedTrade.of(pair, T0 + minute * M, ratio, ratio * 100, reason);
  }

  static ProtectionManager manager(Map<String, Object> dict) {
    return ProtectionManager.fromConfig(List.of(dict), TF);
  }

  @Nested
  class Config {
    @Test
    void candleCountsAreMultipliedByTheTimeframeAndDefaultsAre60Minutes() {
      ProtectionConfig c =
          ProtectionConfig.parse(
              Map.of(
                  "method",
                  "StoplossGuard",
                  "lookback_period_candles",
                  24,
                  "stop_duration_candles",
                  4),
              TF);
      assertThat(c.lookbackMinutes()).isEqualTo(120);
      assertThat(c.stopDurationMinutes()).isEqualTo(20);
      ProtectionConfig d = ProtectionConfig.parse(Map.of("method", "CooldownPeriod"), TF);
      assertThat(d.lookbackMinutes()).isEqualTo(60);
      assertThat(d.stopDurationMinutes()).isEqualTo(60);
      assertThatThrownBy(
              () -> Protection.create(ProtectionConfig.parse(Map.of("method", "Nope"), TF)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class StoplossGuardRules {
    final Map<String, Object> cfg =
        Map.of(
            "method",
            "StoplossGuard",
            "lookback_period",
            60,
            "trade_limit",
            2,
            "stop_duration",
            30);

    @Test
    void locksGloballyAfterTradeLimitStoplossesInTheLookback() {
      ProtectionManager pm = manager(cfg);
      assertThat(pm.onTradeClosed(trade("A", 10, -0.05, "stop_loss"))).isEmpty();
      List<PairLock> locks = pm.onTradeClosed(trade("B", 20, -0.05, "trailing_stop_loss"));
      // per-pair lock for B needs 2 stops on B: none; global lock: 2 stops
      assertThat(locks).hasSize(1);
      PairLock lock = locks.get(0);
      assertThat(lock.pair()).isEqualTo("*");
      // until = last close (20) + 30 = minute 50 -> next 5m boundary after it = 55
      assertThat(lock.lockEndTime()).isEqualTo(T0 + 55 * M);
      assertThat(pm.isPairLocked("C", T0 + 55 * M, "long")).isTrue();
      assertThat(pm.isPairLocked("C", T0 + 56 * M, "long")).isFalse();
    }

    @Test
    void ignoresNonStopExitsProfitableStopsAndTradesOutsideTheLookback() {
      ProtectionManager pm = manager(cfg);
      pm.onTradeClosed(trade("A", 0, -0.05, "stop_loss"));
      pm.onTradeClosed(trade("A", 70, -0.05, "roi"));
      pm.onTradeClosed(trade("A", 75, 0.01, "trailing_stop_loss"));
      // the stop at minute 0 is not > now(80) - 60
      assertThat(pm.onTradeClosed(trade("A", 80, -0.05, "stop_loss"))).isEmpty();
    }

    @Test
    void requiredProfitAndOnlyPerPair() {
      ProtectionManager pm =
          manager(
              Map.of(
                  "method",
                  "StoplossGuard",
                  "trade_limit",
                  2,
                  "required_profit",
                  0.02,
                  "only_per_pair",
                  true));
      pm.onTradeClosed(trade("A", 1, 0.01, "trailing_stop_loss"));
      pm.onTradeClosed(trade("B", 2, 0.01, "trailing_stop_loss"));
      assertThat(pm.locks().all()).isEmpty(); // no global lock with only_per_pair
      List<PairLock> locks = pm.onTradeClosed(trade("A", 3, 0.01, "stop_loss"));
      assertThat(locks).extracting(PairLock::pair).containsExactly("A");
      assertThat(pm.isPairLocked("B", T0 + 4 * M, "long")).isFalse();
      assertThat(pm.isPairLocked("A", T0 + 4 * M, "long")).isTrue();
    }
  }

  @Nested
  class Cooldown {
    @Test
    void locksThePairUntilLastClosePlusStopDuration() {
      ProtectionManager pm =
          manager(Map.of("method", "CooldownPeriod", "stop_duration_candles", 2));
      List<PairLock> locks = pm.onTradeClosed(trade("A", 10, 0.05, "roi"));
      assertThat(locks).hasSize(1);
      assertThat(locks.get(0).pair()).isEqualTo("A");
      // 10 + 10 = 20, aligned -> next boundary 25
      assertThat(locks.get(0).lockEndTime()).isEqualTo(T0 + 25 * M);
      assertThat(pm.isPairLocked("A", T0 + 25 * M, "long")).isTrue();
      assertThat(pm.isPairLocked("A", T0 + 30 * M, "long")).isFalse();
      assertThat(pm.isPairLocked("B", T0 + 15 * M, "long")).isFalse();
    }

    @Test
    void anExistingLongerLockIsNotDuplicated() {
      ProtectionManager pm = manager(Map.of("method", "CooldownPeriod", "stop_duration", 60));
      pm.onTradeClosed(trade("A", 10, 0.05, "roi"));
      // a second close at the same time asks for the same end: already locked at 'until'
      assertThat(pm.onTradeClosed(trade("A", 10, 0.01, "roi"))).isEmpty();
    }
  }

  @Nested
  class LowProfit {
    @Test
    void locksWhenTheSumOfRatiosIsBelowRequiredProfit() {
      ProtectionManager pm =
          manager(
              Map.of(
                  "method",
                  "LowProfitPairs",
                  "lookback_period",
                  120,
                  "trade_limit",
                  2,
                  "required_profit",
                  0.0,
                  "stop_duration",
                  60));
      assertThat(pm.onTradeClosed(trade("A", 10, -0.02, "roi"))).isEmpty(); // only 1 trade
      assertThat(pm.onTradeClosed(trade("A", 20, 0.03, "roi"))).isEmpty(); // sum +0.01
      List<PairLock> locks = pm.onTradeClosed(trade("A", 30, -0.02, "exit_signal")); // sum -0.01
      assertThat(locks).extracting(PairLock::pair).containsExactly("A");
      assertThat(locks.get(0).lockEndTime()).isEqualTo(T0 + 95 * M);
    }
  }

  @Nested
  class Drawdown {
    @Test
    void runningMaximumStartsAtTheFirstTradeNotAtZero() {
      List<ClosedTrade> lossesOnly =
          List.of(trade("A", 1, -0.05, "stop_loss"), trade("A", 2, -0.05, "stop_loss"));
      assertThat(MaxDrawdown.maxDrawdown(lossesOnly)).isEqualTo(0.05);
      assertThat(MaxDrawdown.maxDrawdown(List.of(trade("A", 1, -0.5, "stop_loss")))).isZero();
      List<ClosedTrade> up = List.of(trade("A", 1, 0.1, "roi"), trade("A", 2, 0.05, "roi"));
      assertThat(MaxDrawdown.maxDrawdown(up)).isZero();
      List<ClosedTrade> upDown =
          List.of(
              trade("A", 1, 0.1, "roi"),
              trade("B", 2, -0.04, "stop_loss"),
              trade("A", 3, 0.01, "roi"),
              trade("B", 4, -0.05, "stop_loss"));
      assertThat(MaxDrawdown.maxDrawdown(upDown))
          .isCloseTo(0.08, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void locksEveryPairAboveTheAllowedDrawdown() {
      ProtectionManager pm =
          manager(
              Map.of(
                  "method",
                  "MaxDrawdown",
                  "lookback_period",
                  600,
                  "trade_limit",
                  3,
                  "max_allowed_drawdown",
                  0.05,
                  "stop_duration",
                  60));
      pm.onTradeClosed(trade("A", 10, 0.02, "roi"));
      pm.onTradeClosed(trade("B", 20, -0.03, "stop_loss"));
      assertThat(pm.locks().all()).isEmpty(); // 2 trades < trade_limit
      List<PairLock> locks = pm.onTradeClosed(trade("C", 30, -0.03, "stop_loss")); // drawdown 0.06
      assertThat(locks).extracting(PairLock::pair).containsExactly("*");
      assertThat(pm.isPairLocked("Z", T0 + 60 * M, "long")).isTrue();
    }
  }

  @Test
  void tradeHistoryKeepsCloseOrderAndFiltersStrictlyAfter() {
    TradeHistory h = new TradeHistory();
    h.add(trade("A", 10, 0, "roi"));
    h.add(trade("B", 30, 0, "roi"));
    h.add(trade("A", 20, 0, "roi")); // late arrival
    assertThat(h.all())
        .extracting(ClosedTrade::closeTime)
        .containsExactly(T0 + 10 * M, T0 + 20 * M, T0 + 30 * M);
    assertThat(h.closedAfter(null, T0 + 10 * M)).hasSize(2);
    assertThat(h.closedAfter("A", T0)).hasSize(2);
  }

  @Test
  void lockSideFiltering() {
    PairLocks locks = new PairLocks(TF);
    locks.lockPair("A", T0, "x", T0, "long");
    assertThat(locks.isPairLocked("A", T0, "long")).isTrue();
    assertThat(locks.isPairLocked("A", T0, "short")).isFalse();
    assertThat(locks.isPairLocked("A", T0, null)).isTrue();
  }
}
