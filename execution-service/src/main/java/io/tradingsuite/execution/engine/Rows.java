package io.tradingsuite.execution.engine;

import java.math.BigDecimal;

/** Rows of execution-service's tables, as the engine and the REST views read them. */
public final class Rows {
  private Rows() {}

  /**
   * Order states: OPEN rests in the paper book (or waits for its exchange), SENT/UNKNOWN are live
   * only.
   */
  public enum OrderState {
    NEW,
    OPEN,
    SENT,
    UNKNOWN,
    PARTIALLY_FILLED,
    FILLED,
    REJECTED,
    CANCELED;

    public boolean isFinal() {
      return this == FILLED || this == REJECTED || this == CANCELED;
    }
  }

  public record SignalRow(
      String signalId,
      String strategy,
      String exchange,
      String pair,
      String timeframe,
      long candleTime,
      String action,
      String exitReason,
      String tradeId) {}

  public record CandleRow(
      long openTime, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {}

  public record OrderRow(
      String clientOrderId,
      String decisionId,
      String signalId,
      String tradeId,
      String exchange,
      String pair,
      String side,
      String type,
      BigDecimal amount,
      BigDecimal stakeAmount,
      BigDecimal limitPrice,
      OrderState state,
      String mode,
      String exchangeOrderId,
      BigDecimal filledAmount,
      BigDecimal averagePrice,
      BigDecimal fee,
      String exitReason,
      String reason,
      int fillSeq,
      String exitPlan,
      long createdAt,
      long updatedAt) {

    public OrderRow with(
        OrderState newState,
        BigDecimal filled,
        BigDecimal avg,
        BigDecimal newFee,
        String exit,
        String why,
        int seq,
        long now) {
      return new OrderRow(
          clientOrderId,
          decisionId,
          signalId,
          tradeId,
          exchange,
          pair,
          side,
          type,
          amount,
          stakeAmount,
          limitPrice,
          newState,
          mode,
          exchangeOrderId,
          filled,
          avg,
          newFee,
          exit,
          why,
          seq,
          exitPlan,
          createdAt,
          now);
    }

    public OrderRow withExchangeOrderId(String id, OrderState newState, long now) {
      return new OrderRow(
          clientOrderId,
          decisionId,
          signalId,
          tradeId,
          exchange,
          pair,
          side,
          type,
          amount,
          stakeAmount,
          limitPrice,
          newState,
          mode,
          id,
          filledAmount,
          averagePrice,
          fee,
          exitReason,
          reason,
          fillSeq,
          exitPlan,
          createdAt,
          now);
    }

    public OrderRow withLimitPrice(BigDecimal price, long now) {
      return new OrderRow(
          clientOrderId,
          decisionId,
          signalId,
          tradeId,
          exchange,
          pair,
          side,
          type,
          amount,
          stakeAmount,
          price,
          state,
          mode,
          exchangeOrderId,
          filledAmount,
          averagePrice,
          fee,
          exitReason,
          reason,
          fillSeq,
          exitPlan,
          createdAt,
          now);
    }
  }

  public record TradeRow(
      String tradeId,
      String exchange,
      String pair,
      String timeframe,
      String strategy,
      String status,
      String mode,
      String entryClientOrderId,
      String decisionId,
      String signalId,
      long openTime,
      BigDecimal openRate,
      BigDecimal amount,
      BigDecimal stakeAmount,
      BigDecimal feeRatio,
      BigDecimal entryFee,
      String exitPlan,
      long lastCandleTime,
      BigDecimal stopPrice,
      BigDecimal takeProfitPrice,
      Long closeTime,
      BigDecimal closeRate,
      BigDecimal exitFee,
      String exitReason,
      BigDecimal profitAbs,
      BigDecimal profitRatio,
      String exitClientOrderId) {

    public boolean isOpen() {
      return "open".equals(status);
    }
  }
}
