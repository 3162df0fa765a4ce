package io.tradingsuite.strategy.engine;

import io.tradingsuite.core.protections.PairLock;
import java.util.List;

/**
 * The result of one backtest: closed trades in close order, summary, per-pair and per-exit-reason
 * tables and the protection locks created.
 */
public record BacktestResult(
    List<TradeResult> trades,
    BacktestSummary summary,
    List<ResultTableRow> resultsPerPair,
    List<ResultTableRow> exitReasonSummary,
    List<PairLock> locks) {

  public BacktestResult {
    trades = List.copyOf(trades);
    resultsPerPair = List.copyOf(resultsPerPair);
    exitReasonSummary = List.copyOf(exitReasonSummary);
    locks = List.copyOf(locks);
  }
}
