package io.tradingsuite.execution.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Live trading must not start by accident: it needs {@code TRADING_MODE=live}, the explicit {@code
 * LIVE_TRADING_CONFIRMED=true}, a supported exchange and both exchange keys. The keys are only
 * checked for presence; their values never appear in a message.
 */
public final class LiveModeGuard {
  public static final Set<String> LIVE_EXCHANGES = Set.of("binance", "kraken");

  private LiveModeGuard() {}

  /** Why the service must not start with this configuration; empty when it may. */
  public static List<String> problems(
      String mode, boolean confirmed, String exchange, String apiKey, String secret) {
    List<String> out = new ArrayList<>();
    String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT);
    if (m.equals("paper")) {
      return out;
    }
    if (!m.equals("live")) {
      out.add("TRADING_MODE must be paper or live (was '" + mode + "')");
      return out;
    }
    if (!confirmed) {
      out.add(
          "TRADING_MODE=live needs LIVE_TRADING_CONFIRMED=true: live mode places real orders with real money");
    }
    if (exchange == null || !LIVE_EXCHANGES.contains(exchange.toLowerCase(Locale.ROOT))) {
      out.add(
          "EXCHANGE_NAME must be one of "
              + LIVE_EXCHANGES
              + " in live mode (was '"
              + exchange
              + "')");
    }
    if (apiKey == null || apiKey.isBlank()) {
      out.add("EXCHANGE_API_KEY is not set");
    }
    if (secret == null || secret.isBlank()) {
      out.add("EXCHANGE_SECRET is not set");
    }
    return out;
  }

  /**
   * Refuses live mode unless it may start.
   *
   * @throws IllegalStateException naming every problem, if live mode may not start
   */
  public static void check(
      String mode, boolean confirmed, String exchange, String apiKey, String secret) {
    List<String> p = problems(mode, confirmed, exchange, apiKey, secret);
    if (!p.isEmpty()) {
      throw new IllegalStateException(
          "execution-service refuses to start: " + String.join("; ", p));
    }
  }
}
