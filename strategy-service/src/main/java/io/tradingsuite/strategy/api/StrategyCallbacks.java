package io.tradingsuite.strategy.api;

import io.tradingsuite.core.CustomStoploss;
import io.tradingsuite.core.TradePosition;

/**
 * Optional per-order callbacks of a strategy (Freqtrade's {@code custom_entry_price}, {@code
 * custom_exit_price}, {@code adjust_entry_price}, {@code custom_stoploss}). Prices are only
 * consulted for limit orders (the default order type, as in Freqtrade). Every default keeps
 * Freqtrade's default behaviour.
 */
public interface StrategyCallbacks {

  /** No callbacks. */
  StrategyCallbacks NONE = new StrategyCallbacks() {};

  /** Entry limit price; {@code NaN} = the proposed rate (the candle open). */
  default double customEntryPrice(String pair, long time, double proposedRate, String enterTag) {
    return Double.NaN;
  }

  /** Exit limit price for signal exits; {@code NaN} = the proposed rate (the candle open). */
  default double customExitPrice(
      String pair,
      TradePosition trade,
      long time,
      double proposedRate,
      double currentProfit,
      String exitReason) {
    return Double.NaN;
  }

  /**
   * Re-price an unfilled entry order on a later candle: return {@code currentOrderRate} to keep it,
   * another price to replace it, {@code NaN} to cancel it.
   */
  default double adjustEntryPrice(
      String pair, long time, double proposedRate, double currentOrderRate) {
    return currentOrderRate;
  }

  /**
   * Custom stoploss used when {@code use_custom_stoploss}; {@code null} = Freqtrade's default (the
   * plain stoploss).
   */
  default CustomStoploss customStoploss() {
    return null;
  }
}
