package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleChecks;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
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
 * history).
 */
public class LivePoller {
  private final CandleSource source;
  private final CandleStore store;
  private final FeedCursorStore cursors;
  private final Function<Candle, CompletableFuture<Void>> sink;
  private final LongSupplier clock;

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

  /** Returns how many candles were published. */
  public int poll(String pair, Timeframe tf) throws Exception {
    MarketKey key = new MarketKey(source.exchange(), pair, tf.name());
    OptionalLong cursor = cursors.last(key);
    long from =
        cursor.isPresent()
            ? cursor.getAsLong() + tf.millis()
            : tf.floor(clock.getAsLong()) - tf.millis();
    List<Ohlcv> page = source.closedCandles(key.pair(), tf, from);
    int published = 0;
    for (Ohlcv c : page) {
      if (c.openTime() < from || CandleChecks.rowProblem(c, tf) != null) {
        continue;
      }
      store.upsert(key, List.of(c));
      sink.apply(c.toCandle(key.exchange(), key.pair(), key.timeframe())).get(30, TimeUnit.SECONDS);
      cursors.save(key, c.openTime());
      from = c.openTime() + tf.millis();
      published++;
    }
    return published;
  }
}
