package io.tradingsuite.notification.domain;

import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.Money;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns events into notifications: the human text (plain text, as Telegram shows it) and the fields
 * a webhook template can use. Money is written with 8 decimals, ratios also as percent with 2.
 */
public final class Messages {
  private Messages() {}

  public static Notification entry(Fill f) {
    Map<String, String> fields = fillFields(f);
    BigDecimal stake = f.amount().multiply(f.price());
    fields.put("stake_amount", Money.format(stake));
    String quote = Position.quoteOf(f.pair());
    String title = "Entry filled" + partial(f) + ": " + f.pair() + " on " + f.exchange();
    String text =
        String.join(
            "\n",
            title + " (" + mode(f) + ")",
            "Trade: " + f.tradeId(),
            "Amount: " + Money.format(f.amount()) + " @ " + Money.format(f.price()),
            "Stake: " + Money.format(stake) + " " + quote,
            "Fee: " + Money.format(f.fee()) + " " + f.feeCurrency());
    return Notification.of(
        NotificationKind.ENTRY_FILL,
        f.id(),
        Severity.INFO,
        "Entry " + f.pair(),
        text,
        fields,
        f.filledAt());
  }

  public static Notification exit(Fill f, Position.Exit exit) {
    Map<String, String> fields = fillFields(f);
    String quote = Position.quoteOf(f.pair());
    StringBuilder text =
        new StringBuilder()
            .append("Exit filled")
            .append(partial(f))
            .append(": ")
            .append(f.pair())
            .append(" on ")
            .append(f.exchange())
            .append(" (")
            .append(mode(f))
            .append(")");
    if (f.exitReason() != null) {
      text.append(" - ").append(f.exitReason());
    }
    text.append('\n')
        .append("Trade: ")
        .append(f.tradeId())
        .append('\n')
        .append("Amount: ")
        .append(Money.format(f.amount()))
        .append(" @ ")
        .append(Money.format(f.price()))
        .append('\n');
    if (exit.entryKnown()) {
      fields.put("profit_abs", Money.format(exit.profitAbs()));
      if (exit.profitRatio() != null) {
        fields.put("profit_ratio", Money.format(exit.profitRatio()));
        fields.put("profit_pct", percent(exit.profitRatio()));
      }
      Position after = exit.after();
      if (after.openedAt() != null) {
        fields.put("open_date", after.openedAt().toString());
        fields.put("duration", duration(Duration.between(after.openedAt(), f.filledAt())));
      }
      text.append("Profit: ").append(Money.format(exit.profitAbs())).append(' ').append(quote);
      if (exit.profitRatio() != null) {
        text.append(" (").append(percent(exit.profitRatio())).append("%)");
      }
      if (fields.containsKey("duration")) {
        text.append("\nDuration: ").append(fields.get("duration"));
      }
      if (!after.isOpen() && after.bought().compareTo(f.amount()) != 0) {
        text.append("\nTrade total: ")
            .append(Money.format(after.realizedProfit()))
            .append(' ')
            .append(quote);
      }
    } else {
      text.append("Profit: unknown (the entry of this trade was not seen by notification-service)");
    }
    if (!Position.feeConvertible(f)) {
      text.append("\nFee of ")
          .append(Money.format(f.fee()))
          .append(' ')
          .append(f.feeCurrency())
          .append(" not included in the profit");
    }
    return Notification.of(
        NotificationKind.EXIT_FILL,
        f.id(),
        Severity.INFO,
        "Exit " + f.pair(),
        text.toString(),
        fields,
        f.filledAt());
  }

  public static Notification rejected(Fill f) {
    Map<String, String> fields = fillFields(f);
    String what = f.status() == FillStatus.CANCELED ? "canceled" : "rejected";
    String text =
        "Order "
            + what
            + ": "
            + f.side().name().toLowerCase(Locale.ROOT)
            + " "
            + f.pair()
            + " on "
            + f.exchange()
            + " ("
            + mode(f)
            + ")\nTrade: "
            + f.tradeId()
            + (f.reason() == null ? "" : "\nReason: " + f.reason());
    return Notification.of(
        NotificationKind.ORDER_REJECTED,
        f.id(),
        Severity.WARNING,
        "Order " + what + " " + f.pair(),
        text,
        fields,
        f.filledAt());
  }

