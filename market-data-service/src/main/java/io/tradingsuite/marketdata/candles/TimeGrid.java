package io.tradingsuite.marketdata.candles;

import io.tradingsuite.core.Timeframe;
import java.time.LocalDate;

/**
 * Where the candles of a timeframe start. Minutes, hours and days use the epoch-aligned grid
 * (Freqtrade, ccxt, the exchanges). The two calendar timeframes use the calendar, as Freqtrade
 * resamples them (pandas {@code 1W-MON} and {@code 1MS}) and as Binance opens its klines: {@code
 * 1w} starts on Monday 00:00 UTC, {@code 1M} on the first day of the month 00:00 UTC. Other
 * multiples of weeks or months ({@code 2w}, {@code 3M}) have no agreed grid and are refused.
 *
 * <p>{@link Timeframe#floor} and {@link Timeframe#millis} (trading-core) stay epoch-aligned and
 * fixed-length (a {@code 1w} floor there lands on a Thursday, a {@code 1M} is 30 days), so code
 * here that walks a grid goes through this class.
 */
public final class TimeGrid {
  private static final long DAY = 86_400_000L;
  private static final long WEEK = 7 * DAY;

  /** 1970-01-05T00:00Z, the first Monday after the epoch (a Thursday). */
  private static final long FIRST_MONDAY = 4 * DAY;

  private TimeGrid() {}

  /** {@code true} for the calendar timeframes (weeks and months). */
  public static boolean isCalendar(Timeframe tf) {
    char unit = unit(tf);
    return unit == 'w' || unit == 'M';
  }

  /** Why the service refuses this timeframe, or {@code null}: only {@code 1w} and {@code 1M}. */
  public static String problem(Timeframe tf) {
    if (isCalendar(tf) && !tf.name().equals("1w") && !tf.name().equals("1M")) {
      return "weekly and monthly timeframes are 1w and 1M only (was \"" + tf + "\")";
    }
    return null;
  }

  /** Start of the candle containing {@code epochMs}. */
  public static long floor(Timeframe tf, long epochMs) {
    return switch (unit(tf)) {
      case 'w' -> {
        requireOne(tf);
        yield FIRST_MONDAY + Math.floorDiv(epochMs - FIRST_MONDAY, WEEK) * WEEK;
      }
      case 'M' -> {
        requireOne(tf);
        yield LocalDate.ofEpochDay(Math.floorDiv(epochMs, DAY)).withDayOfMonth(1).toEpochDay()
            * DAY;
      }
      default -> tf.floor(epochMs);
    };
  }

  /** Start of the candle after the one containing {@code epochMs}. */
  public static long next(Timeframe tf, long epochMs) {
    return switch (unit(tf)) {
      case 'w' -> floor(tf, epochMs) + WEEK;
      case 'M' -> {
        requireOne(tf);
        yield LocalDate.ofEpochDay(Math.floorDiv(epochMs, DAY))
                .withDayOfMonth(1)
                .plusMonths(1)
                .toEpochDay()
            * DAY;
      }
      default -> tf.floor(epochMs) + tf.millis();
    };
  }

  /** Start of the candle before the one containing {@code epochMs}. */
  public static long previous(Timeframe tf, long epochMs) {
    return floor(tf, floor(tf, epochMs) - 1);
  }

  /** {@code true} when a candle may open at {@code epochMs}. */
  public static boolean onGrid(Timeframe tf, long epochMs) {
    return isCalendar(tf)
        ? floor(tf, epochMs) == epochMs
        : Math.floorMod(epochMs, tf.millis()) == 0;
  }

  /**
   * Candle starts strictly between two candle starts {@code from < to} on the grid: 0 when {@code
   * to} is the candle right after {@code from}.
   */
  public static long between(Timeframe tf, long from, long to) {
    if (unit(tf) == 'M') {
      LocalDate a = LocalDate.ofEpochDay(Math.floorDiv(from, DAY));
      LocalDate b = LocalDate.ofEpochDay(Math.floorDiv(to, DAY));
      long months = (b.getYear() - a.getYear()) * 12L + b.getMonthValue() - a.getMonthValue();
      return Math.max(0, months - 1);
    }
    long step = unit(tf) == 'w' ? WEEK : tf.millis();
    return Math.max(0, (to - from) / step - 1);
  }

  /**
   * Whether candles of {@code from} can be resampled into {@code to}: each target candle must be
   * made of whole source candles. Fixed timeframes: {@code to} a larger multiple of {@code from}.
   * Calendar targets ({@code 1w}, {@code 1M}): a source that divides a day (so its grid meets every
   * midnight); a calendar source resamples into nothing.
   */
  public static boolean nests(Timeframe from, Timeframe to) {
    if (isCalendar(from) || problem(to) != null) {
      return false;
    }
    if (isCalendar(to)) {
      return DAY % from.millis() == 0;
    }
    return to.millis() > from.millis() && to.millis() % from.millis() == 0;
  }

  private static char unit(Timeframe tf) {
    return tf.name().charAt(tf.name().length() - 1);
  }

  private static void requireOne(Timeframe tf) {
    String problem = problem(tf);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }
}
