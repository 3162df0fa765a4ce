package io.tradingsuite.registry.report;

import io.tradingsuite.contracts.Money;
import java.math.BigDecimal;
import java.time.Instant;

/** How numbers and times look in reports: every decimal with exactly 8 places, half-even. */
final class Formats {
  private Formats() {}

  static String money(BigDecimal v) {
    return v == null ? "" : Money.format(v);
  }

  static BigDecimal scaled(BigDecimal v) {
    return Money.report(v);
  }

  static String integer(Integer v) {
    return v == null ? "" : v.toString();
  }

  static String time(Instant t) {
    return t == null ? "" : t.toString();
  }
}
