package io.tradingsuite.marketdata.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * The replay window on a real SQLite database migrated with the service's migrations. The sink
 * stands in for the broker here so the test decides when, and whether, each candle is acknowledged
 * (the real broker path is ReplayBrokerTest): never more than {@code batch} candles in flight,
 * progress recorded per acknowledged half window while the newer half stays in flight, and after a
 * refused candle nothing later of its pair recorded, so a resumed replay sends it again in order.
 */
class ReplayWorkerTest {
  private static final long T0 = 1_704_067_200_000L;
  private static final long M = 60_000L;
  private static SQLiteDataSource db;

  @BeforeAll
  static void database() throws Exception {
    Path dir = Files.createDirectories(Path.of("target/var"));
    db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + dir.resolve("replay-" + UUID.randomUUID() + ".sqlite"));
    Flyway.configure()
        .dataSource(db)
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
  }

  /** Candles sent, each with the future the test completes as the broker would. */
  private static final class HeldSink implements ReplayWorker.Sink {
    final List<Candle> sent = Collections.synchronizedList(new ArrayList<>());
    final List<CompletableFuture<Void>> acks = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<Void> publish(Candle candle) {
      CompletableFuture<Void> ack = new CompletableFuture<>();
      acks.add(ack);
      sent.add(candle);
      return ack;
    }

    void ackUpTo(int count) {
      for (int i = 0; i < count; i++) {
        acks.get(i).complete(null);
      }
    }
  }

  private static ReplaySpec stored(String pair, int n, ReplayStore replays) {
    String ex = "w" + UUID.randomUUID().toString().substring(0, 8);
    List<Ohlcv> candles = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigDecimal p = BigDecimal.valueOf(100 + i);
      candles.add(new Ohlcv(T0 + i * M, p, p, p, p, BigDecimal.ONE));
    }
    new CandleStore(db).upsert(new MarketKey(ex, pair, "1m"), candles);
    ReplaySpec spec =
        new ReplaySpec("r-" + UUID.randomUUID(), ex, List.of(pair), "1m", T0, T0 + n * M, 0);
    replays.create(spec, n);
    return spec;
  }

  private static ReplayState.PairProgress progress(ReplayStore replays, ReplaySpec spec) {
    return replays.find(spec.id()).orElseThrow().progress().get(spec.pairs().get(0));
  }

  @Test
  void atMostOneWindowInFlightAndProgressPerAcknowledgedHalf() throws Exception {
    ReplayStore replays = new ReplayStore(db);
    ReplaySpec spec = stored("AAA/USDT", 30, replays);
    HeldSink sink = new HeldSink();
    ReplayWorker worker = new ReplayWorker(spec, new CandleStore(db), replays, sink, 10);
    Thread thread = new Thread(worker, "replay-test");
    thread.start();

    // a full window and nothing more until the oldest candle is acknowledged
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(thread) && sink.sent.size() == 10);
    assertThat(sink.sent).hasSize(10);
    assertThat(progress(replays, spec)).isNull();

    // the older half acknowledged: recorded, and the worker sends on with the newer half in flight
    sink.ackUpTo(5);
    await().atMost(Duration.ofSeconds(30)).until(() -> waiting(thread) && sink.sent.size() == 15);
    assertThat(progress(replays, spec)).isEqualTo(new ReplayState.PairProgress(T0 + 4 * M, 5));

    // acknowledging as it goes: every candle once, in order, all recorded, done
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              sink.ackUpTo(sink.acks.size());
              return worker.awaitFinished(10);
            });
    assertThat(sink.sent)
        .extracting(c -> c.openTime().toEpochMilli())
        .containsExactlyElementsOf(times(0, 30));
    ReplayState done = replays.find(spec.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ReplayState.DONE);
    assertThat(done.published()).isEqualTo(30);
  }

  @Test
  void aRefusedCandleStopsTheProgressOfItsPairAndIsSentAgainOnResume() throws Exception {
    ReplayStore replays = new ReplayStore(db);
    ReplaySpec spec = stored("BBB/USDT", 30, replays);
    // the broker refuses the fourth candle and acknowledges the others, also the later ones
    ReplayWorker.Sink refusing =
        new ReplayWorker.Sink() {
          int n;

          @Override
          public CompletableFuture<Void> publish(Candle candle) {
            return n++ == 3
                ? CompletableFuture.failedFuture(new IllegalStateException("refused"))
                : CompletableFuture.completedFuture(null);
          }
        };
    ReplayWorker first = new ReplayWorker(spec, new CandleStore(db), replays, refusing, 10);
    first.run();
    ReplayState failed = replays.find(spec.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(ReplayState.FAILED);
    assertThat(failed.error()).contains("refused");
    // candles 5 to 10 were acknowledged too, but lie after the refused one: not recorded
    assertThat(progress(replays, spec)).isEqualTo(new ReplayState.PairProgress(T0 + 2 * M, 3));

    // resumed (as after a restart, from the stored state only): from the refused candle on, in
    // order
    replays.setStatus(spec.id(), ReplayState.RUNNING, null);
    HeldSink sink = new HeldSink();
    ReplayWorker second = new ReplayWorker(spec, new CandleStore(db), replays, sink, 10);
    Thread thread = new Thread(second, "replay-test-2");
    thread.start();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              sink.ackUpTo(sink.acks.size());
              return second.awaitFinished(10);
            });
    assertThat(sink.sent)
        .extracting(c -> c.openTime().toEpochMilli())
        .containsExactlyElementsOf(times(3, 30));
    assertThat(sink.sent.get(0).openTime()).isEqualTo(Instant.ofEpochMilli(T0 + 3 * M));
    ReplayState done = replays.find(spec.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ReplayState.DONE);
    assertThat(done.published()).isEqualTo(30);
  }

  private static boolean waiting(Thread t) {
    Thread.State s = t.getState();
    return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
  }

  private static List<Long> times(int from, int to) {
    List<Long> out = new ArrayList<>();
    for (int i = from; i < to; i++) {
      out.add(T0 + i * M);
    }
    return out;
  }
}
