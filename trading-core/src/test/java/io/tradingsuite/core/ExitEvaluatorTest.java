package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Pins Freqtrade's per-candle exit rules (semantics spec §5-§7) on hand-made candles. Trades open
 * at 5000, amount 1, fee 0, 1h candles; {@code k} is the candle index after the entry candle
 * ({@code k = 0} = entry candle).
 */
class ExitEvaluatorTest {

  static final long H = 3_600_000L;
  static final long OPEN_TIME = 10 * H;

  static TradePosition trade(double stoploss) {
    return TradePosition.open("UNITTEST/BTC", OPEN_TIME, 5000, 1, 5000, 0, stoploss);
  }

  static ExitPlan.Builder plan() {
    return ExitPlan.builder().stoploss(-0.10).minimalRoi(RoiTable.of(0, 1.0)).useExitSignal(false);
  }

  static ExitDecision eval(
      ExitPlan plan, TradePosition t, int k, double o, double h, double l, double c) {
    return eval(plan, t, k, o, h, l, c, false, false);
  }

  static ExitDecision eval(
      ExitPlan plan,
      TradePosition t,
      int k,
      double o,
      double h,
      double l,
      double c,
      boolean enter,
      boolean exit) {
    ExitDecision d = new ExitDecision();
    new ExitEvaluator(plan, 60).evaluate(t, OPEN_TIME + k * H, o, h, l, c, enter, exit, d);
    return d;
  }

  static void assertExit(ExitDecision d, ExitReason reason, double rate) {
    assertThat(d.reason()).as(d.toString()).isEqualTo(reason);
    assertThat(d.closeRate()).as(d.toString()).isEqualTo(rate);
  }

  @Nested
  class Stoploss {
    @Test
    void triggersWhenLowReachesStopAndFillsAtTheStopPrice() {
      ExitPlan p = plan().stoploss(-0.01).build();
      TradePosition t = trade(-0.01);
      assertThat(eval(p, t, 1, 4987, 5012, 4951, 4990).isExit()).isFalse();
      assertExit(eval(p, trade(-0.01), 1, 4987, 5012, 4950, 4990), ExitReason.STOP_LOSS, 4950);
    }

    @Test
    void gapBelowTheWholeCandleFillsAtTheOpen() {
      assertExit(
          eval(plan().stoploss(-0.01).build(), trade(-0.01), 1, 4800, 4900, 4700, 4750),
          ExitReason.STOP_LOSS,
          4800);
    }

    @Test
    void openBelowStopWithHighAboveStillFillsAtTheStopPrice() {
      // tc11 rule: only stop > high uses the open
      assertExit(
          eval(plan().stoploss(-0.01).build(), trade(-0.01), 1, 4900, 5000, 4800, 4850),
          ExitReason.STOP_LOSS,
          4950);
    }

    @Test
    void stopCanTriggerOnTheEntryCandle() {
      assertExit(
          eval(plan().stoploss(-0.05).build(), trade(-0.05), 0, 5000, 5025, 4700, 4800),
          ExitReason.STOP_LOSS,
          4750);
    }
  }

  @Nested
  class Trailing {
    @Test
    void stopIsRaisedFromTheHighBeforeTheLowIsTested() {
      ExitPlan p = plan().trailingStop(true).build();
      // high 5600 -> stop 5040 first, then low 5000 hits it
      assertExit(
          eval(p, trade(-0.1), 1, 5100, 5600, 5000, 5050), ExitReason.TRAILING_STOP_LOSS, 5040);
    }

    @Test
    void noAdjustmentOnACandleWhoseLowAlreadyCrossedTheStop() {
      // tc33: stop 4500 <= low 4400 -> not raised from high 6000, plain stop_loss
      ExitPlan p = plan().trailingStop(true).trailingStopPositive(0.03).build();
      TradePosition t = trade(-0.1);
      assertExit(eval(p, t, 1, 5000, 6000, 4400, 4500), ExitReason.STOP_LOSS, 4500);
      assertThat(t.isStopLossTrailing()).isFalse();
    }

