package io.tradingsuite.strategy.hyperopt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Scores points on {@code jobs} threads over the scorer's shared read-only data; results in point
 * order.
 */
public final class LocalBatchExecutor implements BatchExecutor {

  private static final AtomicInteger POOLS = new AtomicInteger();

  private final EpochScorer scorer;
  private final ExecutorService pool;
  private final int jobs;

  public LocalBatchExecutor(EpochScorer scorer, int jobs) {
    this.scorer = scorer;
    this.jobs = jobs;
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool =
        jobs == 1
            ? null
            : Executors.newFixedThreadPool(
                jobs,
                r -> {
                  Thread t = new Thread(r, "hyperopt-" + id + "-" + n.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
  }

  public int jobs() {
    return jobs;
  }

  @Override
  public List<EpochScorer.Scored> scoreAll(List<Map<String, Object>> points) {
    List<EpochScorer.Scored> out = new ArrayList<>(points.size());
    if (pool == null) {
      for (Map<String, Object> p : points) {
        out.add(scorer.score(p));
      }
      return out;
    }
    List<Future<EpochScorer.Scored>> futures = new ArrayList<>(points.size());
    for (Map<String, Object> p : points) {
      futures.add(pool.submit(() -> scorer.score(p)));
    }
    try {
      for (Future<EpochScorer.Scored> f : futures) {
        out.add(f.get());
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    }
    return out;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
