package io.tradingsuite.strategy.engine;

import java.math.BigDecimal;

/**
 * One row of Freqtrade's {@code results_per_pair} / {@code exit_reason_summary} tables (last row
 * key {@code TOTAL}).
 */
public record ResultTableRow(
    String key,
    int trades,
    double profitMean,
    double profitSum,
    BigDecimal profitTotalAbs,
    double profitTotal,
    double durationAvgMinutes,
    int wins,
    int draws,
    int losses,
    double winrate) {}