    @Test
    void trailsCandleByCandleAndOnlyUpwards() {
      ExitPlan p = plan().trailingStop(true).build();
      TradePosition t = trade(-0.1);
      assertThat(eval(p, t, 1, 5000, 5500, 4960, 5400).isExit()).isFalse();
      assertThat(t.stopLoss()).isEqualTo(4950.0);
      assertThat(eval(p, t, 2, 5400, 5450, 5000, 5100).isExit()).isFalse();
      assertThat(t.stopLoss()).isEqualTo(4950.0);
      assertExit(eval(p, t, 3, 5100, 5150, 4900, 4950), ExitReason.TRAILING_STOP_LOSS, 4950);
      assertThat(t.maxRate()).isEqualTo(5500.0);
    }

    @Test
    void positiveTrailingAppliesOnlyAboveTheOffset() {
      ExitPlan p =
          plan()
              .trailingStop(true)
              .trailingStopPositive(0.03)
              .trailingStopPositiveOffset(0.05)
              .build();
      TradePosition t = trade(-0.1);
      eval(p, t, 1, 5000, 5200, 5100, 5150); // profit 0.04 <= offset: base stoploss from high
      assertThat(t.stopLoss()).isEqualTo(5200 * 0.9);
      eval(p, t, 2, 5150, 5300, 5200, 5250); // profit 0.06 > offset: 3 % below high
      assertThat(t.stopLoss()).isEqualTo(5300 * 0.97);
    }

    @Test
    void onlyOffsetIsReachedKeepsTheInitialStopBelowTheOffset() {
      ExitPlan p =
          plan()
              .trailingStop(true)
              .trailingOnlyOffsetIsReached(true)
              .trailingStopPositive(0.03)
              .trailingStopPositiveOffset(0.05)
              .build();
      TradePosition t = trade(-0.1);
      eval(p, t, 1, 5000, 5200, 5100, 5150);
      assertThat(t.stopLoss()).isEqualTo(4500.0);
      assertThat(t.isStopLossTrailing()).isFalse();
      eval(p, t, 2, 5150, 5300, 5200, 5250);
      assertThat(t.stopLoss()).isEqualTo(5300 * 0.97);
      assertThat(t.isStopLossTrailing()).isTrue();
    }

    @Test
    void entryCandleTrailingExitsAtOpenMinusTheStopPercentage() {
      // tc34: ROI 0.1 not reached because round8(5500/5000-1) == 0.1 is not > 0.1
      ExitPlan p =
          plan()
              .minimalRoi(RoiTable.of(0, 0.1))
              .trailingStop(true)
              .trailingStopPositive(0.01)
              .build();
      assertExit(
          eval(p, trade(-0.1), 0, 5000, 5500, 4900, 5000), ExitReason.TRAILING_STOP_LOSS, 4950);
    }

    @Test
    void entryCandleTrailingWithOnlyOffsetAssumesTheOffsetWasReachedThenLost() {
      // tc35: 5000 * (1 + 0.02 - 0.01)
      ExitPlan p =
          plan()
              .minimalRoi(RoiTable.of(0, 0.1))
              .trailingStop(true)
              .trailingOnlyOffsetIsReached(true)
              .trailingStopPositive(0.01)
              .trailingStopPositiveOffset(0.02)
              .build();
      assertExit(
          eval(p, trade(-0.1), 0, 5000, 5500, 4900, 5000),
          ExitReason.TRAILING_STOP_LOSS,
          5000 * (1 + 0.02 - 0.01));
    }

    @Test
    void entryCandleTrailingPriceIsLimitedToTheLow() {
      // tc36: custom stoploss -> open * (1 - 0.01) = 4950 limited to low 4951
      ExitPlan p =
          plan()
              .stoploss(-0.01)
              .minimalRoi(RoiTable.of(0, 0.1))
              .trailingStop(true)
              .trailingOnlyOffsetIsReached(true)
              .trailingStopPositive(0.01)
              .trailingStopPositiveOffset(0.02)
              .useCustomStoploss(true)
              .build();
      assertExit(
          eval(p, trade(-0.01), 0, 5000, 5500, 4951, 5000), ExitReason.TRAILING_STOP_LOSS, 4951);
    }

