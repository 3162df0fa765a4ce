/**
 * The per-candle trading rules shared by the backtest engine, the paper-trading venue and
 * risk-service: exit evaluation (stoploss, trailing stop, minimal ROI, exit signal), fill-price
 * rules and Freqtrade's fee/profit arithmetic. Plain Java, no framework types.
 *
 * <h2>Numbers</h2>
 *
 * Freqtrade decides exits with Python floats (IEEE doubles), computing trade values with a
 * decimal-string wrapper and rounding every profit ratio to 8 decimals before comparing it. This
 * package mirrors that: the per-candle comparisons use {@code double} ({@link
 * io.tradingsuite.core.FtMath} reproduces the decimal products and the 8-decimal rounding exactly),
 * while reported money (stake, amount, profit) is converted to {@link java.math.BigDecimal} at the
 * trade level by the callers. Using exact decimals for the comparisons would <em>change</em>
 * decisions (Freqtrade scenarios tc34-tc37), so it is deliberately not done.
 *
 * <h2>Time</h2>
 *
 * Times are epoch milliseconds (UTC) of candle <em>open</em> times; durations are whole minutes.
 */
package io.tradingsuite.core;
