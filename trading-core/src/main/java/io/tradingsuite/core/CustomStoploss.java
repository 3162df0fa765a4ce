package io.tradingsuite.core;

/**
 * A strategy's {@code custom_stoploss}: called on every candle (only while the stop has not been
 * crossed) with the candle high as current rate and the profit at that high.
 */
@FunctionalInterface
public interface CustomStoploss {

  /**
   * The stop for this candle, as Freqtrade's {@code custom_stoploss}.
   *
   * @return the new stop as a negative ratio below {@code currentRate}; {@code NaN} or {@code 0} =
   *     keep the stop
   */
  double stoploss(TradePosition trade, long currentTime, double currentRate, double currentProfit);
}
