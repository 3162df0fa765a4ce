package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TradePositionTest {

  @Test
  void initialStopFromOpenRateAndOnlyMovesUp() {
    TradePosition t = TradePosition.open("P", 0, 5000, 1, 5000, 0, -0.1);
    assertThat(t.stopLoss()).isEqualTo(4500.0);
    assertThat(t.initialStopLoss()).isEqualTo(4500.0);
    assertThat(t.stopLossPct()).isEqualTo(-0.1);
    assertThat(t.isStopLossTrailing()).isFalse();

    t.adjustStopLoss(5000, -0.1, true); // initial: no-op once set
    t.adjustStopLoss(4900, -0.1, false); // lower: ignored
    assertThat(t.stopLoss()).isEqualTo(4500.0);
    assertThat(t.isStopLossTrailing()).isFalse();

    t.adjustStopLoss(5500, -0.03, false);
    assertThat(t.stopLoss()).isEqualTo(5500 * 0.97);
    assertThat(t.stopLossPct()).isEqualTo(-0.03);
    assertThat(t.isStopLossTrailing()).isTrue();
    assertThat(t.initialStopLoss()).isEqualTo(4500.0);
  }

  @Test
  void firstEntryFillReinitialisesTheStopFromTheFillPrice() {
    TradePosition t = TradePosition.open("P", 0, 4200, 1, 4200, 0, -0.2);
    t.onFirstEntryFilled(5200, 0.8, 4160);
    assertThat(t.openRate()).isEqualTo(5200.0);
    assertThat(t.stopLoss()).isEqualTo(5200 * 0.8);
    assertThat(t.isStopLossTrailing()).isFalse();
    assertThat(t.profitRatio(5200)).isZero();
  }

  @Test
  void stopIsRoundedUpToPricePrecision() {
    TradePosition t = new TradePosition("P", 0, 1.23456, 1, 1, 0, 0, 3);
    t.adjustStopLoss(1.23456, -0.1, true);
    assertThat(t.stopLoss()).isEqualTo(1.112); // 1.111104 rounded up
  }

  @Test
  void minMaxRatesAndDuration() {
    TradePosition t = TradePosition.open("P", 3_600_000L, 100, 1, 100, 0, -0.1);
    t.updateMinMax(110, 95);
    t.updateMinMax(105, 97);
    assertThat(t.maxRate()).isEqualTo(110.0);
    assertThat(t.minRate()).isEqualTo(95.0);
    assertThat(t.durationMinutes(3_600_000L + 119_999L)).isEqualTo(1);
  }

  @Test
  void profitUsesFeesBothSides() {
    TradePosition t = TradePosition.open("P", 0, 5000, 2, 10000, 0.001, -0.1);
    assertThat(t.openTradeValue()).isEqualTo(10010.0);
    assertThat(t.profitAbs(5150)).isEqualTo(279.7);
    assertThat(t.profitRatio(5150)).isEqualTo(ProfitCalculator.profitRatio(2, 5000, 5150, 0.001));
  }
}
