package io.tradingsuite.marketdata.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.replay.ReplayState;
import io.tradingsuite.marketdata.sample.SampleGenerator;
import io.tradingsuite.marketdata.service.ReplayManager;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Publish benchmark of the service's own path (run by bench/market-data/run.sh; not a test, no
 * assertion on time): a replay at speed max through {@link ReplayManager}, the SmallRye emitter on
 * the channel {@code candles-out} with its configured producer settings, the real broker, progress
 * in the service's SQLite database. The topic is a bench topic, not market.candles.v1. Runs only
 * with {@code -Dbench.service=true}; {@code -Dbench.candles=N} sets the number of candles.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestProfile(ReplayServiceBench.Bench.class)
@EnabledIfSystemProperty(named = "bench.service", matches = "true")
class ReplayServiceBench {

  public static class Bench implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("mp.messaging.outgoing.candles-out.topic", "bench.market.candles.v1");
    }
  }

  @Inject CandleStore store;
  @Inject ReplayManager replays;

  @ConfigProperty(name = "market-data.replay.batch")
  int window;

  @Test
  void replayAtSpeedMax() throws Exception {
    int n = Integer.getInteger("bench.candles", 200_000);
    MarketKey key =
        new MarketKey("bench" + UUID.randomUUID().toString().substring(0, 8), "BTC/USDT", "1m");
    List<Ohlcv> candles =
        SampleGenerator.generate(
            42,
            new SampleGenerator.Profile(42_000, 2, 12, 5),
            Timeframe.parse("1m"),
            1_514_764_800_000L,
            n);
    store.upsert(key, candles);
    // a short replay first: the JIT, the producer's connection and metadata
    run(key, candles.get(0).openTime(), candles.get(2_000).openTime());
    String loadBefore = MarketDataBench.load();
    double s = run(key, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
    System.out.printf(
        "publish : service replay (emitter, speed max, window %,d, progress in SQLite): %,.0f"
            + " candles/s (%,d in %.2f s) | load %s -> %s%n",
        window, n / s, n, s, loadBefore, MarketDataBench.load());
  }

  private double run(MarketKey key, long from, long to) throws InterruptedException {
    ReplaySpec spec =
        new ReplaySpec(
            "bench-" + UUID.randomUUID(),
            key.exchange(),
            List.of(key.pair()),
            key.timeframe(),
            from,
            to,
            0);
    long t = System.nanoTime();
    ReplayState state = replays.start(spec);
    while (ReplayState.RUNNING.equals(state.status())) {
      Thread.sleep(20);
      state = replays.find(spec.id()).orElseThrow();
    }
    double s = (System.nanoTime() - t) / 1e9;
    if (!ReplayState.DONE.equals(state.status()) || state.published() != state.total()) {
      throw new IllegalStateException("replay ended " + state);
    }
    return s;
  }
}
