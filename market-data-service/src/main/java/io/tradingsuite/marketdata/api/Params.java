package io.tradingsuite.marketdata.api;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.TimeGrid;
import io.tradingsuite.support.http.ProblemException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Query parameters shared by the resources, each refused with a 400 naming it. */
final class Params {
  private Params() {}

  static MarketKey key(String exchange, String pair, String timeframe) {
    require("exchange", exchange);
    require("pair", pair);
    require("timeframe", timeframe);
    Timeframe tf;
    try {
      tf = Timeframe.parse(timeframe);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "timeframe", "not a timeframe like 5m, 1h, 1d, 1w, 1M (was \"" + timeframe + "\")");
    }
    String calendar = TimeGrid.problem(tf);
    if (calendar != null) {
      throw ProblemException.badRequest("timeframe", calendar);
    }
    try {
      return new MarketKey(exchange, pair, timeframe);
    } catch (IllegalArgumentException e) {
      String field =
          e.getMessage() != null && e.getMessage().startsWith("exchange") ? "exchange" : "pair";
      throw ProblemException.badRequest(field, e.getMessage());
    }
  }

  static void require(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field, "is required");
    }
  }

  /**
   * A time as ISO-8601 ({@code 2024-01-01T00:00:00Z}), a date ({@code 2024-01-01} or Freqtrade's
   * {@code 20240101}), or epoch milliseconds; {@code fallback} when absent.
   */
  static long time(String field, String value, long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.trim();
    try {
      if (v.matches("\\d{8}")) {
        return LocalDate.parse(v, DateTimeFormatter.BASIC_ISO_DATE)
            .atStartOfDay(ZoneOffset.UTC)
            .toInstant()
            .toEpochMilli();
      }
      if (v.matches("-?\\d+")) {
        return Long.parseLong(v);
      }
      if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
        return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      }
      return Instant.parse(v).toEpochMilli();
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(
          field, "not a time (ISO-8601, YYYYMMDD or epoch ms): \"" + value + "\"");
    }
  }

  static Instant instant(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }
}
