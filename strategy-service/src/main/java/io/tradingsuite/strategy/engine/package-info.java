/**
 * The backtest engine (plain Java): Freqtrade's backtesting loop over primitive candle columns,
 * with every per-candle trading rule delegated to {@code io.tradingsuite.core} (trading-core) so
 * the paper venue and the backtest cannot drift apart. Entry point: {@link
 * io.tradingsuite.strategy.engine.BacktestEngine#run}, or {@link
 * io.tradingsuite.strategy.engine.StrategyBacktester} to go from a strategy and raw candles.
 */
package io.tradingsuite.strategy.engine;
