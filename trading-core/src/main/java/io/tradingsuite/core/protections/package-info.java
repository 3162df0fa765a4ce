/**
 * Freqtrade's protections (StoplossGuard, MaxDrawdown, CooldownPeriod, LowProfitPairs) and pair
 * locks, fed by closed trades. The backtest engine evaluates them right after every trade close
 * (per-pair stops for the closed pair, then global stops, at the exit candle's time); risk-service
 * feeds the same classes with the closed trades of live/paper trading. See {@link
 * io.tradingsuite.core.protections.ProtectionManager}.
 */
package io.tradingsuite.core.protections;
