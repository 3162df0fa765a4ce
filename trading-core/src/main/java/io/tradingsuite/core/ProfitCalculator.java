package io.tradingsuite.core;

import java.math.BigDecimal;

/**
 * Freqtrade's spot (long) trade arithmetic ({@code trade_model.py}):
 *
 * <pre>
 *   open_value   = amount * open_rate  * (1 + fee_open)     exact decimal, then one rounding to double
 *   close_value  = amount * close_rate * (1 - fee_close)    idem
 *   profit_abs   = round8(close_value - open_value)
 *   profit_ratio = round8(close_value / open_value - 1)
 * </pre>
 *
 * and the rate at which a ROI target is reached exactly after fees. Stateless; the per-trade cached
 * form is {@link TradePosition#profitRatio(double)}.
 */
public final class ProfitCalculator {

  private ProfitCalculator() {}

  /** {@code _calc_open_trade_value}: amount * rate + fee, exact decimal then double. */
  public static double openValue(double amount, double openRate, double feeOpen) {
    return openValue(FtMath.precise(amount), openRate, feeOpen);
  }

  static double openValue(BigDecimal amount, double openRate, double feeOpen) {
    BigDecimal trade = amount.multiply(FtMath.precise(openRate));
    if (feeOpen == 0.0) {
      return trade.doubleValue();
    }
    return trade.add(trade.multiply(FtMath.precise(feeOpen))).doubleValue();
  }

  /** {@link #openValue(double, double, double)} with every input already an exact decimal. */
  static double openValue(BigDecimal amount, BigDecimal openRate, BigDecimal feeOpen) {
    BigDecimal trade = amount.multiply(openRate);
    if (feeOpen.signum() == 0) {
      return FtMath.toDouble(trade);
    }
    return FtMath.toDouble(trade.add(trade.multiply(feeOpen)));
  }

  /** {@code calc_close_trade_value}: amount * rate - fee, exact decimal then double. */
  public static double closeValue(double amount, double closeRate, double feeClose) {
    return closeValue(FtMath.precise(amount), closeRate, feeClose);
  }

  static double closeValue(BigDecimal amount, double closeRate, double feeClose) {
    return closeValue(amount, FtMath.precise(closeRate), FtMath.precise(feeClose));
  }

  static double closeValue(BigDecimal amount, BigDecimal closeRate, BigDecimal feeClose) {
    BigDecimal trade = amount.multiply(closeRate);
    if (feeClose.signum() == 0) {
      return FtMath.toDouble(trade);
    }
    return FtMath.toDouble(trade.subtract(trade.multiply(feeClose)));
  }

  /**
   * {@code calc_profit_ratio} for a long: {@code round8(close_value / open_value - 1)}; 0 when open
   * value is 0.
   */
  public static double profitRatio(double openValue, double closeValue) {
    if (openValue == 0.0) {
      return 0.0;
    }
    return FtMath.round8(closeValue / openValue - 1.0);
  }

  /** {@code calc_profit} for a long: {@code round8(close_value - open_value)}. */
  public static double profitAbs(double openValue, double closeValue) {
    return FtMath.round8(closeValue - openValue);
  }

  /** Convenience: the rounded profit ratio of a long trade closed at {@code closeRate}. */
  public static double profitRatio(double amount, double openRate, double closeRate, double fee) {
    return profitRatio(openValue(amount, openRate, fee), closeValue(amount, closeRate, fee));
  }

  /**
   * The close rate at which a long trade reaches exactly {@code roi} after fees ({@code
   * _get_close_rate_for_roi}): {@code -(open*roi + open*(1+fee_open)) / (fee_close - 1)}.
   */
  public static double roiCloseRate(double openRate, double roi, double feeOpen, double feeClose) {
    double roiRate = openRate * roi;
    double openFeeRate = openRate * (1 + feeOpen);
    return -(roiRate + openFeeRate) / (feeClose - 1);
  }

  /**
   * Stop price for a long from a reference price and a stoploss ratio: {@code ref * (1 - |sl|)}.
   */
  public static double stopPrice(double referencePrice, double stoploss) {
    return referencePrice * (1 - Math.abs(stoploss));
  }
}
