package io.tradingsuite.marketdata.replay;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Publishes one replay: the stored candles of its pairs merged in time order (each pair in order),
 * paced at {@code speed} × real time or as fast as the broker acknowledges.
 *
 * <p>No duplicates across restarts: at most {@code batch} candles are in flight (sent, progress not
 * yet recorded). When that window is full, the worker waits for the acknowledgements of its older
 * half, writes the last acknowledged open time per pair to {@code replay_progress}, and goes on
 * sending while the newer half is still on its way (the window never drains to empty, as waiting
 * for a whole batch did); a worker (re)started from the stored state begins after the recorded
 * times. A graceful stop (shutdown, cancel) waits for every in-flight acknowledgement and records
 * it, so nothing is sent twice. A hard crash (kill -9) leaves up to one window acknowledged but not
 * recorded; before a resumed worker starts, the manager reads them back from the topic ({@code
 * PublishedCandles}, from the offsets stored at the replay's start) and records them, so they are
 * not sent again either. (Consumers still dedupe by {@link Candle#messageId()}.) After a candle the
 * broker refused, no later candle of its pair is recorded: a resumed replay sends them again, in
 * order.
 */
public class ReplayWorker implements Runnable {
  /** Where candles go; the future completes when the broker acknowledged the candle. */
  public interface Sink {
    CompletableFuture<Void> publish(Candle candle);
  }

  private static final int PAGE = 5000;

  private final ReplaySpec spec;
  private final CandleStore candles;
  private final ReplayStore store;
  private final Sink sink;
  private final int batch;
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile String stopStatus;
  private final Map<String, ReplayState.PairProgress> progress = new HashMap<>();
  private final ArrayDeque<Candle> inflight = new ArrayDeque<>();
  private final ArrayDeque<CompletableFuture<Void>> acks = new ArrayDeque<>();
  private final Set<String> brokenPairs = new HashSet<>();

  public ReplayWorker(
      ReplaySpec spec, CandleStore candles, ReplayStore store, Sink sink, int batch) {
    this.spec = spec;
    this.candles = candles;
    this.store = store;
    this.sink = sink;
    this.batch = Math.max(1, batch);
  }

  public String id() {
    return spec.id();
  }

  /**
   * Asks the worker to stop after recording what the broker acknowledged. {@code status} is the
   * state to store ({@code cancelled}), or {@code null} to leave it {@code running} so it resumes
   * on start.
   */
  public void stop(String status) {
    stopStatus = status;
    stopRequested = true;
  }

  public boolean awaitFinished(long millis) throws InterruptedException {
    return finished.await(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void run() {
    try {
      store.find(spec.id()).ifPresent(s -> progress.putAll(s.progress()));
      PriorityQueue<Cursor> queue =
          new PriorityQueue<>(
              (a, b) -> {
                int byTime = Long.compare(a.peek().openTime(), b.peek().openTime());
                return byTime != 0 ? byTime : a.pair.compareTo(b.pair);
              });
      for (String pair : spec.pairs()) {
        ReplayState.PairProgress done = progress.get(pair);
        Cursor c =
            new Cursor(
                new MarketKey(spec.exchange(), pair, spec.timeframe()),
                done == null ? spec.from() : Math.max(spec.from(), done.lastOpenTime() + 1));
        if (c.peek() != null) {
          queue.add(c);
        }
      }
      long wallStart = -1;
      long timeStart = 0;
      while (!stopRequested && !queue.isEmpty()) {
        Cursor cursor = queue.poll();
        Ohlcv next = cursor.peek();
        if (spec.speed() > 0) {
          if (wallStart < 0) {
            wallStart = System.nanoTime();
            timeStart = next.openTime();
          }
          long due =
              wallStart + (long) ((next.openTime() - timeStart) * 1_000_000.0 / spec.speed());
          if (due - System.nanoTime() > 0) {
            flush(); // do not hold acknowledged candles unrecorded while waiting
            while (!stopRequested && due - System.nanoTime() > 0) {
              Thread.sleep(Math.max(1, Math.min(200, (due - System.nanoTime()) / 1_000_000)));
            }
            if (stopRequested) {
              break;
            }
          }
        }
        cursor.advance();
        Candle candle =
            next.toCandle(cursor.key.exchange(), cursor.key.pair(), cursor.key.timeframe());
        inflight.add(candle);
        acks.add(sink.publish(candle));
        if (inflight.size() >= batch) {
          settle(inflight.size() - batch / 2); // the older half; the newer stays in flight
        }
        if (cursor.peek() != null) {
          queue.add(cursor);
        }
      }
      flush();
      if (!stopRequested) {
        store.setStatus(spec.id(), ReplayState.DONE, null);
      } else if (stopStatus != null) {
        store.setStatus(spec.id(), stopStatus, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      safeFlush();
    } catch (Exception e) {
      safeFlush();
      try {
        store.setStatus(spec.id(), ReplayState.FAILED, String.valueOf(e.getMessage()));
      } catch (RuntimeException ignored) {
        // the database is gone too: the replay stays running and resumes from its progress
      }
    } finally {
      finished.countDown();
    }
  }

  private void safeFlush() {
    try {
      flush();
    } catch (Exception ignored) {
      // best effort: what was not recorded is resent after a restart
    }
  }

  /** Waits for every in-flight acknowledgement and records it. */
  private void flush() throws Exception {
    settle(inflight.size());
  }

  /**
   * Waits for the acknowledgements of the {@code count} oldest in-flight candles and records, per
   * pair, the acknowledged prefix. A pair with a refused candle records nothing after it, now or
   * later in this worker.
   */
  private void settle(int count) throws Exception {
    if (count <= 0) {
      return;
    }
    Exception failure = null;
    Map<String, ReplayState.PairProgress> changed = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      Candle c = inflight.poll();
      CompletableFuture<Void> ack = acks.poll();
      try {
        ack.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        failure = failure == null ? e : failure;
        brokenPairs.add(c.pair());
        continue;
      }
      if (brokenPairs.contains(c.pair())) {
        continue; // after a failed candle of this pair, later ones must be resent in order
      }
      ReplayState.PairProgress before = progress.get(c.pair());
      ReplayState.PairProgress after =
          new ReplayState.PairProgress(
              c.openTime().toEpochMilli(), (before == null ? 0 : before.published()) + 1);
      progress.put(c.pair(), after);
      changed.put(c.pair(), after);
    }
    store.saveProgress(spec.id(), changed);
    if (failure != null) {
      throw new IllegalStateException(
          "the broker did not acknowledge a candle: " + failure.getMessage(), failure);
    }
  }

  /** Pages through one pair's stored candles. */
  private final class Cursor {
    final MarketKey key;
    final String pair;
    private final ArrayDeque<Ohlcv> buffer = new ArrayDeque<>();
    private long nextFrom;
    private boolean exhausted;

    Cursor(MarketKey key, long from) {
      this.key = key;
      this.pair = key.pair();
      this.nextFrom = from;
      fill();
    }

    Ohlcv peek() {
      if (buffer.isEmpty()) {
        fill();
      }
      return buffer.peekFirst();
    }

    void advance() {
      buffer.pollFirst();
    }

    private void fill() {
      if (exhausted) {
        return;
      }
      List<Ohlcv> page = candles.find(key, nextFrom, spec.to(), PAGE);
      buffer.addAll(page);
      if (page.size() < PAGE) {
        exhausted = true;
      } else {
        nextFrom = page.get(page.size() - 1).openTime() + 1;
      }
    }
  }
}
