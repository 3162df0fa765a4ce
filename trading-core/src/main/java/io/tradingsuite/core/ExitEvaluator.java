package io.tradingsuite.core;

import java.util.Objects;

/**
 * Freqtrade's per-candle exit evaluation for one open long trade ({@code IStrategy.should_exit}
 * plus the backtest close-rate rules of {@code Backtesting._get_close_rate*}). Immutable and
 * stateless apart from its settings: one instance can serve every trade of a strategy, one candle
 * at a time.
 *
 * <p>Order of work on a candle (open {@code O}, high {@code H}, low {@code L}, close {@code C}):
 *
 * <ol>
 *   <li>max/min rate of the trade updated with H/L;
 *   <li>stop adjustment, only while the stop is still below L ("not crossed on this candle"):
 *       custom stoploss and/or trailing stop computed from H with the profit at H ("high happens
 *       first");
 *   <li>stop hit if {@code stop >= L};
 *   <li>ROI reached if {@code P(H) > roi} of the active ROI step (unless ignore-ROI-if-entry-signal
 *       applies);
 *   <li>exit signal if enabled, set, not contradicted by an entry signal and (with
 *       exit-profit-only) {@code P(O) > exit_profit_offset};
 *   <li>candidates in priority order exit signal &gt; stop (not trailed) &gt; ROI &gt; trailing
 *       stop; the first that yields a price wins (ROI can refuse on the entry candle, see {@link
 *       #roiCloseRate}).
 * </ol>
 *
 * Here {@code P(x)} is the fee-inclusive profit ratio rounded to 8 decimals ({@link
 * TradePosition#profitRatio}).
 */
public final class ExitEvaluator {

  private final ExitPlan plan;
  private final int timeframeMinutes;
  private final CustomStoploss customStoploss;

  /**
   * @param plan exit settings
   * @param timeframeMinutes candle length (ROI candle-boundary rules)
   * @param customStoploss strategy callback used when {@code plan.useCustomStoploss()}; {@code
   *     null} = the default implementation, which returns {@code plan.stoploss()}
   */
  public ExitEvaluator(ExitPlan plan, int timeframeMinutes, CustomStoploss customStoploss) {
    this.plan = Objects.requireNonNull(plan, "plan");
    if (timeframeMinutes <= 0) {
      throw new IllegalArgumentException("timeframeMinutes must be positive");
    }
    this.timeframeMinutes = timeframeMinutes;
    this.customStoploss = customStoploss;
  }

  public ExitEvaluator(ExitPlan plan, int timeframeMinutes) {
    this(plan, timeframeMinutes, null);
  }

  public ExitPlan plan() {
    return plan;
  }

  public int timeframeMinutes() {
    return timeframeMinutes;
  }

  /**
   * Evaluates one candle for one open trade. Updates the trade's stop and max/min rate.
   *
   * @param trade the open trade (its entry already filled)
   * @param candleTime the candle's open time (epoch ms) - "now" for ROI durations
   * @param enterSignal the entry signal acting on this candle (i.e. computed on the previous
   *     candle's close)
   * @param exitSignal the exit signal acting on this candle (idem)
   * @param out receives the decision
   * @return {@code out.isExit()}
   */
  public boolean evaluate(
      TradePosition trade,
      long candleTime,
      double open,
      double high,
      double low,
      double close,
      boolean enterSignal,
      boolean exitSignal,
      ExitDecision out) {
    out.clear();
    double profitBest = trade.profitRatio(high);
    trade.updateMinMax(high, low);

    // --- stoploss adjustment (ft_stoploss_adjust) then check (ft_stoploss_reached)
    trade.adjustStopLoss(trade.openRate(), plan.stoploss(), true);
    adjustStop(trade, candleTime, high, low, profitBest);
    boolean stopHit = trade.stopLoss() >= low;
    boolean trailingHit = stopHit && trade.isStopLossTrailing();
    boolean fixedStopHit = stopHit && !trade.isStopLossTrailing();

    // --- ROI
    long tradeDur = trade.durationMinutes(candleTime);
    int roiIdx = -1;
    boolean roiReached = false;
    if (!(enterSignal && plan.ignoreRoiIfEntrySignal())) {
      roiIdx = plan.minimalRoi().activeIndex(tradeDur);
      roiReached = roiIdx >= 0 && profitBest > plan.minimalRoi().ratioAt(roiIdx);
    }

    // --- exit signal
    boolean signalExit = false;
    if (plan.useExitSignal() && exitSignal && !enterSignal) {
      signalExit = !plan.exitProfitOnly() || trade.profitRatio(open) > plan.exitProfitOffset();
    }

    // --- candidates in Freqtrade's priority order
    if (signalExit) {
      out.set(ExitReason.EXIT_SIGNAL, open);
      return true;
    }
    if (fixedStopHit) {
      out.set(
          ExitReason.STOP_LOSS,
          stopCloseRate(trade, ExitReason.STOP_LOSS, tradeDur, open, high, low));
      return true;
    }
    if (roiReached) {
      double rate = roiCloseRate(trade, roiIdx, tradeDur, open, high, low, close);
      if (!Double.isNaN(rate)) {
        out.set(ExitReason.ROI, rate);
        return true;
      }
    }
    if (trailingHit) {
      out.set(
          ExitReason.TRAILING_STOP_LOSS,
          stopCloseRate(trade, ExitReason.TRAILING_STOP_LOSS, tradeDur, open, high, low));
      return true;
    }
    return false;
  }

