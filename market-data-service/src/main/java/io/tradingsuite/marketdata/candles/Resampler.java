package io.tradingsuite.marketdata.candles;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Resamples a series into a larger timeframe the way Freqtrade does (pandas {@code resample} with
 * {@code label="left", closed="left"} and {@code open: first, high: max, low: min, close: last,
 * volume: sum}): each period starts on the target grid (epoch-aligned), periods without any source
 * candle are left out (never filled).
 */
public final class Resampler {
  private Resampler() {}

  public static List<Ohlcv> resample(List<Ohlcv> sorted, Timeframe from, Timeframe to) {
    if (to.millis() <= from.millis() || to.millis() % from.millis() != 0) {
      throw new IllegalArgumentException(
          "cannot resample "
              + from
              + " into "
              + to
              + ": the target must be a larger multiple of the source");
    }
    List<Ohlcv> out = new ArrayList<>();
    long start = Long.MIN_VALUE;
    BigDecimal open = null, high = null, low = null, close = null, volume = null;
    for (Ohlcv c : sorted) {
      long slot = to.floor(c.openTime());
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
