package io.tradingsuite.strategy.engine;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One closed backtest trade, named like Freqtrade's result trade dict. Money (rates, amount, stake,
 * profit, fees) in {@link BigDecimal}: the exact decimal of the engine's double values (Freqtrade
 * computes in floats), {@code profitAbs} rounded to 8 decimals as Freqtrade does. {@code
 * profitRatio} is a ratio, rounded to 8 decimals.
 */
public record TradeResult(
    String pair,
    Instant openDate,
    Instant closeDate,
    BigDecimal openRate,
    BigDecimal closeRate,
    BigDecimal amount,
    BigDecimal stakeAmount,
    double profitRatio,
    BigDecimal profitAbs,
    String exitReason,
    double feeOpen,
    double feeClose,
    BigDecimal initialStopLossAbs,
    BigDecimal stopLossAbs,
    BigDecimal maxRate,
    BigDecimal minRate,
    String enterTag) {

  /** {@code trade_duration} in minutes. */
  public long tradeDurationMinutes() {
    return (closeDate.toEpochMilli() - openDate.toEpochMilli()) / 60_000L;
  }
}
