package io.tradingsuite.notification.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How loud a notification is; incidents carry theirs from the risk event. Ordered: INFO < WARNING <
 * CRITICAL.
 */
public enum Severity {
  INFO,
  WARNING,
  CRITICAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public boolean atLeast(Severity other) {
    return compareTo(other) >= 0;
  }
}
