package io.tradingsuite.strategy.backtest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/backtests} (DESIGN.md "Backtest request and result"), read with
 * the global snake_case mapper. Every field but {@code strategy} is optional; strategy settings
 * given here override the strategy's own, as Freqtrade's config does. {@link BacktestPreparer}
 * validates it (400 naming the field) and turns it into engine inputs.
 *
 * @param candles inline candles per pair: rows {@code [time, open, high, low, close, volume]} (+
 *     {@code enter_long, exit_long} for {@code Signals}); time as an ISO-8601 string or epoch
 *     milliseconds
 * @param stakeAmount a positive number or {@code "unlimited"}
 * @param timerange Freqtrade's {@code YYYYMMDD-[YYYYMMDD]} (either side may be empty; epoch seconds
 *     also accepted)
 * @param protections Freqtrade protection dicts; default the strategy's (used only with {@code
 *     enable_protections})
 */
public record BacktestRequest(
    String strategy,
    Map<String, Object> params,
    String exchange,
    List<String> pairs,
    String timeframe,
    String timerange,
    Map<String, List<List<Object>>> candles,
    Object stakeAmount,
    BigDecimal dryRunWallet,
    Integer maxOpenTrades,
    BigDecimal fee,
    Map<String, BigDecimal> minimalRoi,
    BigDecimal stoploss,
    Boolean trailingStop,
    BigDecimal trailingStopPositive,
    BigDecimal trailingStopPositiveOffset,
    Boolean trailingOnlyOffsetIsReached,
    Boolean useExitSignal,
    Boolean exitProfitOnly,
    BigDecimal exitProfitOffset,
    Boolean ignoreRoiIfEntrySignal,
    Boolean useCustomStoploss,
    Boolean enableProtections,
    List<Map<String, Object>> protections) {

  /** A request for {@code strategy} on stored candles with everything else defaulted. */
  public static BacktestRequest of(
      String strategy, String exchange, List<String> pairs, String timeframe, String timerange) {
    return new BacktestRequest(
        strategy, null, exchange, pairs, timeframe, timerange, null, null, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** A copy with other strategy parameters (hyperopt epochs). */
  public BacktestRequest withParams(Map<String, Object> newParams) {
    return new BacktestRequest(
        strategy,
        newParams,
        exchange,
        pairs,
        timeframe,
        timerange,
        candles,
        stakeAmount,
        dryRunWallet,
        maxOpenTrades,
        fee,
        minimalRoi,
        stoploss,
        trailingStop,
        trailingStopPositive,
        trailingStopPositiveOffset,
        trailingOnlyOffsetIsReached,
        useExitSignal,
        exitProfitOnly,
        exitProfitOffset,
        ignoreRoiIfEntrySignal,
        useCustomStoploss,
        enableProtections,
        protections);
  }

  /** A copy with inline candles (tests, cli). */
  public BacktestRequest withCandles(Map<String, List<List<Object>>> newCandles) {
    return new BacktestRequest(
        strategy,
        params,
        exchange,
        pairs,
        timeframe,
        timerange,
        newCandles,
        stakeAmount,
        dryRunWallet,
        maxOpenTrades,
        fee,
        minimalRoi,
        stoploss,
        trailingStop,
        trailingStopPositive,
        trailingStopPositiveOffset,
        trailingOnlyOffsetIsReached,
        useExitSignal,
        exitProfitOnly,
        exitProfitOffset,
        ignoreRoiIfEntrySignal,
        useCustomStoploss,
        enableProtections,
        protections);
  }
}
