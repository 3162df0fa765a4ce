package io.tradingsuite.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.e2e.harness.TradeComparison.Trade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison the parity and crash tests rely on: what counts as the same trade, and what not.
 */
class TradeComparisonTest {
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  static final Instant LAST = T0.plusSeconds(3600);

  static Trade closed(
      String pair, int openMin, int closeMin, String reason, String close, String profit) {
    return new Trade(
        pair,
        T0.plusSeconds(60L * openMin),
        T0.plusSeconds(60L * closeMin),
        reason,
        new BigDecimal("100.5"),
        new BigDecimal(close),
        new BigDecimal("0.99502487562189"),
        new BigDecimal("100"),
        new BigDecimal(profit),
        new BigDecimal("0.01"),
        false,
        "tr-1");
  }

  static Trade open(String pair, int openMin) {
    return new Trade(
        pair,
        T0.plusSeconds(60L * openMin),
        null,
        null,
        new BigDecimal("100.5"),
        null,
        new BigDecimal("0.99502487562189"),
        new BigDecimal("100"),
        null,
        null,
        true,
        "tr-2");
  }

  @Test
  void equalTradesMatchToEightDecimals() {
    Trade replay = closed("BTC/USDT", 5, 30, "roi", "102.000000001", "1.23456789");
    Trade backtest = closed("BTC/USDT", 5, 30, "roi", "102.0000000012", "1.234567894");
    TradeComparison.Report r = TradeComparison.compare(List.of(replay), List.of(backtest), LAST);
    assertThat(r.parity()).as(r.describe()).isTrue();
    assertThat(r.compared()).isEqualTo(1);
  }

  @Test
  void aDifferenceInTheEighthDecimalIsADifference() {
    Trade replay = closed("BTC/USDT", 5, 30, "roi", "102", "1.23456789");
    Trade backtest = closed("BTC/USDT", 5, 30, "roi", "102", "1.23456790");
    TradeComparison.Report r = TradeComparison.compare(List.of(replay), List.of(backtest), LAST);
    assertThat(r.differences())
        .singleElement()
        .asString()
        .contains("profit_abs 1.23456789 (replay) vs 1.23456790");
  }

  @Test
  void exitCandleReasonAndMissingTradesAreDifferences() {
    TradeComparison.Report r =
        TradeComparison.compare(
            List.of(
                closed("BTC/USDT", 5, 35, "stop_loss", "99", "-1"),
                closed("ETH/USDT", 10, 20, "roi", "1", "1")),
            List.of(
                closed("BTC/USDT", 5, 30, "exit_signal", "99", "-1"),
                closed("SOL/USDT", 10, 20, "roi", "1", "1")),
            LAST);
    assertThat(r.differences()).hasSize(3);
    assertThat(r.describe())
        .contains("close_date", "exit_reason stop_loss (replay) vs exit_signal (backtest)")
        .contains("only in the backtest: SOL/USDT")
        .contains("only in the replay: ETH/USDT");
  }

  @Test
  void aTradeOpenAtTheEndIsTheBacktestsForceExit() {
    TradeComparison.Report r =
        TradeComparison.compare(
            List.of(open("BTC/USDT", 50)),
            List.of(closed("BTC/USDT", 50, 60, "force_exit", "101", "0.5")),
            LAST);
    assertThat(r.parity()).as(r.describe()).isTrue();
    assertThat(r.openAtEnd()).isEqualTo(1);

    TradeComparison.Report closedEarly =
        TradeComparison.compare(
            List.of(closed("BTC/USDT", 50, 55, "roi", "101", "0.5")),
            List.of(closed("BTC/USDT", 50, 60, "force_exit", "101", "0.5")),
            LAST);
    assertThat(closedEarly.parity()).isFalse();
  }

  @Test
  void anEntryOnTheLastCandleIsLeftOutButNothingElse() {
    TradeComparison.Report r =
        TradeComparison.compare(List.of(open("BTC/USDT", 60)), List.of(), LAST);
    assertThat(r.parity()).isTrue();
    assertThat(r.enteredOnLastCandle()).hasSize(1);

    TradeComparison.Report earlier =
        TradeComparison.compare(List.of(open("BTC/USDT", 55)), List.of(), LAST);
    assertThat(earlier.parity()).isFalse();
  }

  @Test
  void twoTradesOnOneEntryCandleAreRefused() {
    assertThatThrownBy(
            () ->
                TradeComparison.compare(
                    List.of(open("BTC/USDT", 5), open("BTC/USDT", 5)), List.of(), LAST))
        .hasMessageContaining("two trades");
  }
}
