package io.tradingsuite.marketdata.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.exchange.CandleSource;
import io.tradingsuite.marketdata.exchange.FeedCursorStore;
import io.tradingsuite.marketdata.exchange.LivePoller;
import io.tradingsuite.marketdata.metrics.MarketDataMetrics;
import io.tradingsuite.marketdata.publish.CandlePublisher;
import io.tradingsuite.marketdata.publish.PublishedCandles;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;

/**
 * The live feed (off by default: {@code market-data.live.enabled=true} turns it on): polls the
 * exchange's public candles and publishes each closed candle once. Never runs in offline mode.
 *
 * <p>Started at start-up, stopped at shutdown. Polls (the schedule's and {@link #pollOnce()}'s) run
 * one at a time. A stop waits for a poll in progress, which returns after the candle in flight is
 * acknowledged by the broker and its cursor written; a start builds a new {@link LivePoller} that
 * resumes from the cursors in the database only. So a restart publishes no candle twice and skips
 * none.
 */
@ApplicationScoped
public class LiveFeed {
  @ConfigProperty(name = "market-data.live.enabled", defaultValue = "false")
  boolean enabled;

  @ConfigProperty(name = "market-data.live.exchange", defaultValue = "binance")
  String exchange;

  @ConfigProperty(name = "market-data.live.pairs", defaultValue = "BTC/USDT")
  List<String> pairs;

  @ConfigProperty(name = "market-data.live.timeframe", defaultValue = "5m")
  String timeframe;

  @Inject ExchangeSources sources;
  @Inject CandleStore store;
  @Inject PublishedCandles published;
  @Inject AgroalDataSource dataSource;
  @Inject CandlePublisher publisher;
  @Inject MarketDataSettings settings;
  @Inject MarketClock clock;
  @Inject MarketDataMetrics metrics;

  // SchemaMigrator is a @Readiness health check, so that qualifier is needed to inject it
  @Inject @Readiness SchemaMigrator schema;

  private final ReentrantLock polling = new ReentrantLock();
  private volatile LivePoller poller;

  void onStart(@Observes StartupEvent ignored) {
    if (enabled && !settings.offline()) {
      start();
    }
  }

  void onStop(@Observes ShutdownEvent ignored) {
    stop();
  }

  /** Starts a new run of the feed (if none runs): it resumes from the stored cursors. */
  public synchronized void start() {
    if (!ExchangeSources.SUPPORTED.contains(exchange)) {
      Log.errorf(
          "live feed not started: market-data.live.exchange must be one of %s (was \"%s\")",
          ExchangeSources.SUPPORTED, exchange);
      return;
    }
    if (poller == null) {
      catchUpCursors();
      poller =
          new LivePoller(
              new OnFirstUse(),
              store,
              new FeedCursorStore(dataSource),
              publisher::publish,
              clock::millis);
      Log.infof("live feed started: %s %s %s", exchange, pairs, timeframe);
    }
  }

  /**
   * A kill between the broker's acknowledgement of a candle and the write of its cursor leaves the
   * candle on the topic and the cursor behind it: the cursors move up to what the topic's tail
   * shows was published, so the first poll does not send it again.
   */
  private void catchUpCursors() {
    FeedCursorStore cursors = new FeedCursorStore(dataSource);
    try {
      published
          .newestInTail(exchange, pairs, timeframe, 2000)
          .forEach(
              (pair, openTime) -> {
                MarketKey key = new MarketKey(exchange, pair, timeframe);
                if (cursors.last(key).orElse(Long.MIN_VALUE) < openTime) {
                  Log.infof(
                      "live feed %s: %s at %d was published but not recorded (a crash); not"
                          + " sending it again",
                      exchange, pair, openTime);
                  cursors.save(key, openTime);
                }
              });
    } catch (RuntimeException e) {
      Log.warnf(
          "live feed: could not read the candle topic back (%s); after a crash the last candle"
              + " of a series may go out twice",
          e.getMessage());
    }
  }

  /**
   * Stops the feed: returns once a poll in progress has recorded the last candle the broker
   * acknowledged (as on shutdown); nothing is polled until {@link #start()}.
   */
  public synchronized void stop() {
    LivePoller running = poller;
    poller = null;
    if (running != null) {
      running.stop();
      polling.lock(); // waits for the poll in progress, if any
      try {
        Log.infof("live feed stopped: %s %s %s", exchange, pairs, timeframe);
      } finally {
        polling.unlock();
      }
    }
  }

  /**
   * What a service restart does to the feed, without restarting the JVM: {@link #stop()} as on
   * shutdown, then {@link #start()} as at start-up.
   */
  public void restart() {
    stop();
    start();
  }

  public boolean isRunning() {
    return poller != null;
  }

  @Scheduled(
      every = "${market-data.live.poll-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    pollOnce();
  }

  /**
   * The configured exchange's source, built on the first poll rather than at start-up: building
   * Kraken's calls the exchange (remote init), and an unreachable exchange must not stop the
   * service from starting; the next poll tries again.
   */
  private final class OnFirstUse implements CandleSource {
    @Override
    public String exchange() {
      return exchange;
    }

    @Override
    public int pageLimit() {
      return sources.get(exchange).pageLimit();
    }

    @Override
    public List<Ohlcv> closedCandles(String pair, Timeframe tf, long fromMs) throws Exception {
      return sources.get(exchange).closedCandles(pair, tf, fromMs);
    }
  }

  /** One poll of every configured pair; returns how many candles were published. */
  public int pollOnce() {
    polling.lock();
    try {
      LivePoller current = poller;
      if (current == null || !schema.isMigrated()) {
        return 0;
      }
      int total = 0;
      for (String pair : pairs) {
        if (current.isStopped()) {
          break;
        }
        try {
          int n = current.poll(pair.trim(), Timeframe.parse(timeframe));
          total += n;
          metrics.ingested(MarketDataMetrics.LIVE, n);
          if (n > 0) {
            Log.debugf(
                "live feed: published %d closed %s %s candles of %s", n, exchange, timeframe, pair);
          }
        } catch (Exception e) {
          Log.warnf(
              "live feed %s %s %s: %s (next poll retries)",
              exchange, pair, timeframe, e.toString());
        }
      }
      return total;
    } finally {
      polling.unlock();
    }
  }
}
