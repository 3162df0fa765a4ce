package io.tradingsuite.notification.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a notification is about. {@link #id()} is the name in JSON, in REST filters and in a
 * webhook's {@code kinds}; {@link #configKey()} switches the kind on or off ({@code
 * suite.notify.<config-key>=false}, env {@code SUITE_NOTIFY_ENTRY_FILL=false}).
 */
public enum NotificationKind {
  ENTRY_FILL,
  EXIT_FILL,
  ORDER_REJECTED,
  CIRCUIT_BREAKER_TRIPPED,
  CIRCUIT_BREAKER_RESET,
  INCIDENT,
  BACKTEST_FINISHED,
  HYPEROPT_FINISHED,
  DAILY_SUMMARY,
  /** Sent on request ({@code POST /api/v1/notifications/test}) to check the channels. */
  TEST;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String configKey() {
    return id().replace('_', '-');
  }

  /** Accepts the id ({@code entry_fill}) or the config key ({@code entry-fill}), any case. */
  public static Optional<NotificationKind> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String norm = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values()).filter(k -> k.name().equals(norm)).findFirst();
  }

  public static String allIds() {
    return Arrays.stream(values()).map(NotificationKind::id).collect(Collectors.joining(", "));
  }
}
