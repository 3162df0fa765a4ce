package io.tradingsuite.marketdata.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.publish.CandlePublisher;
import io.tradingsuite.marketdata.publish.PublishedCandles;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.replay.ReplayState;
import io.tradingsuite.marketdata.replay.ReplayStore;
import io.tradingsuite.marketdata.replay.ReplayWorker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs replay workers on their own threads; resumes stored running replays at start. */
@ApplicationScoped
public class ReplayManager {
  @Inject CandleStore candles;
  @Inject ReplayStore store;
  @Inject CandlePublisher publisher;
  @Inject PublishedCandles published;

  @ConfigProperty(name = "market-data.replay.batch", defaultValue = "1000")
  int batch;

  private final Map<String, ReplayWorker> workers = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "replay");
            t.setDaemon(true);
            return t;
          });

  /** Stores a new replay and starts it; the total counts the stored candles in range. */
  public ReplayState start(ReplaySpec spec) {
    // where the topic ends now: after a crash, what the replay published is read back from here
    Map<Integer, Long> offsets;
    try {
      offsets = published.endOffsets();
    } catch (RuntimeException e) {
      // the replay itself waits for the broker; only its crash-exact resume is lost
      Log.warnf(
          "replay %s: the candle topic's end is unknown (%s); after a crash it may resend up to"
              + " one window of candles",
          spec.id(), e.getMessage());
      offsets = Map.of();
    }
    store.create(spec, count(spec));
    store.saveStartOffsets(spec.id(), offsets);
    launch(spec);
    return store.find(spec.id()).orElseThrow();
  }

  /** Stored candles a replay would publish. */
  public long count(ReplaySpec spec) {
    long total = 0;
    for (String pair : spec.pairs()) {
      total +=
          candles.count(
              new MarketKey(spec.exchange(), pair, spec.timeframe()), spec.from(), spec.to());
    }
    return total;
  }

  /** Resumes a stored replay that is still running and has no worker in this process. */
  public synchronized void resume(ReplayState state) {
    if (ReplayState.RUNNING.equals(state.status()) && !workers.containsKey(state.spec().id())) {
      catchUp(state);
      Log.infof(
          "resuming replay %s after %d published candles",
          state.spec().id(), store.find(state.spec().id()).orElse(state).published());
      launch(state.spec());
    }
  }

  /**
   * Records as progress what the topic shows was published beyond the stored progress (a crash
   * between acknowledgements and their recording), so that none of it is published again.
   */
  private void catchUp(ReplayState state) {
    Map<Integer, Long> offsets = store.startOffsets(state.spec().id());
    if (offsets.isEmpty()) {
      return; // started before start offsets were kept: the recorded progress is all there is
    }
    Map<String, ReplayState.PairProgress> beyond =
        published.beyond(state.spec(), offsets, state.progress());
    if (!beyond.isEmpty()) {
      long candles =
          beyond.entrySet().stream()
              .mapToLong(
                  e -> {
                    ReplayState.PairProgress before = state.progress().get(e.getKey());
                    return e.getValue().published() - (before == null ? 0 : before.published());
                  })
              .sum();
      Log.infof(
          "replay %s: %d candles were on the topic but not recorded (a crash); not sending them"
              + " again",
          state.spec().id(), candles);
      store.saveProgress(state.spec().id(), beyond);
    }
  }

  /**
   * Stops every worker as a shutdown does, without resuming: with {@link #resumeAll()} what a
   * restart does (a test can change the stored state in between, as a crash would have left it).
   */
  public void stopWorkers() throws InterruptedException {
    stopAll();
  }

  public void resumeAll() {
    store.withStatus(ReplayState.RUNNING).forEach(this::resume);
  }

  public Optional<ReplayState> find(String id) {
    return store.find(id);
  }

  public List<ReplayState> all() {
    return store.all();
  }

  /** Cancels a running replay after recording what the broker acknowledged. */
  public Optional<ReplayState> cancel(String id) throws InterruptedException {
    Optional<ReplayState> state = store.find(id);
    if (state.isEmpty()) {
      return state;
    }
    ReplayWorker worker = workers.get(id);
    if (worker != null) {
      worker.stop(ReplayState.CANCELLED);
      worker.awaitFinished(60_000);
    } else if (ReplayState.RUNNING.equals(state.get().status())) {
      store.setStatus(id, ReplayState.CANCELLED, null);
    }
    return store.find(id);
  }

  /**
   * What a service restart does to replays, without restarting the JVM: every worker stops as on
   * shutdown (in-flight acknowledgements recorded, status left running), the in-memory workers are
   * dropped, and new workers are built from the stored state only, as at start-up.
   */
  public void restartWorkers() throws InterruptedException {
    stopAll();
    resumeAll();
  }

  private synchronized void launch(ReplaySpec spec) {
    ReplayWorker worker = new ReplayWorker(spec, candles, store, publisher::publish, batch);
    workers.put(spec.id(), worker);
    threads.execute(
        () -> {
          try {
            worker.run();
          } finally {
            workers.remove(spec.id(), worker);
          }
        });
  }

  private void stopAll() throws InterruptedException {
    List<ReplayWorker> running = List.copyOf(workers.values());
    running.forEach(w -> w.stop(null));
    for (ReplayWorker w : running) {
      if (!w.awaitFinished(60_000)) {
        Log.warnf("replay %s did not stop within 60 s", w.id());
      }
      workers.remove(w.id(), w);
    }
  }

  void onStop(@Observes ShutdownEvent ignored) throws InterruptedException {
    stopAll();
    threads.shutdownNow();
  }
}