  /** Stop adjustment from the candle high; skipped when the stop is already at or above the low. */
  void adjustStop(
      TradePosition trade, long candleTime, double high, double low, double boundProfit) {
    boolean dirCorrect = trade.stopLoss() < low;
    if (!dirCorrect) {
      return;
    }
    if (plan.useCustomStoploss()) {
      double sl =
          customStoploss == null
              ? plan.stoploss()
              : customStoploss.stoploss(trade, candleTime, high, boundProfit);
      if (!Double.isNaN(sl) && sl != 0.0) {
        trade.adjustStopLoss(high, sl, false);
      }
    }
    if (plan.trailingStop()) {
      double offset = plan.trailingStopPositiveOffset();
      if (!(plan.trailingOnlyOffsetIsReached() && boundProfit < offset)) {
        double value = plan.stoploss();
        if (plan.hasTrailingStopPositive() && boundProfit > offset) {
          value = plan.trailingStopPositive();
        }
        trade.adjustStopLoss(high, value, false);
      }
    }
  }

  /**
   * {@code _get_close_rate_for_stoploss}: open when the whole candle is below the stop (gap); the
   * "worst realistic" price when a trailing stop triggers on the entry candle; the stop price
   * otherwise.
   */
  public double stopCloseRate(
      TradePosition trade, ExitReason reason, long tradeDur, double open, double high, double low) {
    double stop = trade.stopLoss();
    if (stop > high) {
      return open;
    }
    if (reason == ExitReason.TRAILING_STOP_LOSS && tradeDur == 0) {
      double rate;
      if (!plan.useCustomStoploss()
          && plan.trailingStop()
          && plan.trailingOnlyOffsetIsReached()
          && plan.hasTrailingStopPositive()
          && plan.trailingStopPositive() != 0.0) {
        rate =
            open
                * (1
                    + Math.abs(plan.trailingStopPositiveOffset())
                    - Math.abs(plan.trailingStopPositive()));
      } else {
        double pct = Double.isNaN(trade.stopLossPct()) ? 0.0 : trade.stopLossPct();
        rate = open * (1 - Math.abs(pct));
      }
      return Math.max(low, rate);
    }
    return stop;
  }

  /**
   * {@code _get_close_rate_for_roi}; {@code NaN} when the exit is refused on the entry candle (a
   * red candle, an entry below the open and a ROI price above the close - Freqtrade issue 6261).
   */
  public double roiCloseRate(
      TradePosition trade,
      int roiIdx,
      long tradeDur,
      double open,
      double high,
      double low,
      double close) {
    int roiEntry = plan.minimalRoi().minutesAt(roiIdx);
    double roi = plan.minimalRoi().ratioAt(roiIdx);
    boolean onBoundary = roiEntry % timeframeMinutes == 0;
    if (roi == -1 && onBoundary) {
      return open;
    }
    double closeRate =
        ProfitCalculator.roiCloseRate(trade.openRate(), roi, trade.feeOpen(), trade.feeClose());
    if (tradeDur > 0 && tradeDur == roiEntry && onBoundary && open > closeRate) {
      return open;
    }
    if (tradeDur == 0 && open > close && trade.openRate() < open && closeRate > close) {
      return Double.NaN;
    }
    return Math.min(Math.max(closeRate, low), high);
  }
}
