package io.tradingsuite.core;

/** Why a trade was closed, with Freqtrade's result names ({@link #wireName()}). */
public enum ExitReason {
  ROI("roi"),
  STOP_LOSS("stop_loss"),
  TRAILING_STOP_LOSS("trailing_stop_loss"),
  EXIT_SIGNAL("exit_signal"),
  FORCE_EXIT("force_exit");

  private final String wireName;

  ExitReason(String wireName) {
    this.wireName = wireName;
  }

  /** The name Freqtrade writes in {@code exit_reason}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a Freqtrade exit reason name. */
  public static ExitReason fromWireName(String name) {
    for (ExitReason r : values()) {
      if (r.wireName.equals(name)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown exit reason: " + name);
  }

  /** True for the reasons Freqtrade's StoplossGuard counts. */
  public boolean isStoploss() {
    return this == STOP_LOSS || this == TRAILING_STOP_LOSS;
  }
}
