package io.tradingsuite.contracts;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Kafka topic names (versioned), their dead-letter twins, and the record key of a market. */
public final class Topics {
  public static final String CANDLES = "market.candles.v1";
  public static final String SIGNALS = "strategy.signals.v1";
  public static final String DECISIONS = "risk.decisions.v1";
  public static final String FILLS = "execution.fills.v1";
  public static final String RISK_EVENTS = "risk.events.v1";
  public static final String ARTIFACTS = "registry.artifacts.v1";
  public static final String HYPEROPT_TRIALS = "strategy.hyperopt-trials.v1";

  static final Pattern PAIR = Pattern.compile("[A-Z0-9]+/[A-Z0-9]+");
  static final Pattern EXCHANGE = Pattern.compile("[A-Za-z0-9._-]+");

  private static final List<String> ALL =
      List.of(CANDLES, SIGNALS, DECISIONS, FILLS, RISK_EVENTS, ARTIFACTS, HYPEROPT_TRIALS);

  private Topics() {}

  /** The dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
  public static String dlq(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    return topic + ".dlq";
  }

  /** The main topics, without their dead-letter topics. */
  public static List<String> all() {
    return ALL;
  }

  /**
   * The record key {@code exchange:BASE/QUOTE} (e.g. {@code binance:BTC/USDT}) that keeps one
   * market ordered in one partition. The exchange is lower-cased and the pair upper-cased.
   *
   * @throws IllegalArgumentException if the exchange is blank or contains anything but letters,
   *     digits, '.', '_' or '-', or the pair is not of the form BASE/QUOTE
   */
  public static String key(String exchange, String pair) {
    if (exchange == null || !EXCHANGE.matcher(exchange).matches()) {
      throw new IllegalArgumentException(
          "exchange must be an exchange id like binance (was " + quote(exchange) + ")");
    }
    String upper = pair == null ? null : pair.toUpperCase(Locale.ROOT);
    if (upper == null || !PAIR.matcher(upper).matches()) {
      throw new IllegalArgumentException(
          "pair must be BASE/QUOTE like BTC/USDT (was " + quote(pair) + ")");
    }
    return exchange.toLowerCase(Locale.ROOT) + ":" + upper;
  }

  private static String quote(String s) {
    return s == null ? "null" : '"' + s + '"';
  }
}
