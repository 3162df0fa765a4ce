package io.tradingsuite.marketdata.candles;

import io.tradingsuite.core.Timeframe;
import java.util.ArrayList;
import java.util.List;

/** Missing candles between the first and last stored one: reported, never filled. */
public final class Gaps {
  private Gaps() {}

  /** Missing candles from {@code from} to {@code to} (both open times, inclusive). */
  public record Gap(long from, long to, long missing) {}

  public record Report(long candles, long missing, List<Gap> gaps) {}

  /**
   * Finds the gaps in the first {@code count} open times.
   *
   * @param openTimes ascending open times of one series
   */
  public static Report find(long[] openTimes, int count, Timeframe tf) {
    List<Gap> gaps = new ArrayList<>();
    long missing = 0;
    if (TimeGrid.isCalendar(tf)) { // weeks and calendar months: months are 28 to 31 days long
      for (int i = 1; i < count; i++) {
        long n = TimeGrid.between(tf, openTimes[i - 1], openTimes[i]);
        if (n > 0) {
          gaps.add(
              new Gap(TimeGrid.next(tf, openTimes[i - 1]), TimeGrid.previous(tf, openTimes[i]), n));
          missing += n;
        }
      }
      return new Report(count, missing, gaps);
    }
    long step = tf.millis();
    for (int i = 1; i < count; i++) {
      long delta = openTimes[i] - openTimes[i - 1];
      if (delta > step) {
        long n = delta / step - 1;
        gaps.add(new Gap(openTimes[i - 1] + step, openTimes[i] - step, n));
        missing += n;
      }
    }
    return new Report(count, missing, gaps);
  }
}
