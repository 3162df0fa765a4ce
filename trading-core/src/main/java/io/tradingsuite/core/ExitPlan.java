package io.tradingsuite.core;

import java.util.Objects;

/**
 * The exit settings of a trade (Freqtrade strategy attributes, overridable from config). Travels
 * with an entry signal so risk-service approves it and the paper venue applies it candle by candle.
 *
 * @param stoploss negative ratio, e.g. {@code -0.10}
 * @param minimalRoi ROI table; {@link RoiTable#disabled()} for none
 * @param trailingStop trail the stop from the highest high
 * @param trailingStopPositive trailing distance once {@code trailingStopPositiveOffset} is
 *     exceeded; {@code NaN} = not set
 * @param trailingStopPositiveOffset profit above which {@code trailingStopPositive} applies
 *     (default 0.0)
 * @param trailingOnlyOffsetIsReached do not trail at all before the offset is reached
 * @param useCustomStoploss ask the strategy's custom stoploss every candle (default implementation
 *     returns {@code stoploss}, re-applied from the candle high)
 * @param useExitSignal act on exit signals (Freqtrade default true)
 * @param exitProfitOnly ignore exit signals unless profit at the open is above {@code
 *     exitProfitOffset}
 * @param exitProfitOffset see above (default 0.0)
 * @param ignoreRoiIfEntrySignal skip ROI while the (shifted) entry signal is set
 */
public record ExitPlan(
    double stoploss,
    RoiTable minimalRoi,
    boolean trailingStop,
    double trailingStopPositive,
    double trailingStopPositiveOffset,
    boolean trailingOnlyOffsetIsReached,
    boolean useCustomStoploss,
    boolean useExitSignal,
    boolean exitProfitOnly,
    double exitProfitOffset,
    boolean ignoreRoiIfEntrySignal) {

  public ExitPlan {
    Objects.requireNonNull(minimalRoi, "minimalRoi");
    if (Double.isNaN(stoploss) || stoploss > 0) {
      // Freqtrade uses abs(stoploss); a positive value is almost certainly a configuration error
      throw new IllegalArgumentException("stoploss must be a negative ratio: " + stoploss);
    }
  }

  public boolean hasTrailingStopPositive() {
    return !Double.isNaN(trailingStopPositive);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .stoploss(stoploss)
        .minimalRoi(minimalRoi)
        .trailingStop(trailingStop)
        .trailingStopPositive(trailingStopPositive)
        .trailingStopPositiveOffset(trailingStopPositiveOffset)
        .trailingOnlyOffsetIsReached(trailingOnlyOffsetIsReached)
        .useCustomStoploss(useCustomStoploss)
        .useExitSignal(useExitSignal)
        .exitProfitOnly(exitProfitOnly)
        .exitProfitOffset(exitProfitOffset)
        .ignoreRoiIfEntrySignal(ignoreRoiIfEntrySignal);
  }

  /**
   * Builder with Freqtrade's defaults (stoploss -0.10, ROI {"0": 10}, use_exit_signal true, the
   * rest off).
   */
  public static final class Builder {
    private double stoploss = -0.10;
    private RoiTable minimalRoi = RoiTable.freqtradeDefault();
    private boolean trailingStop;
    private double trailingStopPositive = Double.NaN;
    private double trailingStopPositiveOffset = 0.0;
    private boolean trailingOnlyOffsetIsReached;
    private boolean useCustomStoploss;
    private boolean useExitSignal = true;
    private boolean exitProfitOnly;
    private double exitProfitOffset = 0.0;
    private boolean ignoreRoiIfEntrySignal;

    public Builder stoploss(double v) {
      stoploss = v;
      return this;
    }

    public Builder minimalRoi(RoiTable v) {
      minimalRoi = v;
      return this;
    }

    public Builder trailingStop(boolean v) {
      trailingStop = v;
      return this;
    }

    /** {@code NaN} or {@code null} = not set. */
    public Builder trailingStopPositive(Double v) {
      trailingStopPositive = v == null ? Double.NaN : v;
      return this;
    }

    public Builder trailingStopPositiveOffset(double v) {
      trailingStopPositiveOffset = v;
      return this;
    }

    public Builder trailingOnlyOffsetIsReached(boolean v) {
      trailingOnlyOffsetIsReached = v;
      return this;
    }

    public Builder useCustomStoploss(boolean v) {
      useCustomStoploss = v;
      return this;
    }

    public Builder useExitSignal(boolean v) {
      useExitSignal = v;
      return this;
    }

    public Builder exitProfitOnly(boolean v) {
      exitProfitOnly = v;
      return this;
    }

    public Builder exitProfitOffset(double v) {
      exitProfitOffset = v;
      return this;
    }

    public Builder ignoreRoiIfEntrySignal(boolean v) {
      ignoreRoiIfEntrySignal = v;
      return this;
    }

    public ExitPlan build() {
      return new ExitPlan(
          stoploss,
          minimalRoi,
          trailingStop,
          trailingStopPositive,
          trailingStopPositiveOffset,
          trailingOnlyOffsetIsReached,
          useCustomStoploss,
          useExitSignal,
          exitProfitOnly,
          exitProfitOffset,
          ignoreRoiIfEntrySignal);
    }
  }
}
