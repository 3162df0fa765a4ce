package io.tradingsuite.strategy.dca;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a plan from the JSON of {@code POST /api/v1/dca-plans}; every refusal names its field:
 *
 * <pre>
 * {"pair": "BTC/USDT", "exchange": "binance", "timeframe": "5m", "stake_amount": 25,
 *  "schedule": "0 9 * * 1" | {"cron": "0 9 * * 1"} | {"every": 6, "unit": "hours"},
 *  "start": "2024-01-01T00:00:00Z", "end": null, "buy_the_dip": {"multiplier": 2, "ma_period": 20}}
 * </pre>
 */
public final class DcaPlanParser {

  /**
   * Candle sizes a plan may use: whole minutes, hours, days or weeks (months have no fixed size).
   */
  private static final Set<Character> UNITS = Set.of('m', 'h', 'd', 'w');

  static final int DEFAULT_MA_PERIOD = 20;
  private static final BigDecimal MAX_MULTIPLIER = BigDecimal.valueOf(100);

  private DcaPlanParser() {}

  /** Defaults for omitted fields. */
  public record Defaults(String exchange, String timeframe) {}

  /**
   * Parses and checks a plan request body.
   *
   * @param now the creation time; an omitted start is {@code now} at the minute
   * @throws DcaInputException naming the bad field
   */
  public static DcaPlan parse(JsonNode b, Defaults defaults, String id, Instant now) {
    if (b == null || b.isNull() || b.isMissingNode()) {
      throw new DcaInputException("body", "a JSON object with pair, stake_amount and schedule");
    }
    if (!b.isObject()) {
      throw new DcaInputException("body", "must be a JSON object");
    }
    String pair = pair(b);
    String exchange = exchange(b, defaults.exchange());
    try {
      Topics.key(exchange, pair);
    } catch (IllegalArgumentException e) {
      throw new DcaInputException("exchange", e.getMessage());
    }
    Timeframe tf = timeframe(b, defaults.timeframe());
    BigDecimal stake = positive(b.get("stake_amount"), "stake_amount", "of the quote currency");
    Instant start = b.hasNonNull("start") ? time(b.get("start"), "start") : null;
    if (start == null) {
      start = now.truncatedTo(ChronoUnit.MINUTES);
    }
    Instant end = b.hasNonNull("end") ? time(b.get("end"), "end") : null;
    if (end != null && !end.isAfter(start)) {
      throw new DcaInputException(
          "end", "must be after start (start=" + start + ", end=" + end + ")");
    }
    if (end != null && !end.isAfter(now)) {
      throw new DcaInputException(
          "end", "is in the past (" + end + "); a plan must have buys ahead");
    }
    DcaSchedule schedule = schedule(b.get("schedule"), start);
    DipRule dip = b.hasNonNull("buy_the_dip") ? dip(b.get("buy_the_dip")) : null;
    DcaPlan plan = new DcaPlan(id, exchange, pair, tf, stake, schedule, start, end, dip, now);
    if (plan.nextDue(now.isAfter(start) ? now : start.minusMillis(1)) == null) {
      throw new DcaInputException("schedule", "is never due between start and end");
    }
    return plan;
  }

  /** A schedule as stored: the cron text, or every N units anchored at the start. */
  public static DcaSchedule schedule(JsonNode s, Instant anchor) {
    if (s == null || s.isNull()) {
      throw new DcaInputException(
          "schedule",
          "is required: a cron expression like \"0 9 * * 1\" or {\"every\": 6, \"unit\":"
              + " \"hours\"}");
    }
    if (s.isTextual()) {
      return cron(s.asText(), "schedule");
    }
    if (!s.isObject()) {
      throw new DcaInputException(
          "schedule", "must be a cron expression or {\"every\": N, \"unit\": \"hours|days\"}");
    }
    if (s.has("cron")) {
      if (s.has("every") || !s.get("cron").isTextual()) {
        throw new DcaInputException("schedule.cron", "must be a cron expression text on its own");
      }
      return cron(s.get("cron").asText(), "schedule.cron");
    }
    JsonNode every = s.get("every");
    if (every == null || !every.canConvertToExactIntegral() || !every.canConvertToInt()) {
      throw new DcaInputException("schedule.every", "must be a whole number of hours or days");
    }
    int n = every.intValue();
    if (n < 1 || n > 10_000) {
      throw new DcaInputException("schedule.every", "must be from 1 to 10000 (was " + n + ")");
    }
    DcaSchedule.Unit unit = DcaSchedule.Unit.parse(s.path("unit").asText(null));
    if (unit == null) {
      throw new DcaInputException(
          "schedule.unit", "must be hours or days (was " + s.path("unit").asText("nothing") + ")");
    }
    return new DcaSchedule.Every(n, unit, anchor);
  }

