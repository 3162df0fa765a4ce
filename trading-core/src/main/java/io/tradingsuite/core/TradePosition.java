package io.tradingsuite.core;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The mutable rule state of one open (long, spot) trade: what the per-candle exit rules read and
 * update. One instance per trade; used by the backtest engine, the paper venue (one candle at a
 * time) and tests. Not thread-safe (one trade is processed by one thread at a time).
 *
 * <p>Stop-loss semantics follow Freqtrade's {@code LocalTrade.adjust_stop_loss}: the stop only
 * moves up; once it moved after initialisation the trade is "trailing" ({@link
 * #isStopLossTrailing()}), which decides the exit reason {@code trailing_stop_loss} and the exit
 * priority against ROI.
 */
public final class TradePosition {

  private static final double FAST_SCALE = 1e8;
  private static final double FAST_LIMIT = 1e9;
  private static final double FAST_TIE_GUARD = 0.4999;

  /**
   * The last fee's exact decimal: a run uses one fee for every trade, so this saves a parse per
   * trade.
   */
  private record FeeDecimal(double fee, BigDecimal decimal) {}

  private static volatile FeeDecimal lastFee = new FeeDecimal(0.0, FtMath.precise(0.0));

  private final String pair;
  private final long openTime;
  private final double feeOpen;
  private final double feeClose;
  private final int pricePrecision;

  private double openRate;
  private double amount;
  private double stakeAmount;
  private BigDecimal preciseAmount;
  private BigDecimal preciseOpenRate;
  private final BigDecimal preciseFeeOpen;
  private final BigDecimal preciseFeeClose;
  private double openTradeValue;
  // amount * (1 - feeClose) / openTradeValue: the double fast path of profitRatio (NaN = always
  // exact)
  private double closeFactor;
  private boolean referenceArithmetic;

  private double stopLoss = Double.NaN;
  private double stopLossPct = Double.NaN;
  private double initialStopLoss = Double.NaN;
  private double initialStopLossPct = Double.NaN;
  private boolean stopLossTrailing;

  private double maxRate = Double.NaN;
  private double minRate = Double.NaN;

  /**
   * @param pair e.g. {@code BTC/USDT}
   * @param openTime epoch ms of the candle on which the (first) entry order was placed = trade open
   *     date
   * @param openRate entry fill price
   * @param amount base-currency amount
   * @param stakeAmount quote-currency stake (without the entry fee)
   * @param feeOpen entry fee ratio
   * @param feeClose exit fee ratio
   * @param pricePrecision price decimals for rounding stops up; {@code -1} = unknown (no rounding)
   */
  public TradePosition(
      String pair,
      long openTime,
      double openRate,
      double amount,
      double stakeAmount,
      double feeOpen,
      double feeClose,
      int pricePrecision) {
    this.pair = Objects.requireNonNull(pair, "pair");
    this.openTime = openTime;
    this.feeOpen = feeOpen;
    this.feeClose = feeClose;
    this.pricePrecision = pricePrecision;
    this.preciseFeeOpen = preciseFee(feeOpen);
    this.preciseFeeClose = preciseFee(feeClose);
    setEntry(openRate, amount, stakeAmount);
  }

  /** A trade opened at {@code openRate} with its stop initialised from {@code stoplossRatio}. */
  public static TradePosition open(
      String pair,
      long openTime,
      double openRate,
      double amount,
      double stakeAmount,
      double fee,
      double stoplossRatio) {
    TradePosition t =
        new TradePosition(pair, openTime, openRate, amount, stakeAmount, fee, fee, -1);
    t.adjustStopLoss(openRate, stoplossRatio, true);
    return t;
  }

  /**
   * Sets (or replaces, for an entry order filled at another price) the entry rate, amount and
   * stake.
   */
  public void setEntry(double openRate, double amount, double stakeAmount) {
    if (!(openRate > 0)) {
      throw new IllegalArgumentException("open rate must be positive: " + openRate);
    }
    this.stakeAmount = stakeAmount;
    if (preciseAmount != null && openRate == this.openRate && amount == this.amount) {
      return; // the usual fill at the placed price: same exact values as before
    }
    this.openRate = openRate;
    this.amount = amount;
    this.preciseAmount = FtMath.precise(amount);
    this.preciseOpenRate = FtMath.precise(openRate);
    this.openTradeValue =
        preciseFeeOpen == null
            ? ProfitCalculator.openValue(preciseAmount, openRate, feeOpen)
            : ProfitCalculator.openValue(preciseAmount, preciseOpenRate, preciseFeeOpen);
    double factor = amount * (1.0 - feeClose) / openTradeValue;
    this.closeFactor =
        openTradeValue > 0 && Double.isFinite(factor) && Math.abs(feeClose) <= 0.5
            ? factor
            : Double.NaN;
  }

  /**
   * {@code FtMath.precise(fee)}, from the one-entry cache when it is the last fee seen; null if not
   * finite.
   */
  private static BigDecimal preciseFee(double fee) {
    if (!Double.isFinite(fee)) {
      return null;
    }
    FeeDecimal last = lastFee;
    if (Double.doubleToRawLongBits(last.fee()) == Double.doubleToRawLongBits(fee)) {
      return last.decimal();
    }
    BigDecimal d = FtMath.precise(fee);
    lastFee = new FeeDecimal(fee, d);
    return d;
  }

  /**
   * Reference mode: when {@code true} every profit and stop computation takes the exact decimal
   * route, never the double fast path. The results are the same either way (that is what the
   * property tests check with it); the exact route is only slower.
   */
  public void setReferenceArithmetic(boolean exact) {
    this.referenceArithmetic = exact;
  }

  public boolean isReferenceArithmetic() {
    return referenceArithmetic;
  }

  /**
   * Freqtrade's {@code Order.close_bt_order} for the first entry fill: forget the stop history and
   * re-initialise the stop from the fill price with the last stop percentage.
   */
  public void onFirstEntryFilled(double fillRate, double amount, double stakeAmount) {
    setEntry(fillRate, amount, stakeAmount);
    double pct = Double.isNaN(stopLossPct) ? initialStopLossPct : stopLossPct;
    initialStopLossPct = Double.NaN;
    stopLossTrailing = false;
    if (!Double.isNaN(pct)) {
      adjustStopLoss(fillRate, pct, false);
    }
  }

  /**
   * Profit ratio (fee-inclusive, rounded to 8 decimals) if the trade closed at {@code rate}:
   * exactly {@link #profitRatioExact(double)}, computed in doubles when that cannot change the
   * result.
   *
   * <p>Why the fast path is exact: {@code rate * (amount * (1 - fee) / open_value)} in doubles
   * differs from the exact decimal close value divided by the open value by at most about ten
   * roundings (1.2e-15 relative, the decimal-string representations of the inputs counted), so for
   * a ratio below 10 the scaled value {@code (q - 1) * 1e8} is off by less than 2e-6. Unless it
   * lies within 1e-4 of a rounding tie (x.5), both round to the same integer, i.e. to the same
   * 8-decimal double that {@link FtMath#round8} returns for the exact value. Ties, large ratios,
   * zero (whose sign only the exact route knows) and non-finite input take the exact route; {@code
   * FastPathPropertyTest} checks the equality on random and on tie-straddling prices.
   */
  public double profitRatio(double rate) {
    if (!referenceArithmetic) {
      double y = (rate * closeFactor - 1.0) * FAST_SCALE;
      if (Math.abs(y) < FAST_LIMIT) { // false for NaN
        double r = Math.rint(y);
        if (Math.abs(y - r) < FAST_TIE_GUARD && r != 0.0) {
          return r / FAST_SCALE;
        }
      }
    }
    return profitRatioExact(rate);
  }

  /**
   * {@link #profitRatio(double)} by the exact decimal route only (Freqtrade's arithmetic, the
   * reference).
   */
  public double profitRatioExact(double rate) {
    return ProfitCalculator.profitRatio(openTradeValue, closeValue(rate));
  }

  private double closeValue(double rate) {
    return preciseFeeClose == null
        ? ProfitCalculator.closeValue(preciseAmount, rate, feeClose)
        : ProfitCalculator.closeValue(preciseAmount, FtMath.precise(rate), preciseFeeClose);
  }

  /**
   * {@link #profitAbs(double)} with the close rate already as its exact decimal ({@code
   * FtMath.precise(rate)}), for callers that keep that decimal anyway.
   */
  public double profitAbs(BigDecimal preciseRate) {
    if (preciseFeeClose == null) {
      return profitAbs(preciseRate.doubleValue());
    }
    return ProfitCalculator.profitAbs(
        openTradeValue, ProfitCalculator.closeValue(preciseAmount, preciseRate, preciseFeeClose));
  }

  /**
   * Absolute profit (quote currency, rounded to 8 decimals) if the trade closed at {@code rate}.
   */
  public double profitAbs(double rate) {
    return ProfitCalculator.profitAbs(openTradeValue, closeValue(rate));
  }

  /**
   * {@code adjust_stop_loss}: computes {@code price * (1 - |stoplossRatio|)} (rounded up to the
   * price precision); the first call sets the initial stop; later calls only raise it (and mark the
   * trade trailing).
   *
   * @param initial when true, does nothing if a stop is already set
   */
  public void adjustStopLoss(double currentPrice, double stoplossRatio, boolean initial) {
    if (initial && !(Double.isNaN(stopLoss) || stopLoss == 0.0)) {
      return;
    }
    double newLoss = ProfitCalculator.stopPrice(currentPrice, stoplossRatio);
    if (!referenceArithmetic
        && !Double.isNaN(initialStopLossPct)
        && newLoss < stopLoss - Math.abs(stopLoss) * 1e-12) {
      // stopLoss is a price-grid value and newLoss is clearly below it, so rounding newLoss up to
      // the
      // grid cannot exceed it: the exact route below would change nothing (it only raises the stop)
      return;
    }
    double norm = FtMath.priceToPrecision(newLoss, pricePrecision, true);
    if (Double.isNaN(initialStopLossPct)) {
      stopLoss = norm;
      stopLossPct = -Math.abs(stoplossRatio);
      initialStopLoss = norm;
      initialStopLossPct = -Math.abs(stoplossRatio);
    } else if (norm > stopLoss) {
      stopLossTrailing = true;
      stopLoss = norm;
      stopLossPct = -Math.abs(stoplossRatio);
    }
  }

  /** {@code adjust_min_max_rates}. */
  public void updateMinMax(double high, double low) {
    maxRate = Math.max(high, Double.isNaN(maxRate) ? openRate : maxRate);
    minRate = Math.min(low, Double.isNaN(minRate) ? openRate : minRate);
  }

  /** Whole minutes from the trade's open date to {@code time} (Freqtrade's {@code trade_dur}). */
  public long durationMinutes(long time) {
    return Math.floorDiv(time - openTime, 60_000L);
  }

  public String pair() {
    return pair;
  }

  public long openTime() {
    return openTime;
  }

  public double openRate() {
    return openRate;
  }

  public double amount() {
    return amount;
  }

  public double stakeAmount() {
    return stakeAmount;
  }

  public double feeOpen() {
    return feeOpen;
  }

  public double feeClose() {
    return feeClose;
  }

  public int pricePrecision() {
    return pricePrecision;
  }

  /** {@code FtMath.precise(amount())}, kept from the entry. */
  public BigDecimal preciseAmount() {
    return preciseAmount;
  }

  /** {@code FtMath.precise(openRate())}, kept from the entry. */
  public BigDecimal preciseOpenRate() {
    return preciseOpenRate;
  }

  public double openTradeValue() {
    return openTradeValue;
  }

  /** Current stop price ({@code NaN} before initialisation). */
  public double stopLoss() {
    return stopLoss;
  }

  /** Stop ratio last used to set the stop (negative). */
  public double stopLossPct() {
    return stopLossPct;
  }

  public double initialStopLoss() {
    return initialStopLoss;
  }

  public double initialStopLossPct() {
    return initialStopLossPct;
  }

  /** True once the stop was moved after initialisation. */
  public boolean isStopLossTrailing() {
    return stopLossTrailing;
  }

  public double maxRate() {
    return maxRate;
  }

  public double minRate() {
    return minRate;
  }

  @Override
  public String toString() {
    return "TradePosition["
        + pair
        + " open="
        + openRate
        + " @"
        + openTime
        + " amount="
        + amount
        + " stop="
        + stopLoss
        + (stopLossTrailing ? " (trailing)" : "")
        + "]";
  }
}
