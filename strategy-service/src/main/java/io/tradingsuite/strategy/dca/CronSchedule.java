package io.tradingsuite.strategy.dca;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A classic five-field cron expression ({@code minute hour day-of-month month day-of-week}), always
 * in UTC. Each field takes {@code *}, numbers, ranges {@code a-b}, steps {@code * /n} or {@code
 * a-b/n}, and comma lists; months and weekdays also take names ({@code JAN}, {@code MON}); weekday
 * 0 and 7 are Sunday. As in Vixie cron, when both day fields are restricted a day matching either
 * one is due. The macros {@code @hourly @daily @midnight @weekly @monthly @yearly @annually} are
 * accepted. Seconds and Quartz extensions ({@code ? L W #}) are not.
 */
public final class CronSchedule {

  private static final Map<String, String> MACROS =
      Map.of(
          "@hourly", "0 * * * *",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@weekly", "0 0 * * 0",
          "@monthly", "0 0 1 * *",
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *");
  private static final String[] MONTHS = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  /** A schedule that is never due within this many years is refused (e.g. 30 February). */
  private static final int HORIZON_YEARS = 8;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean domRestricted;
  private final boolean dowRestricted;

  private CronSchedule(String expression, String[] f) {
    this.expression = expression;
    this.minutes = field(f[0], "minute", 0, 59, null, 0);
    this.hours = field(f[1], "hour", 0, 23, null, 0);
    this.daysOfMonth = field(f[2], "day of month", 1, 31, null, 0);
    this.months = field(f[3], "month", 1, 12, MONTHS, 1);
    BitSet dow = field(f[4], "day of week", 0, 7, DAYS, 0);
    if (dow.get(7)) {
      dow.set(0);
      dow.clear(7);
    }
    this.daysOfWeek = dow;
    // as Vixie cron: a field starting with * (also */n) does not take part in the "either day" rule
    this.domRestricted = !f[2].startsWith("*");
    this.dowRestricted = !f[4].startsWith("*");
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException naming the field that is wrong
   */
  public static CronSchedule parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new IllegalArgumentException("a cron expression like \"0 9 * * 1\" is required");
    }
    String text = expression.trim().replaceAll("\\s+", " ");
    String expanded = MACROS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
    if (expanded.startsWith("@")) {
      throw new IllegalArgumentException(
          "unknown cron macro " + text + ", known: " + MACROS.keySet());
    }
    String[] f = expanded.split(" ");
    if (f.length != 5) {
      throw new IllegalArgumentException(
          "a cron expression has 5 fields (minute hour day-of-month month day-of-week), "
              + "e.g. \"0 9 * * 1\"; \""
              + text
              + "\" has "
              + f.length);
    }
    CronSchedule c = new CronSchedule(text, f);
    Instant probe = Instant.parse("2000-01-01T00:00:00Z");
    if (c.nextAfter(probe) == null) {
      throw new IllegalArgumentException(
          "cron expression \"" + text + "\" is never due (no such date)");
    }
    return c;
  }

  public String expression() {
    return expression;
  }

  /** The first due minute strictly after {@code after}, or null if there is none in sight. */
  public Instant nextAfter(Instant after) {
    ZonedDateTime t = after.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = t.getYear() + HORIZON_YEARS;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        return t.toInstant();
      }
    }
    return null;
  }

  private boolean dayMatches(ZonedDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    if (domRestricted && dowRestricted) {
      return dom || dow;
    }
    return dom && dow;
  }

  /** One field; {@code names[i]} stands for {@code base + i}. */
  private static BitSet field(
      String text, String name, int min, int max, String[] names, int base) {
    BitSet out = new BitSet(max + 1);
    for (String item : text.split(",", -1)) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException(name + " field: empty list item in \"" + text + "\"");
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        step = number(item.substring(slash + 1), name, null, 0);
        if (step < 1) {
          throw new IllegalArgumentException(name + " field: step must be at least 1 in " + item);
        }
      }
      int lo;
      int hi;
      if (range.equals("*")) {
        lo = min;
        hi = max;
      } else if (range.contains("-")) {
        String[] ab = range.split("-", -1);
        if (ab.length != 2) {
          throw new IllegalArgumentException(name + " field: bad range " + item);
        }
        lo = number(ab[0], name, names, base);
        hi = number(ab[1], name, names, base);
      } else {
        lo = number(range, name, names, base);
        hi = slash >= 0 ? max : lo;
      }
      if (lo < min || hi > max || lo > hi) {
        throw new IllegalArgumentException(
            name + " field: " + item + " is outside " + min + "-" + max + " or reversed");
      }
      for (int v = lo; v <= hi; v += step) {
        out.set(v);
      }
    }
    return out;
  }

  private static int number(String s, String name, String[] names, int base) {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equalsIgnoreCase(s)) {
          return base + i;
        }
      }
    }
    if (s.isEmpty() || s.length() > 4 || !s.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(name + " field: \"" + s + "\" is not a number");
    }
    return Integer.parseInt(s);
  }

  @Override
  public String toString() {
    return expression;
  }
}
