package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProfitCalculatorTest {

  @Test
  void feesAreChargedOnBothSides() {
    // spec example: long, fee 0.1 %, 5000 -> 5150
    double r = ProfitCalculator.profitRatio(1.0, 5000, 5150, 0.001);
    assertThat(r).isEqualTo(FtMath.round8(5150 * 0.999 / (5000 * 1.001) - 1));
    assertThat(r).isCloseTo(0.02794, within(1e-5));
    double open = ProfitCalculator.openValue(2.0, 5000, 0.001);
    double close = ProfitCalculator.closeValue(2.0, 5150, 0.001);
    assertThat(open).isEqualTo(10010.0);
    assertThat(close).isEqualTo(10289.7);
    assertThat(ProfitCalculator.profitAbs(open, close)).isEqualTo(279.7);
  }

  @Test
  void ratioIsRoundedTo8Decimals() {
    assertThat(ProfitCalculator.profitRatio(0.0002, 5000, 5500, 0.0)).isEqualTo(0.1);
    assertThat(ProfitCalculator.profitRatio(0.0, 0.0)).isZero();
  }

  @Test
  void roiCloseRateIsFreqtradesFormula() {
    // Freqtrade's rate makes the *absolute* profit roi * open_rate after both fees, so the
    // fee-inclusive
    // ratio is roi / (1 + fee_open): 0.02 / 1.001
    double rate = ProfitCalculator.roiCloseRate(5000, 0.02, 0.001, 0.001);
    assertThat(rate).isEqualTo(-(5000 * 0.02 + 5000 * 1.001) / (0.001 - 1));
    assertThat(
            ProfitCalculator.profitAbs(
                ProfitCalculator.openValue(1.0, 5000, 0.001),
                ProfitCalculator.closeValue(1.0, rate, 0.001)))
        .isCloseTo(100.0, within(1e-8));
    assertThat(ProfitCalculator.profitRatio(1.0, 5000, rate, 0.001))
        .isCloseTo(0.02 / 1.001, within(1e-8));
    assertThat(ProfitCalculator.roiCloseRate(5000, 0.01, 0, 0)).isEqualTo(5050.0);
    assertThat(ProfitCalculator.roiCloseRate(5000, -1, 0, 0)).isEqualTo(0.0);
  }

  @Test
  void stopPriceUsesAbsoluteRatio() {
    assertThat(ProfitCalculator.stopPrice(5000, -0.1)).isEqualTo(4500.0);
    assertThat(ProfitCalculator.stopPrice(5000, 0.1)).isEqualTo(4500.0);
  }
}
