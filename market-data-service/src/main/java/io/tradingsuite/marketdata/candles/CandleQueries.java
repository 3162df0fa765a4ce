package io.tradingsuite.marketdata.candles;

import java.util.List;
import java.util.Optional;

/**
 * What the REST API asks of stored candles: reads, series, open times for gap reports and
 * resampling. Keeps the resource free of storage calls, so the same queries serve other adapters.
 */
public final class CandleQueries {
  /** Bounds that cover every stored candle without overflowing time arithmetic. */
  public static final long MIN_TIME = Long.MIN_VALUE / 2;

  public static final long MAX_TIME = Long.MAX_VALUE / 2;

  private final CandleStore store;

  public CandleQueries(CandleStore store) {
    this.store = store;
  }

  /** Candles of one series with {@code from <= open time <= to}, oldest first; 0 = no limit. */
  public List<Ohlcv> find(MarketKey key, long from, long to, int limit) {
    return store.find(key, from, to, limit);
  }

  /** Every stored series, or those of one exchange. */
  public List<CandleStore.Series> series(String exchange) {
    return store.series(exchange);
  }

  /** The open times of one series in a range, oldest first (gap reports). */
  public long[] openTimes(MarketKey key, long from, long to) {
    return store.openTimes(key, from, to);
  }

  /** A resampled series as stored: how many source candles went in and what came out. */
  public record Resampled(int sourceCandles, List<Ohlcv> candles) {}

  /**
   * Resamples every stored candle of {@code source} into {@code target}'s timeframe and upserts the
   * result; empty when the source has no candles.
   */
  public Optional<Resampled> resample(MarketKey source, MarketKey target) {
    List<Ohlcv> rows = store.find(source, MIN_TIME, MAX_TIME, 0);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<Ohlcv> out = Resampler.resample(rows, source.tf(), target.tf());
    store.upsert(target, out);
    return Optional.of(new Resampled(rows.size(), out));
  }
}
