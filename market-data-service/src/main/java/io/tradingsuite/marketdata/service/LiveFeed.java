package io.tradingsuite.marketdata.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.exchange.FeedCursorStore;
import io.tradingsuite.marketdata.exchange.LivePoller;
import io.tradingsuite.marketdata.publish.CandlePublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The live feed (off by default: {@code market-data.live.enabled=true} turns it on): polls the
 * exchange's public candles and publishes each closed candle once. Never runs in offline mode.
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
  @Inject AgroalDataSource dataSource;
  @Inject CandlePublisher publisher;
  @Inject MarketDataSettings settings;

  @Scheduled(
      every = "${market-data.live.poll-interval:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    if (!enabled || settings.offline()) {
      return;
    }
    LivePoller poller =
        new LivePoller(
            sources.get(exchange),
            store,
            new FeedCursorStore(dataSource),
            publisher::publish,
            System::currentTimeMillis);
    for (String pair : pairs) {
      try {
        int n = poller.poll(pair.trim(), Timeframe.parse(timeframe));
        if (n > 0) {
          Log.debugf(
              "live feed: published %d closed %s %s candles of %s", n, exchange, timeframe, pair);
        }
      } catch (Exception e) {
        Log.warnf(
            "live feed %s %s %s: %s (next poll retries)", exchange, pair, timeframe, e.toString());
      }
    }
  }
}
