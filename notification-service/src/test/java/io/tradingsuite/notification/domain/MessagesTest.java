package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.TradingMode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static Fill fill(
      String id,
      OrderSide side,
      String price,
      String amount,
      String fee,
      String feeCurrency,
      FillStatus status,
      Instant at) {
    return new Fill(
        id,
        "co-" + id,
        "d-" + id,
        "s-" + id,
        "trade-1",
        "binance",
        "BTC/USDT",
        side,
        new BigDecimal(price),
        new BigDecimal(amount),
        new BigDecimal(fee),
        feeCurrency,
        TradingMode.PAPER,
        status,
        side == OrderSide.SELL ? "roi" : null,
        null,
        at);
  }

  @Test
  void entryThenExitTellsProfitNetOfBothFees() {
    Fill entry = fill("f1", OrderSide.BUY, "100", "1", "0.1", "USDT", FillStatus.FILLED, T0);
    Notification in = Messages.entry(entry);
    assertThat(in.id()).isEqualTo("entry_fill:f1");
    assertThat(in.text())
        .contains(
            "Entry filled: BTC/USDT on binance (paper)",
            "Amount: 1.00000000 @ 100.00000000",
            "Stake: 100.00000000 USDT");
    Position p = Position.open(entry);

    Fill exit =
        fill(
            "f2",
            OrderSide.SELL,
            "110",
            "1",
            "0.11",
            "USDT",
            FillStatus.FILLED,
            T0.plusSeconds(3900));
    Position.Exit result = p.applyExit(exit, T0.plusSeconds(4000));
    // 110 - 0.11 - (100 + 0.1) = 9.79 ; 9.79 / 100.1 = 9.78 %
    assertThat(result.profitAbs()).isEqualByComparingTo("9.79");
    assertThat(result.after().isOpen()).isFalse();
    Notification out = Messages.exit(exit, result);
    assertThat(out.text())
        .contains(
            "Exit filled: BTC/USDT on binance (paper) - roi",
            "Profit: 9.79000000 USDT (9.78%)",
            "Duration: 1h 5m");
    assertThat(out.fields())
        .containsEntry("profit_abs", "9.79000000")
        .containsEntry("profit_pct", "9.78")
        .containsEntry("kind", "exit_fill")
        .containsEntry("pair", "BTC/USDT");
  }

  @Test
  void partialExitsShareTheEntryCostAndTheLastClosesTheTrade() {
    Position p =
        Position.open(fill("f1", OrderSide.BUY, "100", "2", "0", "USDT", FillStatus.FILLED, T0));
    Position.Exit first =
        p.applyExit(
            fill("f2", OrderSide.SELL, "90", "0.5", "0", "USDT", FillStatus.PARTIALLY_FILLED, T0),
            T0);
    assertThat(first.profitAbs()).isEqualByComparingTo("-5");
    assertThat(first.after().isOpen()).isTrue();
    Position.Exit second =
        first
            .after()
            .applyExit(
                fill("f3", OrderSide.SELL, "120", "1.5", "0", "USDT", FillStatus.FILLED, T0), T0);
    assertThat(second.profitAbs()).isEqualByComparingTo("30");
    assertThat(second.after().isOpen()).isFalse();
    assertThat(second.after().realizedProfit()).isEqualByComparingTo("25");
    assertThat(
            Messages.exit(
                    fill("f3", OrderSide.SELL, "120", "1.5", "0", "USDT", FillStatus.FILLED, T0),
                    second)
                .text())
        .contains("Trade total: 25.00000000 USDT");
  }

  @Test
  void feesInBaseAreConvertedAndThirdCurrencyFeesAreSaidToBeLeftOut() {
    Fill baseFee = fill("f1", OrderSide.BUY, "100", "1", "0.001", "BTC", FillStatus.FILLED, T0);
    assertThat(Position.feeInQuote(baseFee)).isEqualByComparingTo("0.1");
    Fill bnb = fill("f2", OrderSide.SELL, "110", "1", "0.0002", "BNB", FillStatus.FILLED, T0);
    Notification n = Messages.exit(bnb, Position.open(baseFee).applyExit(bnb, T0));
    assertThat(n.text()).contains("Profit: 9.90000000 USDT", "Fee of 0.00020000 BNB not included");
  }

  @Test
  void exitWithoutAKnownEntrySaysSo() {
    Fill exit = fill("f9", OrderSide.SELL, "110", "1", "0", "USDT", FillStatus.FILLED, T0);
    Notification n = Messages.exit(exit, new Position.Exit(null, null, null, false));
    assertThat(n.text()).contains("Profit: unknown");
    assertThat(n.fields()).doesNotContainKey("profit_abs");
  }

  @Test
  void riskEventsBecomeBreakerAndIncidentNotifications() {
    RiskEvent trip =
        new RiskEvent(
            "e1",
            RiskEventType.CIRCUIT_BREAKER_ENABLED,
            "drawdown 21%",
            null,
            null,
            T0.plusSeconds(3600),
            T0);
    Notification n = Messages.riskEvent(trip);
    assertThat(n.kind()).isEqualTo(NotificationKind.CIRCUIT_BREAKER_TRIPPED);
    assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(n.text()).contains("TRIPPED", "drawdown 21%", "Until: 2024-01-01T01:00:00Z");

    RiskEvent incident =
        new RiskEvent(
            "e2",
            RiskEventType.INCIDENT,
            "exchange timeout",
            null,
            Map.of("pair", "BTC/USDT"),
            null,
            T0);
    Notification i = Messages.riskEvent(incident);
    assertThat(i.kind()).isEqualTo(NotificationKind.INCIDENT);
    assertThat(i.severity()).isEqualTo(Severity.WARNING);
    assertThat(i.text()).contains("[WARNING] Incident: exchange timeout", "pair: BTC/USDT");
    assertThat(i.fields())
        .containsEntry("context.pair", "BTC/USDT")
        .containsEntry("reason", "exchange timeout");
    assertThat(
            Messages.riskEvent(
                    new RiskEvent(
                        "e3",
                        RiskEventType.CIRCUIT_BREAKER_DISABLED,
                        "manual",
                        null,
                        null,
                        null,
                        T0))
                .kind())
        .isEqualTo(NotificationKind.CIRCUIT_BREAKER_RESET);
  }

  @Test
  void artifactsTellFinishedBacktestsAndHyperopts() {
    Notification n =
        Messages.artifact(
            new ArtifactCreated(
                "a1",
                ArtifactKind.HYPEROPT,
                "MaCrossoverStrategy",
                "var/hyperopt_results/x.fthypt",
                "0".repeat(64),
                T0));
    assertThat(n.kind()).isEqualTo(NotificationKind.HYPEROPT_FINISHED);
    assertThat(n.text()).startsWith("Hyperopt finished: MaCrossoverStrategy");
  }

  @Test
  void dailySummaryCountsWinsLossesAndProfitPerQuote() {
    List<ClosedTrade> closed =
        List.of(
            new ClosedTrade("t1", "BTC/USDT", new BigDecimal("10.5"), new BigDecimal("100"), T0),
            new ClosedTrade("t2", "ETH/USDT", new BigDecimal("-2.25"), new BigDecimal("100"), T0),
            new ClosedTrade("t3", "ETH/BTC", new BigDecimal("0"), new BigDecimal("1"), T0));
    Notification n = Messages.dailySummary(LocalDate.of(2024, 1, 1), closed, 2, T0);
    assertThat(n.id()).isEqualTo("daily_summary:2024-01-01");
    assertThat(n.text())
        .contains(
            "Closed trades: 3 (1 wins, 1 losses, 1 draws)",
            "Profit: 8.25000000 USDT",
            "Profit: 0.00000000 BTC",
            "Open trades: 2");
    assertThat(n.fields()).containsEntry("profit_abs_usdt", "8.25000000");
  }
}
