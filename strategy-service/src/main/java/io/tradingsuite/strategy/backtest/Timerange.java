package io.tradingsuite.strategy.backtest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Freqtrade's {@code --timerange}: {@code START-END} where either side may be empty, each a date
 * {@code YYYYMMDD} (UTC midnight) or epoch seconds (10 digits) or milliseconds (13 digits). Both
 * bounds are inclusive, as Freqtrade trims ({@code date >= start}, {@code date <= stop}).
 *
 * @param start null = open
 * @param end null = open
 */
public record Timerange(Instant start, Instant end) {

  public static final Timerange ALL = new Timerange(null, null);

  /** Parses the text; {@code null} or blank = the whole history. */
  public static Timerange parse(String text) {
    if (text == null || text.isBlank()) {
      return ALL;
    }
    String t = text.trim();
    int dash = t.indexOf('-');
    if (dash < 0 || t.indexOf('-', dash + 1) >= 0) {
      throw new IllegalArgumentException(
          "expected START-END like 20240101-20240301 or 20240101- (was '" + text + "')");
    }
    Instant start = bound(t.substring(0, dash), text);
    Instant end = bound(t.substring(dash + 1), text);
    if (start != null && end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("end is before start in '" + text + "'");
    }
    return new Timerange(start, end);
  }

  private static Instant bound(String s, String text) {
    if (s.isEmpty()) {
      return null;
    }
    if (!s.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "'" + s + "' is not a date YYYYMMDD or epoch seconds in '" + text + "'");
    }
    if (s.length() == 8) {
      try {
        return LocalDate.parse(s, DateTimeFormatter.BASIC_ISO_DATE)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("'" + s + "' is not a valid date in '" + text + "'", e);
      }
    }
    if (s.length() == 10) {
      return Instant.ofEpochSecond(Long.parseLong(s));
    }
    if (s.length() == 13) {
      return Instant.ofEpochMilli(Long.parseLong(s));
    }
    throw new IllegalArgumentException(
        "'" + s + "' is not a date YYYYMMDD or epoch seconds in '" + text + "'");
  }

  @Override
  public String toString() {
    DateTimeFormatter f = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    return (start == null ? "" : f.format(start)) + "-" + (end == null ? "" : f.format(end));
  }
}
