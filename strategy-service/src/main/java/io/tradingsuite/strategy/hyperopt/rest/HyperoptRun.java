package io.tradingsuite.strategy.hyperopt.rest;

import io.tradingsuite.strategy.hyperopt.EpochResult;
import io.tradingsuite.strategy.hyperopt.SearchSpace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live state of one hyperopt run (in memory; the {@code .fthypt} file is the durable record).
 * Thread-safe.
 */
public final class HyperoptRun {

  /** Lifecycle. */
  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    CANCELLED,
    FAILED,
    REFUSED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    boolean finished() {
      return this != QUEUED && this != RUNNING;
    }
  }

  /** One epoch as listed by {@code GET /hyperopts/{id}/epochs} (no trades). */
  public record EpochLine(
      int epoch,
      double loss,
      boolean isBest,
      int totalTrades,
      String resultsExplanation,
      Map<String, Object> paramsDict) {}

  private final String id;
  private final String strategy;
  private final Map<String, Object> settings;
  private final int total;
  private final Instant createdAt = Instant.now();
  private final AtomicBoolean cancel = new AtomicBoolean();
  private final List<EpochLine> epochs = new ArrayList<>();
  private Status status = Status.QUEUED;
  private String detail;
  private String file;
  private String paramsFile;
  private Instant startedAt;
  private Instant finishedAt;
  private int restored;
  private int done;
  private Instant firstNewEpochAt;
  private EpochResult best;
  private Map<String, Map<String, Object>> bestParams;

  public HyperoptRun(
      String id, String strategy, int total, Map<String, Object> settings, String file) {
    this.id = id;
    this.strategy = strategy;
    this.total = total;
    this.settings = settings;
    this.file = file;
  }

  public String id() {
    return id;
  }

  public String strategy() {
    return strategy;
  }

  public boolean cancelRequested() {
    return cancel.get();
  }

  public void requestCancel() {
    cancel.set(true);
  }

  public synchronized Status status() {
    return status;
  }

  public synchronized boolean finished() {
    return status.finished();
  }

  synchronized void started() {
    status = Status.RUNNING;
    startedAt = Instant.now();
  }

  synchronized void onEpoch(EpochResult r, boolean wasRestored, SearchSpace space) {
    done = r.epoch();
    if (wasRestored) {
      restored = r.epoch();
    } else if (firstNewEpochAt == null) {
      firstNewEpochAt = Instant.now();
    }
    if (best == null || r.loss() < best.loss()) {
      best = r;
      bestParams = space.decode(r.paramsDict()).allParams();
    }
    epochs.add(
        new EpochLine(
            r.epoch(),
            r.loss(),
            r.isBest(),
            r.totalTrades(),
            r.resultsExplanation(),
            r.paramsDict()));
  }

  synchronized void finish(Status s, String why, String paramsPath) {
    status = s;
    detail = why;
    paramsFile = paramsPath;
    finishedAt = Instant.now();
  }

  synchronized void refused(String why) {
    finish(Status.REFUSED, why, null);
  }

  /** Epochs after {@code after} (1-based numbering), at most {@code limit}. */
  public synchronized List<EpochLine> epochsAfter(int after, int limit) {
    List<EpochLine> out = new ArrayList<>();
    for (int i = Math.max(0, after); i < epochs.size() && out.size() < limit; i++) {
      out.add(epochs.get(i));
    }
    return out;
  }

  /** The status document of {@code GET /api/v1/hyperopts/{id}}. */
  public synchronized Map<String, Object> view() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("status", status.wireName());
    m.put("strategy", strategy);
    m.putAll(settings);
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("epoch", done);
    progress.put("total", total);
    progress.put("percent", total == 0 ? 0 : done * 100 / total);
    progress.put("restored", restored);
    m.put("progress", progress);
    m.put("best_loss", best == null ? null : best.loss());
    Double rate = null;
    Long eta = null;
    if (firstNewEpochAt != null && done > restored) {
      Instant end = finishedAt != null ? finishedAt : Instant.now();
      double secs = Math.max(1e-3, Duration.between(startedAt, end).toMillis() / 1000.0);
      rate = (done - restored) / secs;
      eta = status == Status.RUNNING ? Math.round((total - done) / rate) : 0L;
    }
    m.put("epochs_per_second", rate);
    m.put("eta_seconds", eta);
    m.put("created_at", createdAt);
    m.put("started_at", startedAt);
    m.put("finished_at", finishedAt);
    m.put("file", file);
    m.put("params_file", paramsFile);
    if (detail != null) {
      m.put("detail", detail);
    }
    if (best != null) {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("epoch", best.epoch());
      b.put("loss", best.loss());
      b.put("params", bestParams);
      b.put("params_dict", best.paramsDict());
      b.put("results_explanation", best.resultsExplanation());
      b.put("total_trades", best.totalTrades());
      b.put("profit_total_abs", best.resultsMetrics().get("profit_total_abs"));
      b.put("profit_total", best.resultsMetrics().get("profit_total"));
      b.put("max_drawdown_account", best.resultsMetrics().get("max_drawdown_account"));
      m.put("best", b);
    }
    return m;
  }

  synchronized EpochResult best() {
    return best;
  }

  synchronized Map<String, Map<String, Object>> bestParams() {
    return bestParams;
  }
}
