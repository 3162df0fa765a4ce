package io.tradingsuite.core;

import java.math.RoundingMode;

/**
 * Freqtrade's backtest order-fill rules, shared by the backtest engine and the paper venue. Market
 * orders (signal entries/exits, force exits) use the candle open; limit prices from custom-price
 * callbacks are clamped to what could have been placed, and a resting order fills at its own price
 * on the first candle whose range contains it (no slippage).
 */
public final class FillRules {

  private FillRules() {}

  /**
   * Entry price of a long: {@code customPrice} (NaN = none, i.e. the open) rounded to the price
   * precision, and never above the candle high (a limit buy above the high would be a stop order).
   */
  public static double entryPrice(
      double open, double high, double customPrice, int pricePrecision) {
    double rate = open;
    if (!Double.isNaN(customPrice) && customPrice != open) {
      rate = FtMath.priceToPrecision(customPrice, pricePrecision, RoundingMode.HALF_UP);
    }
    return Math.min(rate, high);
  }

  /**
   * Exit price of a long for signal-type exits: {@code customPrice} (NaN = keep {@code proposed})
   * never below the candle low.
   */
  public static double exitPrice(
      double proposed, double low, double customPrice, int pricePrecision) {
    double rate = proposed;
    if (!Double.isNaN(customPrice) && customPrice != proposed) {
      rate = FtMath.priceToPrecision(customPrice, pricePrecision, RoundingMode.HALF_UP);
    }
    return Math.max(rate, low);
  }

  /** An order at {@code price} fills on a candle iff {@code low <= price <= high}. */
  public static boolean fills(double price, double low, double high) {
    return low <= price && price <= high;
  }

  /**
   * {@code unfilledtimeout}: an open order placed at {@code orderTime} is timed out at {@code now}
   * iff {@code orderTime < now - timeout}. {@code timeoutMillis < 0} = no timeout.
   */
  public static boolean timedOut(long orderTime, long now, long timeoutMillis) {
    return timeoutMillis >= 0 && orderTime < now - timeoutMillis;
  }
}
