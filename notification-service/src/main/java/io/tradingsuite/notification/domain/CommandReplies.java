package io.tradingsuite.notification.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.Money;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answers to the Telegram commands, written from the JSON the services return
 * (execution-service {@code /trades}, {@code /balance}; risk-service {@code /circuit-breaker}).
 * Field names follow the suite's snake_case, with the usual alternatives accepted so a small change
 * in a service's answer does not silence the bot.
 */
public final class CommandReplies {
  public static final String HELP =
      """
      Commands:
      /status - open trades and the circuit breaker
      /profit - profit of closed trades
      /balance - wallet balance
      /trades - the last closed trades
      /stopentry <reason> - trip the circuit breaker: no new entries
      /start - reset the circuit breaker: entries allowed again
      /forceexit <trade id> - close a trade at market
      /help - this list""";

  private CommandReplies() {}

  public static String status(JsonNode openTrades, JsonNode circuitBreaker) {
    StringBuilder b = new StringBuilder(circuitBreaker(circuitBreaker)).append('\n');
    List<JsonNode> trades = items(openTrades, "trades");
    if (trades.isEmpty()) {
      return b.append("No open trades.").toString();
    }
    b.append("Open trades: ").append(trades.size());
    for (JsonNode t : trades) {
      b.append("\n#")
          .append(text(t, "trade_id", "id"))
          .append(' ')
          .append(text(t, "pair"))
          .append(" amount ")
          .append(num(t, "amount"))
          .append(" @ ")
          .append(num(t, "open_rate", "price"));
      String stake = num(t, "stake_amount");
      if (!stake.equals("?")) {
        b.append(" stake ").append(stake);
      }
      String profit = num(t, "current_profit_abs", "profit_abs");
      if (!profit.equals("?")) {
        b.append(" profit ").append(profit);
      }
      String opened = text(t, "open_date", "open_time", "opened_at");
      if (!opened.equals("?")) {
        b.append(" since ").append(opened);
      }
    }
    return b.toString();
  }

  public static String circuitBreaker(JsonNode cb) {
    if (cb == null || cb.isMissingNode() || cb.isNull()) {
      return "Circuit breaker: unknown";
    }
    boolean open =
        cb.path("enabled").asBoolean(false)
            || cb.path("open").asBoolean(false)
            || "open".equalsIgnoreCase(cb.path("state").asText(""));
    if (!open) {
      return "Circuit breaker: closed (entries allowed)";
    }
    String reason = text(cb, "reason");
    String until = text(cb, "until");
    return "Circuit breaker: OPEN (entries stopped)"
        + (reason.equals("?") ? "" : " - " + reason)
        + (until.equals("?") ? "" : " until " + until);
  }

  public static String profit(JsonNode closedTrades) {
    List<JsonNode> trades = items(closedTrades, "trades");
    if (trades.isEmpty()) {
      return "No closed trades yet.";
    }
    Map<String, BigDecimal> byQuote = new TreeMap<>();
    int wins = 0;
    int losses = 0;
    BigDecimal best = null;
    String bestPair = null;
    for (JsonNode t : trades) {
      BigDecimal p = decimal(t, "profit_abs", "close_profit_abs");
      if (p == null) {
        continue;
      }
      byQuote.merge(Position.quoteOf(text(t, "pair")), p, BigDecimal::add);
      if (p.signum() > 0) {
        wins++;
      } else if (p.signum() < 0) {
        losses++;
      }
      BigDecimal ratio = decimal(t, "profit_ratio", "close_profit");
      if (ratio != null && (best == null || ratio.compareTo(best) > 0)) {
        best = ratio;
        bestPair = text(t, "pair");
      }
    }
    StringBuilder b =
        new StringBuilder("Closed trades: ")
            .append(trades.size())
            .append(" (")
            .append(wins)
            .append(" wins, ")
            .append(losses)
            .append(" losses)");
    byQuote.forEach(
        (q, sum) -> b.append("\nProfit: ").append(Money.format(sum)).append(' ').append(q));
    if (best != null) {
      b.append("\nBest: ").append(bestPair).append(' ').append(Messages.percent(best)).append('%');
    }
    return b.toString();
  }

  public static String trades(JsonNode closedTrades, int limit) {
    List<JsonNode> trades = items(closedTrades, "trades");
    if (trades.isEmpty()) {
      return "No closed trades yet.";
    }
    StringBuilder b = new StringBuilder("Last closed trades:");
    int from = Math.max(0, trades.size() - limit);
    // services list oldest first; show the newest `limit`
    for (JsonNode t : trades.subList(from, trades.size())) {
      b.append("\n#")
          .append(text(t, "trade_id", "id"))
          .append(' ')
          .append(text(t, "pair"))
          .append(' ')
          .append(num(t, "profit_abs", "close_profit_abs"));
      BigDecimal ratio = decimal(t, "profit_ratio", "close_profit");
      if (ratio != null) {
        b.append(" (").append(Messages.percent(ratio)).append("%)");
      }
      String reason = text(t, "exit_reason");
      if (!reason.equals("?")) {
        b.append(' ').append(reason);
      }
      String closed = text(t, "close_date", "close_time", "closed_at");
      if (!closed.equals("?")) {
        b.append(' ').append(closed);
      }
    }
    return b.toString();
  }

  public static String balance(JsonNode balance) {
    if (balance == null || balance.isMissingNode() || balance.isNull()) {
      return "Balance: unknown";
    }
    JsonNode list =
        balance.has("balances")
            ? balance.get("balances")
            : balance.has("currencies") ? balance.get("currencies") : balance;
    List<String> lines = new ArrayList<>();
    if (list.isArray()) {
      for (JsonNode c : list) {
        lines.add(
            text(c, "currency", "asset")
                + ": "
                + num(c, "total", "amount", "free", "balance")
                + (c.has("free") && c.has("total") ? " (free " + num(c, "free") + ")" : ""));
      }
    } else if (list.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = list.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isNumber()) {
          lines.add(e.getKey() + ": " + Money.format(v.decimalValue()));
        } else if (v.isObject()) {
          lines.add(e.getKey() + ": " + num(v, "total", "amount", "free"));
        } else if (v.isTextual()) {
          lines.add(e.getKey() + ": " + v.asText());
        }
      }
    }
    return lines.isEmpty() ? "Balance: empty" : "Balance:\n" + String.join("\n", lines);
  }

  static List<JsonNode> items(JsonNode node, String field) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    JsonNode arr = node.isArray() ? node : node.has(field) ? node.get(field) : node.path("items");
    if (arr.isArray()) {
      arr.forEach(out::add);
    }
    return out;
  }

  static String text(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && !v.isNull() && !v.asText().isEmpty()) {
        return v.asText();
      }
    }
    return "?";
  }

  static BigDecimal decimal(JsonNode n, String... names) {
    for (String name : names) {
      JsonNode v = n.get(name);
      if (v != null && v.isNumber()) {
        return v.decimalValue();
      }
      if (v != null && v.isTextual()) {
        try {
          return new BigDecimal(v.asText());
        } catch (NumberFormatException ignored) {
          // not a number: try the next name
        }
      }
    }
    return null;
  }

  static String num(JsonNode n, String... names) {
    BigDecimal d = decimal(n, names);
    return d == null ? "?" : Money.format(d);
  }
}
