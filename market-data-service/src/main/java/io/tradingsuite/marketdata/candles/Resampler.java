package io.tradingsuite.marketdata.candles;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Resamples a series into a larger timeframe the way Freqtrade does (pandas {@code resample} with
 * {@code label="left", closed="left"} and {@code open: first, high: max, low: min, close: last,
 * volume: sum}): each period starts on the target grid ({@link TimeGrid}: epoch-aligned, {@code 1w}
 * on Monday 00:00 UTC as pandas {@code 1W-MON}, {@code 1M} on the month's first day as {@code
 * 1MS}), periods without any source candle are left out (never filled), and a period with source
 * candles missing (the last, still incomplete one included) is built from those present.
 */
public final class Resampler {
  private Resampler() {}

  public static List<Ohlcv> resample(List<Ohlcv> sorted, Timeframe from, Timeframe to) {
    if (!TimeGrid.nests(from, to)) {
      throw new IllegalArgumentException(
          "cannot resample "
              + from
              + " into "
              + to
              + ": the target must be a larger multiple of the source (1w and 1M: a source that"
              + " divides a day)");
    }
    List<Ohlcv> out = new ArrayList<>();
    long start = Long.MIN_VALUE;
    BigDecimal open = null, high = null, low = null, close = null, volume = null;
    for (Ohlcv c : sorted) {
      long slot = TimeGrid.floor(to, c.openTime());
      if (slot != start) {
        if (open != null) {
          out.add(new Ohlcv(start, open, high, low, close, volume));
        }
        start = slot;
        open = c.open();
        high = c.high();
        low = c.low();
        close = c.close();
        volume = c.volume();
      } else {
        high = high.max(c.high());
        low = low.min(c.low());
        close = c.close();
        volume = volume.add(c.volume());
      }
    }
    if (open != null) {
      out.add(new Ohlcv(start, open, high, low, close, volume));
    }
    return out;
  }
}
