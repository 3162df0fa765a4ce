package io.tradingsuite.marketdata.candles;

import io.tradingsuite.contracts.Candle;
import java.math.BigDecimal;
import java.time.Instant;

/** One candle of a known market and timeframe: open time (epoch ms, UTC) and its five decimals. */
public record Ohlcv(
    long openTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume) {

  public Candle toCandle(String exchange, String pair, String timeframe) {
    return new Candle(
        exchange, pair, timeframe, Instant.ofEpochMilli(openTime), open, high, low, close, volume);
  }

  public static Ohlcv of(Candle c) {
    return new Ohlcv(
        c.openTime().toEpochMilli(), c.open(), c.high(), c.low(), c.close(), c.volume());
  }

  /** Same time and numerically equal values (1.50 equals 1.5). */
  public boolean sameValues(Ohlcv o) {
    return openTime == o.openTime
        && open.compareTo(o.open) == 0
        && high.compareTo(o.high) == 0
        && low.compareTo(o.low) == 0
        && close.compareTo(o.close) == 0
        && volume.compareTo(o.volume) == 0;
  }
}
