package io.tradingsuite.strategy.engine;

import java.math.BigDecimal;
import java.time.Instant;

/** Freqtrade's per-strategy summary numbers (names as in its result file). */
public record BacktestSummary(
    int totalTrades,
    double profitTotal,
    BigDecimal profitTotalAbs,
    BigDecimal startingBalance,
    BigDecimal finalBalance,
    double maxDrawdownAccount,
    BigDecimal maxDrawdownAbs,
    int wins,
    int draws,
    int losses,
    double winrate,
    double sharpe,
    double sortino,
    double calmar,
    double cagr,
    Instant backtestStart,
    Instant backtestEnd,
    int rejectedSignals,
    int timedoutEntryOrders,
    int timedoutExitOrders,
    int canceledTradeEntries,
    int canceledEntryOrders,
    int replacedEntryOrders) {}
