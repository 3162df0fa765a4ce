package io.tradingsuite.strategy.dca;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** When a plan buys: a cron expression (UTC) or every N hours/days from an anchor (the start). */
public sealed interface DcaSchedule permits DcaSchedule.Cron, DcaSchedule.Every {

  /** The first due time strictly after {@code after}, or null if there is none. */
  Instant nextAfter(Instant after);

  /**
   * As written in the API: {@code {"cron": "0 9 * * 1"}} or {@code {"every": 6, "unit": "hours"}}.
   */
  Map<String, Object> toJson();

  /** A cron schedule, see {@link CronSchedule}. */
  record Cron(CronSchedule cron) implements DcaSchedule {
    public Cron {
      Objects.requireNonNull(cron, "cron");
    }

    @Override
    public Instant nextAfter(Instant after) {
      return cron.nextAfter(after);
    }

    @Override
    public Map<String, Object> toJson() {
      return Map.of("cron", cron.expression());
    }
  }

  /** The units of {@link Every}. */
  enum Unit {
    HOURS(Duration.ofHours(1)),
    DAYS(Duration.ofDays(1));

    final Duration length;

    Unit(Duration length) {
      this.length = length;
    }

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code hours}/{@code days} (also singular); null when unknown. */
    public static Unit parse(String text) {
      if (text == null) {
        return null;
      }
      return switch (text.trim().toLowerCase(Locale.ROOT)) {
        case "hours", "hour", "h" -> HOURS;
        case "days", "day", "d" -> DAYS;
        default -> null;
      };
    }
  }

  /**
   * Every {@code n} units at {@code anchor + k * n * unit} (k any whole number), so the phase is
   * the anchor's: every 1 day from 09:30 buys at 09:30 each day.
   */
  record Every(int n, Unit unit, Instant anchor) implements DcaSchedule {
    public Every {
      if (n < 1) {
        throw new IllegalArgumentException("every must be at least 1");
      }
      Objects.requireNonNull(unit, "unit");
      Objects.requireNonNull(anchor, "anchor");
    }

    public long periodMillis() {
      return unit.length.toMillis() * n;
    }

    @Override
    public Instant nextAfter(Instant after) {
      long p = periodMillis();
      long k = Math.floorDiv(after.toEpochMilli() - anchor.toEpochMilli(), p) + 1;
      return Instant.ofEpochMilli(anchor.toEpochMilli() + k * p);
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("every", n);
      m.put("unit", unit.wireName());
      return m;
    }
  }
}
