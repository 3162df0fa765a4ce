package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FillRulesTest {

  @Test
  void entryPriceIsOpenOrCustomButNeverAboveHigh() {
    assertThat(FillRules.entryPrice(5000, 5500, Double.NaN, -1)).isEqualTo(5000.0);
    assertThat(FillRules.entryPrice(5000, 5500, 4952, -1)).isEqualTo(4952.0);
    assertThat(FillRules.entryPrice(5000, 5500, 7200, -1)).isEqualTo(5500.0); // tc40
    assertThat(FillRules.entryPrice(5000, 5500, 4952.126, 2)).isEqualTo(4952.13);
  }

  @Test
  void exitPriceNeverBelowLow() {
    assertThat(FillRules.exitPrice(5100, 4950, Double.NaN, -1)).isEqualTo(5100.0);
    assertThat(FillRules.exitPrice(5100, 4950, 4552, -1)).isEqualTo(4950.0); // tc44
    assertThat(FillRules.exitPrice(5100, 4950, 6052, -1)).isEqualTo(6052.0); // tc45: stays unfilled
  }

  @Test
  void ordersFillInsideTheCandleRangeInclusive() {
    assertThat(FillRules.fills(4950, 4950, 5100)).isTrue();
    assertThat(FillRules.fills(5100, 4950, 5100)).isTrue();
    assertThat(FillRules.fills(4200, 4951, 5500)).isFalse();
    assertThat(FillRules.fills(6052, 4950, 5100)).isFalse();
  }

  @Test
  void timeoutIsStrictlyOlderThanNowMinusTimeout() {
    long h = 3_600_000L;
    assertThat(FillRules.timedOut(h, 2 * h, 10 * 60_000L)).isTrue();
    assertThat(FillRules.timedOut(h, 2 * h, 60 * 60_000L))
        .isFalse(); // tc51: equal is not timed out
    assertThat(FillRules.timedOut(h, 3 * h, 60 * 60_000L)).isTrue();
    assertThat(FillRules.timedOut(h, 100 * h, -1)).isFalse();
  }
}
