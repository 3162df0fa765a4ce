package io.tradingsuite.marketdata.candles;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a parsed series before it is stored: no negative value, high ≥ low, open and close inside
 * [low, high], times ascending and on the timeframe grid, a repeated time only with identical
 * values (then the repeat is dropped, as Freqtrade de-duplicates). NaN and missing values are
 * refused by the parser already.
 */
public final class CandleChecks {
  private CandleChecks() {}

  /** The rows that pass and the rows refused. Row numbers in {@link BadRow} are 1-based. */
  public record Result(List<Ohlcv> good, List<BadRow> bad, int duplicatesDropped) {}

  /**
   * Splits parsed rows into the good ones and the bad ones, dropping identical repeats.
   *
   * @param rows parsed rows, in file order; a {@code null} entry is a row the parser refused
   * @param parseErrors rows the parser refused already (kept in the result, in row order)
   */
  public static Result check(List<Ohlcv> rows, List<BadRow> parseErrors, Timeframe timeframe) {
    List<Ohlcv> good = new ArrayList<>(rows.size());
    List<BadRow> bad = new ArrayList<>(parseErrors);
    int dropped = 0;
    Ohlcv previous = null;
    for (int i = 0; i < rows.size(); i++) {
      Ohlcv c = rows.get(i);
      if (c == null) {
        continue;
      }
      String reason = rowProblem(c, timeframe);
      if (reason == null && previous != null) {
        if (c.openTime() < previous.openTime()) {
          reason =
              "time "
                  + java.time.Instant.ofEpochMilli(c.openTime())
                  + " is before the previous row's "
                  + java.time.Instant.ofEpochMilli(previous.openTime())
                  + " (rows must be sorted ascending)";
        } else if (c.openTime() == previous.openTime()) {
          if (c.sameValues(previous)) {
            dropped++;
            continue;
          }
          reason =
              "duplicate time "
                  + java.time.Instant.ofEpochMilli(c.openTime())
                  + " with different values";
        }
      }
      if (reason != null) {
        bad.add(new BadRow(i + 1, reason));
      } else {
        good.add(c);
        previous = c;
      }
    }
    bad.sort(java.util.Comparator.comparingInt(BadRow::row));
    return new Result(good, bad, dropped);
  }

  /** Problems a row has on its own, or {@code null}. */
  public static String rowProblem(Ohlcv c, Timeframe timeframe) {
    if (neg(c.open()) || neg(c.high()) || neg(c.low()) || neg(c.close()) || neg(c.volume())) {
      return "negative value";
    }
    if (c.high().compareTo(c.low()) < 0) {
      return "high " + c.high().toPlainString() + " < low " + c.low().toPlainString();
    }
    if (outside(c.open(), c)) {
      return "open " + c.open().toPlainString() + " outside [low, high]";
    }
    if (outside(c.close(), c)) {
      return "close " + c.close().toPlainString() + " outside [low, high]";
    }
    if (timeframe != null && !TimeGrid.onGrid(timeframe, c.openTime())) {
      return "time "
          + java.time.Instant.ofEpochMilli(c.openTime())
          + " is not on the "
          + timeframe
          + " grid";
    }
    return null;
  }

  private static boolean neg(BigDecimal v) {
    return v.signum() < 0;
  }

  private static boolean outside(BigDecimal v, Ohlcv c) {
    return v.compareTo(c.low()) < 0 || v.compareTo(c.high()) > 0;
  }
}