  /** The kind a risk event becomes. */
  public static NotificationKind kindOf(RiskEvent e) {
    return switch (e.type()) {
      case CIRCUIT_BREAKER_ENABLED -> NotificationKind.CIRCUIT_BREAKER_TRIPPED;
      case CIRCUIT_BREAKER_DISABLED -> NotificationKind.CIRCUIT_BREAKER_RESET;
      case INCIDENT -> NotificationKind.INCIDENT;
    };
  }

  /**
   * An incident without a severity is treated as a warning: risk-service raised it for a reason.
   */
  public static Severity severityOf(RiskEvent e) {
    if (e.type() == RiskEventType.CIRCUIT_BREAKER_ENABLED) {
      return Severity.parse(e.severity()).orElse(Severity.CRITICAL);
    }
    if (e.type() == RiskEventType.CIRCUIT_BREAKER_DISABLED) {
      return Severity.parse(e.severity()).orElse(Severity.INFO);
    }
    return Severity.parse(e.severity()).orElse(Severity.WARNING);
  }

  public static Notification riskEvent(RiskEvent e) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("event_id", e.id());
    fields.put("type", e.type().name().toLowerCase(Locale.ROOT));
    fields.put("reason", e.reason());
    fields.put("until", e.until() == null ? null : e.until().toString());
    fields.put("at", e.at().toString());
    if (e.context() != null) {
      new TreeMap<>(e.context()).forEach((k, v) -> fields.putIfAbsent("context." + k, v));
    }
    Severity severity = severityOf(e);
    NotificationKind kind = kindOf(e);
    StringBuilder text = new StringBuilder();
    String title;
    switch (kind) {
      case CIRCUIT_BREAKER_TRIPPED -> {
        title = "Circuit breaker tripped";
        text.append("Circuit breaker TRIPPED: new entries are stopped\nReason: ")
            .append(e.reason());
        text.append(e.until() == null ? "\nUntil: reset (/start)" : "\nUntil: " + e.until());
      }
      case CIRCUIT_BREAKER_RESET -> {
        title = "Circuit breaker reset";
        text.append("Circuit breaker reset: entries allowed again\nReason: ").append(e.reason());
      }
      default -> {
        title = "Incident (" + severity.id() + ")";
        text.append("[").append(severity.name()).append("] Incident: ").append(e.reason());
      }
    }
    if (e.context() != null) {
      new TreeMap<>(e.context())
          .forEach((k, v) -> text.append('\n').append(k).append(": ").append(v));
    }
    return Notification.of(kind, e.id(), severity, title, text.toString(), fields, e.at());
  }

  public static Notification artifact(ArtifactCreated a) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("artifact_id", a.id());
    fields.put("artifact_kind", a.kind().name().toLowerCase(Locale.ROOT));
    fields.put("strategy", a.strategy());
    fields.put("path", a.path());
    fields.put("sha256", a.sha256());
    fields.put("at", a.createdAt().toString());
    boolean backtest = a.kind() == ArtifactKind.BACKTEST;
    String what = backtest ? "Backtest" : "Hyperopt";
    String text =
        what + " finished: " + a.strategy() + "\nArtifact: " + a.path() + "\nsha256: " + a.sha256();
    return Notification.of(
        backtest ? NotificationKind.BACKTEST_FINISHED : NotificationKind.HYPEROPT_FINISHED,
        a.id(),
        Severity.INFO,
        what + " finished " + a.strategy(),
        text,
        fields,
        a.createdAt());
  }

  /**
   * The summary of one UTC day: closed trades (counted by when they were seen closing) and open
   * trades.
   */
  public static Notification dailySummary(
      LocalDate day, List<ClosedTrade> closed, int openTrades, Instant now) {
    int wins = 0;
    int losses = 0;
    int draws = 0;
    Map<String, BigDecimal> profit = new TreeMap<>();
    for (ClosedTrade t : closed) {
      int sign = t.profitAbs() == null ? 0 : t.profitAbs().signum();
      if (sign > 0) {
        wins++;
      } else if (sign < 0) {
        losses++;
      } else {
        draws++;
      }
      if (t.profitAbs() != null) {
        profit.merge(Position.quoteOf(t.pair()), t.profitAbs(), BigDecimal::add);
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("day", day.toString());
    fields.put("closed_trades", Integer.toString(closed.size()));
    fields.put("wins", Integer.toString(wins));
    fields.put("losses", Integer.toString(losses));
    fields.put("draws", Integer.toString(draws));
    fields.put("open_trades", Integer.toString(openTrades));
    StringBuilder text =
        new StringBuilder("Daily summary ")
            .append(day)
            .append(" (UTC)\n")
            .append("Closed trades: ")
            .append(closed.size())
            .append(" (")
            .append(wins)
            .append(" wins, ")
            .append(losses)
            .append(" losses, ")
            .append(draws)
            .append(" draws)\n");
    if (profit.isEmpty()) {
      text.append("Profit: 0\n");
    }
    profit.forEach(
        (quote, sum) -> {
          fields.put("profit_abs_" + quote.toLowerCase(Locale.ROOT), Money.format(sum));
          text.append("Profit: ").append(Money.format(sum)).append(' ').append(quote).append('\n');
        });
    text.append("Open trades: ").append(openTrades);
    return Notification.of(
        NotificationKind.DAILY_SUMMARY,
        day.toString(),
        Severity.INFO,
        "Daily summary " + day,
        text.toString(),
        fields,
        now);
  }

  public static Notification test(String id, String text, Instant now) {
    String body =
        text == null || text.isBlank() ? "Test notification from notification-service" : text;
    return Notification.of(NotificationKind.TEST, id, Severity.INFO, "Test", body, Map.of(), now);
  }

  /**
   * A message from a chat that is not configured: ignored, and operators hear of it once per chat.
   */
  public static Notification unknownChat(
      String incidentId, String chatId, String command, Instant now) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("chat_id", chatId);
    fields.put("command", command);
    fields.put("reason", "telegram message from unknown chat " + chatId + " ignored");
    String text =
        "[WARNING] Incident: Telegram message from unknown chat "
            + chatId
            + " ignored"
            + (command == null ? "" : " (command " + command + ")");
    return Notification.of(
        NotificationKind.INCIDENT,
        incidentId,
        Severity.WARNING,
        "Incident (warning)",
        text,
        fields,
        now);
  }

  public static String percent(BigDecimal ratio) {
    return ratio.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  static String duration(Duration d) {
    if (d.isNegative()) {
      return "0m";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    return (days > 0 ? days + "d " : "")
        + (days > 0 || hours > 0 ? hours + "h " : "")
        + minutes
        + "m";
  }

  private static String partial(Fill f) {
    return f.status() == FillStatus.PARTIALLY_FILLED ? " (partial)" : "";
  }

  private static String mode(Fill f) {
    return f.mode().name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> fillFields(Fill f) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("fill_id", f.id());
    m.put("trade_id", f.tradeId());
    m.put("client_order_id", f.clientOrderId());
    m.put("exchange", f.exchange());
    m.put("pair", f.pair());
    m.put("side", f.side().name().toLowerCase(Locale.ROOT));
    m.put("status", f.status().name().toLowerCase(Locale.ROOT));
    m.put("mode", mode(f));
    m.put("price", Money.format(f.price()));
    m.put("amount", Money.format(f.amount()));
    m.put("fee", Money.format(f.fee()));
    m.put("fee_currency", f.feeCurrency());
    m.put("exit_reason", f.exitReason());
    m.put("reason", f.reason());
    m.put("filled_at", f.filledAt().toString());
    return m;
  }
}