    @Test
    void customStoplossIsReappliedFromTheHighWithTheProfitAtTheHigh() {
      AtomicReference<double[]> seen = new AtomicReference<>();
      ExitPlan p = plan().useCustomStoploss(true).build();
      ExitEvaluator ev =
          new ExitEvaluator(
              p,
              60,
              (trade, time, rate, profit) -> {
                seen.set(new double[] {rate, profit});
                return -0.05;
              });
      TradePosition t = trade(-0.1);
      ev.evaluate(t, OPEN_TIME + H, 5000, 5200, 5000, 5100, false, false, new ExitDecision());
      assertThat(seen.get()).containsExactly(5200, 0.04);
      assertThat(t.stopLoss()).isEqualTo(5200 * 0.95);
      assertThat(t.isStopLossTrailing()).isTrue();
      // default custom stoploss = plain stoploss re-applied from the high
      TradePosition t2 = trade(-0.1);
      new ExitEvaluator(p, 60)
          .evaluate(t2, OPEN_TIME + H, 5000, 5200, 5000, 5100, false, false, new ExitDecision());
      assertThat(t2.stopLoss()).isEqualTo(5200 * 0.9);
    }
  }

  @Nested
  class Roi {
    @Test
    void requiresStrictlyMoreThanTheRoiAtTheHigh() {
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.1)).build();
      assertThat(eval(p, trade(-0.1), 1, 5000, 5500, 4990, 5100).isExit()).isFalse();
      assertExit(eval(p, trade(-0.1), 1, 5000, 5501, 4990, 5100), ExitReason.ROI, 5500);
    }

    @Test
    void roiRateIsClampedIntoTheCandle() {
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.01)).build();
      assertExit(eval(p, trade(-0.1), 1, 5200, 5300, 5100, 5250), ExitReason.ROI, 5100);
      assertExit(eval(p, trade(-0.1), 0, 5000, 5100, 4990, 5050), ExitReason.ROI, 5050);
    }

    @Test
    void minusOneOnACandleBoundaryExitsAtTheOpen() {
      // tc17
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.1, 120, -1)).build();
      assertThat(eval(p, trade(-0.1), 1, 4990, 5000, 4900, 4950).isExit()).isFalse();
      assertExit(eval(p, trade(-0.1), 2, 4980, 5000, 4900, 4950), ExitReason.ROI, 4980);
    }

    @Test
    void minusOneOffABoundaryExitsAtTheLow() {
      // tc16: key 65 on 1h candles
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.1, 65, -1)).build();
      assertExit(eval(p, trade(-0.1), 2, 4980, 5000, 4940, 4950), ExitReason.ROI, 4940);
    }

    @Test
    void newRoiStepUsesTheOpenWhenTheOpenIsAlreadyAboveTheTarget() {
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.1, 120, 0.01)).build();
      assertExit(eval(p, trade(-0.1), 2, 5200, 5300, 5100, 5250), ExitReason.ROI, 5200); // tc18
      assertExit(eval(p, trade(-0.1), 2, 5000, 5100, 4900, 5050), ExitReason.ROI, 5050); // tc19
      assertExit(
          eval(p, trade(-0.1), 3, 5200, 5300, 5100, 5250), ExitReason.ROI, 5100); // step not new
    }

    @Test
    void newRoiStepOffACandleBoundaryUsesTheComputedRate() {
      // tc20: key 119 never equals a candle's duration
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.1, 119, 0.01)).build();
      assertExit(eval(p, trade(-0.1), 2, 5200, 5300, 5040, 5250), ExitReason.ROI, 5050);
    }

    @Test
    void entryCandleGuardRefusesRoiAboveTheCloseOfARedCandleAfterABelowOpenEntry() {
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.01)).build();
      TradePosition below = TradePosition.open("P", OPEN_TIME, 4952, 1, 4952, 0, -0.1);
      assertThat(eval(p, below, 0, 5000, 5500, 4951, 4999).isExit()).isFalse(); // tc42
      TradePosition below2 = TradePosition.open("P", OPEN_TIME, 4952, 1, 4952, 0, -0.1);
      assertExit(
          eval(p, below2, 0, 5400, 5500, 4951, 5100),
          ExitReason.ROI,
          ProfitCalculator.roiCloseRate(4952, 0.01, 0, 0)); // tc43
      TradePosition below3 = TradePosition.open("P", OPEN_TIME, 4952, 1, 4952, 0, -0.1);
      assertExit(
          eval(p, below3, 1, 4900, 5250, 4500, 5100),
          ExitReason.ROI,
          ProfitCalculator.roiCloseRate(4952, 0.01, 0, 0)); // next candle
    }

    @Test
    void emptyTableNeverExits() {
      ExitPlan p = plan().minimalRoi(RoiTable.disabled()).build();
      assertThat(eval(p, trade(-0.1), 5, 9000, 9900, 8000, 9000).isExit()).isFalse();
    }

    @Test
    void ignoredWhileTheEntrySignalIsSetWhenConfigured() {
      ExitPlan p = plan().minimalRoi(RoiTable.of(0, 0.01)).ignoreRoiIfEntrySignal(true).build();
      assertThat(eval(p, trade(-0.1), 1, 5000, 5200, 4990, 5100, true, false).isExit()).isFalse();
      assertThat(eval(p, trade(-0.1), 1, 5000, 5200, 4990, 5100, false, false).isExit()).isTrue();
    }
  }

  @Nested
  class ExitSignalAndPriority {
    @Test
    void exitSignalFillsAtTheOpen() {
      ExitPlan p = plan().useExitSignal(true).build();
      assertExit(
          eval(p, trade(-0.1), 3, 5010, 5025, 4975, 4990, false, true),
          ExitReason.EXIT_SIGNAL,
          5010);
    }

    @Test
    void exitSignalIgnoredWithEntrySignalOrWhenDisabled() {
      assertThat(
              eval(
                      plan().useExitSignal(true).build(),
                      trade(-0.1),
                      3,
                      5010,
                      5025,
                      4975,
                      4990,
                      true,
                      true)
                  .isExit())
          .isFalse();
      assertThat(
              eval(
                      plan().useExitSignal(false).build(),
                      trade(-0.1),
                      3,
                      5010,
                      5025,
                      4975,
                      4990,
                      false,
                      true)
                  .isExit())
          .isFalse();
    }

    @Test
    void exitProfitOnlyNeedsProfitStrictlyAboveTheOffsetAtTheOpen() {
      ExitPlan p = plan().useExitSignal(true).exitProfitOnly(true).build();
      assertThat(eval(p, trade(-0.1), 3, 5000, 5025, 4975, 4990, false, true).isExit()).isFalse();
      assertExit(
          eval(p, trade(-0.1), 3, 5010, 5025, 4975, 4990, false, true),
          ExitReason.EXIT_SIGNAL,
          5010);
      ExitPlan off = plan().useExitSignal(true).exitProfitOnly(true).exitProfitOffset(0.01).build();
      assertThat(eval(off, trade(-0.1), 3, 5040, 5045, 5000, 5010, false, true).isExit()).isFalse();
      assertThat(eval(off, trade(-0.1), 3, 5051, 5060, 5000, 5010, false, true).isExit()).isTrue();
    }

    @Test
    void exitSignalBeatsStopAndRoi() {
      ExitPlan p = plan().useExitSignal(true).minimalRoi(RoiTable.of(0, 0.01)).build();
      assertExit(
          eval(p, trade(-0.1), 3, 5010, 5600, 4000, 4990, false, true),
          ExitReason.EXIT_SIGNAL,
          5010);
    }

    @Test
    void untrailedStopBeatsRoi() {
      // tc4/tc6
      ExitPlan p = plan().stoploss(-0.02).minimalRoi(RoiTable.of(0, 0.06)).build();
      assertExit(eval(p, trade(-0.02), 1, 5000, 5400, 4800, 5000), ExitReason.STOP_LOSS, 4900);
    }

    @Test
    void roiBeatsATrailedStop() {
      // tc21/tc22: trailing caps at ROI
      ExitPlan p =
          plan()
              .minimalRoi(RoiTable.of(0, 0.04))
              .trailingStop(true)
              .trailingOnlyOffsetIsReached(true)
              .trailingStopPositive(0.03)
              .trailingStopPositiveOffset(0.05)
              .build();
      TradePosition t = trade(-0.1);
      assertExit(eval(p, t, 1, 5000, 5300, 5100, 5200), ExitReason.ROI, 5200);
      assertThat(t.isStopLossTrailing()).isTrue();
    }
  }
}
