package io.tradingsuite.marketdata.replay;

import java.util.Map;

/**
 * A replay as stored: its spec, status, totals and per-pair progress (acknowledged by the broker).
 */
public record ReplayState(
    ReplaySpec spec,
    String status,
    long total,
    long published,
    Map<String, PairProgress> progress,
    String error) {

  public static final String RUNNING = "running";
  public static final String DONE = "done";
  public static final String CANCELLED = "cancelled";
  public static final String FAILED = "failed";

  /**
   * Last acknowledged open time (epoch ms) of one pair and how many of its candles were published.
   */
  public record PairProgress(long lastOpenTime, long published) {}
}
