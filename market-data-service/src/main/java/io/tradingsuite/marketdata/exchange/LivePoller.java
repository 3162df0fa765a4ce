package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleChecks;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.candles.TimeGrid;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One poll of the live feed for one series: fetch the closed candles after the cursor, store them,
 * publish each in order, and move the cursor (in the database) after each broker acknowledgement.
 * Polling again, or after a restart, starts after the cursor: each closed candle goes out once. A
 * fresh series starts with the latest closed candle (no back-fill flood; use a download for
 * history). Candle starts follow {@link TimeGrid} ({@code 1M}: calendar months, not 30 days).
 *
 * <p>One poller is one run of the feed: {@link #stop()} makes a poll in progress return after the
 * candle in flight is acknowledged and its cursor written, and later polls do nothing; a restart
 * builds a new poller, which knows nothing but the cursors in the database. Polls of one series
 * must not run concurrently (the caller serialises them), or both could send the same candle.
 */
public class LivePoller {
  private final CandleSource source;
  private final CandleStore store;
  private final FeedCursorStore cursors;
  private final Function<Candle, CompletableFuture<Void>> sink;
  private final LongSupplier clock;
  private volatile boolean stopped;

  public LivePoller(
      CandleSource source,
      CandleStore store,
      FeedCursorStore cursors,
      Function<Candle, CompletableFuture<Void>> sink,
      LongSupplier clock) {
    this.source = source;
    this.store = store;
    this.cursors = cursors;
    this.sink = sink;
    this.clock = clock;
  }

  /**
   * Ends this run of the feed: a poll in progress returns after the candle in flight is
   * acknowledged and recorded; later polls publish nothing.
   */
  public void stop() {
    stopped = true;
  }

  public boolean isStopped() {
    return stopped;
  }

  /** Returns how many candles were published. */
  public int poll(String pair, Timeframe tf) throws Exception {
    if (stopped) {
      return 0;
    }
    MarketKey key = new MarketKey(source.exchange(), pair, tf.name());
    OptionalLong cursor = cursors.last(key);
    long from =
        cursor.isPresent()
            ? TimeGrid.next(tf, cursor.getAsLong())
            : TimeGrid.previous(tf, clock.getAsLong());
    List<Ohlcv> page = source.closedCandles(key.pair(), tf, from);
    int published = 0;
    for (Ohlcv c : page) {
      if (stopped) {
        break;
      }
      if (c.openTime() < from || CandleChecks.rowProblem(c, tf) != null) {
        continue;
      }
      store.upsert(key, List.of(c));
      sink.apply(c.toCandle(key.exchange(), key.pair(), key.timeframe())).get(30, TimeUnit.SECONDS);
      cursors.save(key, c.openTime());
      from = TimeGrid.next(tf, c.openTime());
      published++;
    }
    return published;
  }
}
