package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.util.TreeMap;

/**
 * Dollar-cost-averaging buys: the one kind of entry that risk-service accepts on a pair that
 * already holds a position. A DCA buy is an {@code enter_long} {@link Signal} whose {@code
 * strategy} is the reserved name {@value #STRATEGY}, whose id starts with {@value
 * #SIGNAL_ID_PREFIX} and whose exit plan is {@link #exitPlan()} ("no automatic exit"). {@link
 * MessageValidator} refuses an entry that uses the reserved name without the other two, so a
 * strategy cannot make a DCA buy by accident.
 */
public final class Dca {
  /** The reserved strategy name of DCA signals. */
  public static final String STRATEGY = "dca";

  /** Every DCA entry's signal id starts with this. */
  public static final String SIGNAL_ID_PREFIX = "dca-";

  private Dca() {}

  /**
   * No automatic exit, within the exit-plan rules: {@code stoploss = -1} (a stop at price 0, never
   * reached), {@code minimal_roi = {}} (no ROI step, so no take-profit) and no trailing stop. A DCA
   * position is closed only by the operator ({@code force-exit}).
   */
  public static ExitPlan exitPlan() {
    return new ExitPlan(
        BigDecimal.ONE.negate(), new TreeMap<>(), false, null, BigDecimal.ZERO, false);
  }

  /** True when the plan means "no automatic exit" (as {@link #exitPlan()}, any decimal scale). */
  public static boolean isNoExitPlan(ExitPlan p) {
    return p != null
        && p.stoploss() != null
        && p.stoploss().compareTo(BigDecimal.ONE.negate()) == 0
        && p.minimalRoi() != null
        && p.minimalRoi().isEmpty()
        && !p.trailingStop();
  }

  /** True for an entry under the reserved strategy name (the validator ensures the rest). */
  public static boolean isDcaEntry(Signal s) {
    return s != null && s.action() == SignalAction.ENTER_LONG && STRATEGY.equals(s.strategy());
  }
}
