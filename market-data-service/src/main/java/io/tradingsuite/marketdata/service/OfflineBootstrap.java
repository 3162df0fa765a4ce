package io.tradingsuite.marketdata.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.metrics.MarketDataMetrics;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.sample.SampleDataSet;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * At start-up, once the schema is ready: resumes replays that were running, and in offline mode
 * ({@code suite.offline}, env {@code SUITE_OFFLINE=1}) stores the synthetic sample set if it is not
 * stored yet and starts (once, under a fixed id, so a restart resumes it) its replay into {@code
 * market.candles.v1}. Runs on its own thread: a missing database must not stop the service from
 * starting.
 */
@ApplicationScoped
public class OfflineBootstrap {
  public static final String OFFLINE_REPLAY_ID = "offline-sample";

  // SchemaMigrator is a @Readiness health check, so that qualifier is needed to inject it
  @Inject @Readiness SchemaMigrator schema;
  @Inject CandleStore candles;
  @Inject ReplayManager replays;
  @Inject MarketDataSettings settings;
  @Inject MarketDataMetrics metrics;

  private volatile Thread thread;

  void onStart(@Observes StartupEvent ignored) {
    thread = new Thread(this::bootstrap, "market-data-bootstrap");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent ignored) {
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  private void bootstrap() {
    try {
      while (!schema.isMigrated()) {
        Thread.sleep(500);
      }
      if (settings.offline()) {
        loadSample();
      }
      replays.resumeAll();
      if (settings.offline()
          && settings.offlineReplay()
          && replays.find(OFFLINE_REPLAY_ID).isEmpty()) {
        replays.start(
            new ReplaySpec(
                OFFLINE_REPLAY_ID,
                SampleDataSet.EXCHANGE,
                SampleDataSet.pairs(),
                SampleDataSet.TIMEFRAME,
                SampleDataSet.START.toEpochMilli(),
                SampleDataSet.end(),
                settings.offlineReplaySpeed()));
        Log.infof(
            "offline: replaying the synthetic sample set into market.candles.v1 at %.0fx real time",
            settings.offlineReplaySpeed());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      Log.errorf("market-data start-up tasks failed: %s", e.getMessage());
    }
  }

  /** Stores each sample pair whose series is not complete yet (idempotent: upsert). */
  public void loadSample() {
    for (String pair : SampleDataSet.pairs()) {
      MarketKey key = new MarketKey(SampleDataSet.EXCHANGE, pair, SampleDataSet.TIMEFRAME);
      if (candles.count(key, SampleDataSet.START.toEpochMilli(), SampleDataSet.end())
          < SampleDataSet.candlesPerPair()) {
        int n = candles.upsert(key, SampleDataSet.candles(pair));
        metrics.ingested(MarketDataMetrics.SAMPLE, n);
        Log.infof(
            "offline: stored %d synthetic sample candles of %s (%s)", n, key, SampleDataSet.LABEL);
      }
    }
  }
}
