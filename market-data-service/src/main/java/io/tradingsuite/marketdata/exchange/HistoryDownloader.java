package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleChecks;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.candles.TimeGrid;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Downloads history page by page within the exchange's limit and stores it as it goes, so a stopped
 * download resumes from the last stored candle. Rate-limit answers (HTTP 429, XChange
 * RateLimitExceededException) back off exponentially and retry the same page.
 */
public class HistoryDownloader {
  /** Waits; a test passes a recorder instead of sleeping. */
  public interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  public record Result(
      String pair,
      String timeframe,
      int stored,
      int pages,
      int rateLimited,
      Long first,
      Long last) {}

  private final CandleStore store;
  private final Sleeper sleeper;
  private final long initialBackoffMs;
  private final int maxRetries;

  public HistoryDownloader(
      CandleStore store, Sleeper sleeper, long initialBackoffMs, int maxRetries) {
    this.store = store;
    this.sleeper = sleeper;
    this.initialBackoffMs = initialBackoffMs;
    this.maxRetries = maxRetries;
  }

  /**
   * Candles with {@code from <= open_time < to}, starting after the last stored one if that is
   * later.
   */
  public Result download(CandleSource source, String pair, Timeframe tf, long from, long to)
      throws Exception {
    MarketKey key = new MarketKey(source.exchange(), pair, tf.name());
    OptionalLong last = store.last(key);
    long next = TimeGrid.floor(tf, from) < from ? TimeGrid.next(tf, from) : from;
    if (last.isPresent() && TimeGrid.next(tf, last.getAsLong()) > next) {
      next = TimeGrid.next(tf, last.getAsLong());
    }
    int stored = 0;
    int pages = 0;
    int limited = 0;
    Long first = null;
    Long lastStored = null;
    while (next < to) {
      List<Ohlcv> page = null;
      long backoff = initialBackoffMs;
      for (int attempt = 0; page == null; attempt++) {
        try {
          page = source.closedCandles(key.pair(), tf, next);
        } catch (Exception e) {
          if (!RateLimits.isRateLimit(e) || attempt >= maxRetries) {
            throw e;
          }
          limited++;
          sleeper.sleep(backoff);
          backoff = Math.min(backoff * 2, 60_000);
        }
      }
      pages++;
      List<Ohlcv> keep = new ArrayList<>(page.size());
      for (Ohlcv c : page) {
        if (c.openTime() >= next && c.openTime() < to) {
          String problem = CandleChecks.rowProblem(c, tf);
          if (problem != null) {
            throw new IllegalStateException(
                source.exchange()
                    + " sent a bad "
                    + key
                    + " candle at "
                    + c.openTime()
                    + ": "
                    + problem);
          }
          if (keep.isEmpty() || c.openTime() > keep.get(keep.size() - 1).openTime()) {
            keep.add(c);
          }
        }
      }
      if (keep.isEmpty()) {
        break; // nothing newer yet
      }
      store.upsert(key, keep);
      stored += keep.size();
      first = first == null ? keep.get(0).openTime() : first;
      lastStored = keep.get(keep.size() - 1).openTime();
      next = TimeGrid.next(tf, lastStored);
    }
    return new Result(key.pair(), tf.name(), stored, pages, limited, first, lastStored);
  }
}