  private static DcaSchedule cron(String text, String field) {
    try {
      return new DcaSchedule.Cron(CronSchedule.parse(text));
    } catch (IllegalArgumentException e) {
      throw new DcaInputException(field, e.getMessage());
    }
  }

  private static String pair(JsonNode b) {
    JsonNode p = b.get("pair");
    if (p == null || !p.isTextual() || p.asText().isBlank()) {
      throw new DcaInputException("pair", "is required, like BTC/USDT");
    }
    String pair = p.asText().trim();
    if (!pair.matches("[A-Z0-9]+/[A-Z0-9]+")) {
      throw new DcaInputException(
          "pair", "must be BASE/QUOTE in capitals like BTC/USDT (was \"" + clip(pair) + "\")");
    }
    return pair;
  }

  private static String exchange(JsonNode b, String dflt) {
    JsonNode e = b.get("exchange");
    if (e == null || e.isNull()) {
      return dflt;
    }
    if (!e.isTextual() || !e.asText().trim().matches("[A-Za-z0-9._-]{1,50}")) {
      throw new DcaInputException(
          "exchange", "must be an exchange id like binance (was " + clip(e.toString()) + ")");
    }
    return e.asText().trim().toLowerCase(Locale.ROOT);
  }

  private static Timeframe timeframe(JsonNode b, String dflt) {
    JsonNode t = b.get("timeframe");
    String text = t == null || t.isNull() ? dflt : t.asText();
    Timeframe tf;
    try {
      tf = Timeframe.parse(text);
    } catch (IllegalArgumentException e) {
      tf = null;
    }
    if (tf == null
        || !text.matches("[1-9][0-9]{0,3}[mhdw]")
        || !UNITS.contains(text.charAt(text.length() - 1))) {
      throw new DcaInputException(
          "timeframe", "must be a timeframe like 5m, 1h or 1d (was \"" + clip(text) + "\")");
    }
    return tf;
  }

  static BigDecimal positive(JsonNode v, String field, String what) {
    if (v == null || v.isNull()) {
      throw new DcaInputException(field, "is required: a positive amount " + what);
    }
    if (!v.isNumber()) {
      throw new DcaInputException(field, "must be a number (was " + clip(v.toString()) + ")");
    }
    BigDecimal d = v.decimalValue();
    if (d.signum() <= 0) {
      throw new DcaInputException(field, "must be > 0 (was " + d.toPlainString() + ")");
    }
    if (d.precision() - d.scale() > 20 || d.scale() > 18) {
      throw new DcaInputException(field, "out of range (at most 20 digits, 18 decimals)");
    }
    return d;
  }

  private static DipRule dip(JsonNode d) {
    if (!d.isObject()) {
      throw new DcaInputException(
          "buy_the_dip", "must be an object like {\"multiplier\": 2, \"ma_period\": 20}");
    }
    BigDecimal m = positive(d.get("multiplier"), "buy_the_dip.multiplier", "to multiply the stake");
    if (m.compareTo(MAX_MULTIPLIER) > 0) {
      throw new DcaInputException(
          "buy_the_dip.multiplier", "must be at most " + MAX_MULTIPLIER + " (was " + m + ")");
    }
    int period = DEFAULT_MA_PERIOD;
    JsonNode p = d.get("ma_period");
    if (p != null && !p.isNull()) {
      if (!p.canConvertToExactIntegral() || !p.canConvertToInt()) {
        throw new DcaInputException("buy_the_dip.ma_period", "must be a whole number of candles");
      }
      period = p.intValue();
    }
    if (period < DipRule.MIN_PERIOD || period > DipRule.MAX_PERIOD) {
      throw new DcaInputException(
          "buy_the_dip.ma_period",
          "must be from "
              + DipRule.MIN_PERIOD
              + " to "
              + DipRule.MAX_PERIOD
              + " (was "
              + period
              + ")");
    }
    return new DipRule(m, period);
  }

  /**
   * An ISO-8601 instant ({@code 2024-01-01T00:00:00Z}) or a date ({@code 2024-01-01}, UTC
   * midnight).
   */
  static Instant time(JsonNode v, String field) {
    String s = v.asText();
    if (!v.isTextual()) {
      throw new DcaInputException(field, "must be an ISO-8601 time like 2024-01-01T00:00:00Z");
    }
    try {
      return Instant.parse(s).truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new DcaInputException(
            field,
            "must be an ISO-8601 time like 2024-01-01T00:00:00Z or a date like 2024-01-01 (was \""
                + clip(s)
                + "\")");
      }
    }
  }

  private static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
