package io.tradingsuite.strategy.backtest;

import java.time.Instant;
import java.util.Map;

/**
 * The state of one backtest run as {@code GET /api/v1/backtests/{id}} shows it. Mutable, written by
 * the one worker thread that runs it and read by REST threads (volatile fields, immutable values).
 */
public final class BacktestRun {

  /**
   * Lifecycle: {@code queued → running → done | failed}, or {@code refused} when no lease was
   * granted.
   */
  public enum Status {
    QUEUED,
    RUNNING,
    DONE,
    FAILED,
    REFUSED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final String id;
  private final String strategy;
  private final String exchange;
  private final java.util.List<String> pairs;
  private final String timeframe;
  private final Instant createdAt;
  private volatile Status status = Status.QUEUED;
  private volatile int progress;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile String detail;
  private volatile String leaseId;
  private volatile String artifact;
  private volatile Map<String, Object> result;

  /** The result as stored JSON, for a run read back from the store after a restart. */
  private volatile String resultJson;

  public BacktestRun(
      String id,
      String strategy,
      String exchange,
      java.util.List<String> pairs,
      String timeframe,
      Instant createdAt) {
    this.id = id;
    this.strategy = strategy;
    this.exchange = exchange;
    this.pairs = java.util.List.copyOf(pairs);
    this.timeframe = timeframe;
    this.createdAt = createdAt;
  }

  /** A run as the store recorded it (after a restart of the service). */
  static BacktestRun restored(
      String id,
      String strategy,
      String exchange,
      java.util.List<String> pairs,
      String timeframe,
      Instant createdAt,
      Status status,
      Instant startedAt,
      Instant finishedAt,
      String detail,
      String leaseId,
      String artifact,
      String resultJson) {
    BacktestRun r = new BacktestRun(id, strategy, exchange, pairs, timeframe, createdAt);
    r.status = status;
    r.progress = status == Status.DONE ? 100 : 0;
    r.startedAt = startedAt;
    r.finishedAt = finishedAt;
    r.detail = detail;
    r.leaseId = leaseId;
    r.artifact = artifact;
    r.resultJson = resultJson;
    return r;
  }

  /** The stored result JSON of a run read back from the store; null otherwise. */
  public String resultJson() {
    return resultJson;
  }

  public String id() {
    return id;
  }

  public String strategy() {
    return strategy;
  }

  public String exchange() {
    return exchange;
  }

  public java.util.List<String> pairs() {
    return pairs;
  }

  public String timeframe() {
    return timeframe;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Status status() {
    return status;
  }

  public int progress() {
    return progress;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public Instant finishedAt() {
    return finishedAt;
  }

  /** Why a run failed or was refused. */
  public String detail() {
    return detail;
  }

  public String leaseId() {
    return leaseId;
  }

  /** The result file, relative to the var dir. */
  public String artifact() {
    return artifact;
  }

  /** The Freqtrade per-strategy stats object (ISO dates) once done. */
  public Map<String, Object> result() {
    return result;
  }

  void started(String lease) {
    this.leaseId = lease;
    this.startedAt = Instant.now();
    this.status = Status.RUNNING;
  }

  void progress(int percent) {
    this.progress = percent;
  }

  void done(Map<String, Object> stats, String artifactPath) {
    this.result = stats;
    this.artifact = artifactPath;
    this.progress = 100;
    this.finishedAt = Instant.now();
    this.status = Status.DONE;
  }

  void failed(String why) {
    this.detail = why;
    this.finishedAt = Instant.now();
    this.status = Status.FAILED;
  }

  void refused(String why) {
    this.detail = why;
    this.finishedAt = Instant.now();
    this.status = Status.REFUSED;
  }

  public boolean finished() {
    Status s = status;
    return s == Status.DONE || s == Status.FAILED || s == Status.REFUSED;
  }
}
