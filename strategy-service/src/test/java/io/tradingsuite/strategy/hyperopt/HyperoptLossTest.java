package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Each loss against values computed by hand from Freqtrade's formulas. Four trades on a 1000
 * balance over 10 days (2024-01-01 .. 2024-01-11): profit_abs 10, -5, 20, -15 (ratios 0.10, -0.05,
 * 0.20, -0.15), durations 60, 120, 30, 300 min, closed on Jan 2, Jan 2, Jan 4, Jan 6. Returns on
 * the balance r = .01, -.005, .02, -.015: sum .01, mean per day .001, population sd sqrt(7.25e-4 /
 * 4) = .0134629; cumulative profit 10, 5, 25, 10: max drawdown 15 at the 4th trade from a high of
 * 25 (relative 15 / 1025).
 */
class HyperoptLossTest {

  static final long DAY = 86_400_000L;
  static final long JAN1 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  static LossInput sample() {
    return new LossInput(
        new double[] {0.10, -0.05, 0.20, -0.15},
        new double[] {10, -5, 20, -15},
        new double[] {60, 120, 30, 300},
        new long[] {
          JAN1 + DAY + 10 * 3_600_000L,
          JAN1 + DAY + 20 * 3_600_000L,
          JAN1 + 3 * DAY + 3_600_000L,
          JAN1 + 5 * DAY + 12 * 3_600_000L
        },
        Instant.ofEpochMilli(JAN1),
        Instant.ofEpochMilli(JAN1 + 10 * DAY),
        1000);
  }

  @Test
  void shortTradeDuration() {
    // trade_loss 1 - 0.25 exp(-(4-600)^2 / 10^5.8) = 0.99401..; profit_loss 1 - 0.10/3; duration
    // 0.4 * 127.5/300
    double tradeLoss = 1 - 0.25 * Math.exp(-(596.0 * 596.0) / Math.pow(10, 5.8));
    double expected = tradeLoss + (1 - 0.1 / 3) + 0.4 * 127.5 / 300;
    assertThat(HyperoptLoss.ShortTradeDurHyperOptLoss.loss(sample()))
        .isCloseTo(expected, within(1e-12))
        .isCloseTo(1.994289235472957, within(1e-12));
  }

  @Test
  void onlyProfit() {
    assertThat(HyperoptLoss.OnlyProfitHyperOptLoss.loss(sample())).isEqualTo(-10.0);
  }

  @Test
  void sharpe() {
    // -(0.001 / 0.0134629 * sqrt(365))
    assertThat(HyperoptLoss.SharpeHyperOptLoss.loss(sample()))
        .isCloseTo(-1.4190817818040917, within(1e-12));
  }

  @Test
  void sortino() {
    // downside returns -.005, -.015: population sd .005 -> -(0.001 / 0.005 * sqrt(365))
    assertThat(HyperoptLoss.SortinoHyperOptLoss.loss(sample()))
        .isCloseTo(-(0.001 / 0.005 * Math.sqrt(365)), within(1e-12))
        .isCloseTo(-3.8209946349085606, within(1e-12));
  }

  @Test
  void sharpeDaily() {
    // 11 daily sums (Jan 1..Jan 11) of ratio - 0.0005: Jan 2 .049, Jan 4 .1995, Jan 6 -.1505, else
    // 0;
    // mean .098/11, sample sd (ddof 1)
    double[] d = {0, 0.049, 0, 0.1995, 0, -0.1505, 0, 0, 0, 0, 0};
    double mean = 0.098 / 11;
    double ss = 0;
    for (double x : d) {
      ss += (x - mean) * (x - mean);
    }
    double expected = -(mean / Math.sqrt(ss / 10) * Math.sqrt(365));
    assertThat(HyperoptLoss.SharpeHyperOptLossDaily.loss(sample()))
        .isCloseTo(expected, within(1e-12))
        .isCloseTo(-2.127958257447434, within(1e-12));
  }

  @Test
  void sortinoDaily() {
    // downside: sqrt(.1505^2 / 11)
    double expected = -(0.098 / 11 / Math.sqrt(0.1505 * 0.1505 / 11) * Math.sqrt(365));
    assertThat(HyperoptLoss.SortinoHyperOptLossDaily.loss(sample()))
        .isCloseTo(expected, within(1e-12))
        .isCloseTo(-3.750936097660422, within(1e-12));
  }

  @Test
  void calmar() {
    // expected return 10/1000/10*100 = 0.1 % per day; relative drawdown 15/1025
    double expected = -(0.1 / (15.0 / 1025) * Math.sqrt(365));
    assertThat(HyperoptLoss.CalmarHyperOptLoss.loss(sample()))
        .isCloseTo(expected, within(1e-9))
        .isCloseTo(-130.55065002604246, within(1e-9));
  }

  @Test
  void maxDrawDown() {
    assertThat(HyperoptLoss.MaxDrawDownHyperOptLoss.loss(sample()))
        .isCloseTo(-10.0 / 15.0, within(1e-15));
  }

  @Test
  void maxDrawDownRelative() {
    // -profit / abs drawdown / max relative drawdown = -10 / 15 / (15/1025)
    assertThat(HyperoptLoss.MaxDrawDownRelativeHyperOptLoss.loss(sample()))
        .isCloseTo(-10.0 / 15.0 / (15.0 / 1025), within(1e-9))
        .isCloseTo(-45.55555555555555, within(1e-9));
  }

  @Test
  void profitDrawDown() {
    // -(10 - (15/1025 * 10) * (1 - 0.055))
    assertThat(HyperoptLoss.ProfitDrawDownHyperOptLoss.loss(sample()))
        .isCloseTo(-(10 - (15.0 / 1025 * 10) * 0.945), within(1e-12));
  }

  @Test
  void withoutALosingTradeDrawdownLossesFallBackAsFreqtrade() {
    LossInput winners =
        new LossInput(
            new double[] {0.1, 0.2},
            new double[] {10, 20},
            new double[] {5, 5},
            new long[] {JAN1 + DAY, JAN1 + 2 * DAY},
            Instant.ofEpochMilli(JAN1),
            Instant.ofEpochMilli(JAN1 + 5 * DAY),
            1000);
    assertThat(HyperoptLoss.MaxDrawDownHyperOptLoss.loss(winners)).isEqualTo(-30.0);
    assertThat(HyperoptLoss.MaxDrawDownRelativeHyperOptLoss.loss(winners)).isEqualTo(-30.0);
    assertThat(HyperoptLoss.ProfitDrawDownHyperOptLoss.loss(winners)).isEqualTo(-30.0);
    // Sortino without losing trades: -(-100); Calmar without drawdown: -(-100)
    assertThat(HyperoptLoss.SortinoHyperOptLoss.loss(winners)).isEqualTo(100.0);
    assertThat(HyperoptLoss.CalmarHyperOptLoss.loss(winners)).isEqualTo(100.0);
  }

  @Test
  void namesAreFreqtradesAndUnknownOnesNameTheField() {
    assertThat(HyperoptLoss.values()).hasSize(10);
    assertThat(HyperoptLoss.parse("CalmarHyperOptLoss")).isEqualTo(HyperoptLoss.CalmarHyperOptLoss);
    assertThatThrownBy(() -> HyperoptLoss.parse("NoSuchLoss"))
        .isInstanceOf(HyperoptInputException.class)
        .satisfies(e -> assertThat(((HyperoptInputException) e).field()).isEqualTo("loss"));
  }
}
