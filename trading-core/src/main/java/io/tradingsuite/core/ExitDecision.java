package io.tradingsuite.core;

/**
 * The outcome of {@link ExitEvaluator#evaluate}: a mutable holder the caller owns and reuses, so
 * the hot path does not allocate. {@link #reason()} is {@code null} when the trade stays open.
 */
public final class ExitDecision {

  private ExitReason reason;
  private double closeRate = Double.NaN;

  void set(ExitReason reason, double closeRate) {
    this.reason = reason;
    this.closeRate = closeRate;
  }

  void clear() {
    this.reason = null;
    this.closeRate = Double.NaN;
  }

  public boolean isExit() {
    return reason != null;
  }

  /** Exit reason, or {@code null} for "hold". */
  public ExitReason reason() {
    return reason;
  }

  /**
   * The price the exit order is placed at (filled at this price on the same candle for every
   * built-in rule).
   */
  public double closeRate() {
    return closeRate;
  }

  @Override
  public String toString() {
    return reason == null ? "hold" : reason.wireName() + "@" + closeRate;
  }
}
