package io.tradingsuite.execution.rest;

import io.tradingsuite.contracts.Money;
import io.tradingsuite.execution.engine.Rows.OrderRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** REST views: snake_case JSON, money and amounts to 8 decimals, times ISO-8601. */
public final class Views {
  private Views() {}

  public record OrderView(
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
      BigDecimal price,
      String state,
      String mode,
      String exchangeOrderId,
      BigDecimal filledAmount,
      BigDecimal averagePrice,
      BigDecimal fee,
      String exitReason,
      String reason,
      Instant createdAt,
      Instant updatedAt) {

    static OrderView of(OrderRow o) {
      return new OrderView(
          o.clientOrderId(),
          o.decisionId(),
          o.signalId(),
          o.tradeId(),
          o.exchange(),
          o.pair(),
          lower(o.side()),
          lower(o.type()),
          m(o.amount()),
          m(o.stakeAmount()),
          m(o.limitPrice()),
          lower(o.state().name()),
          o.mode(),
          o.exchangeOrderId(),
          m(o.filledAmount()),
          m(o.averagePrice()),
          m(o.fee()),
          o.exitReason(),
          o.reason(),
          Instant.ofEpochMilli(o.createdAt()),
          Instant.ofEpochMilli(o.updatedAt()));
    }
  }

  public record TradeView(
      String tradeId,
      String exchange,
      String pair,
      String timeframe,
      String strategy,
      String status,
      String mode,
      Instant openDate,
      BigDecimal openRate,
      BigDecimal amount,
      BigDecimal stakeAmount,
      BigDecimal feeOpen,
      BigDecimal stopPrice,
      BigDecimal takeProfitPrice,
      Instant closeDate,
      BigDecimal closeRate,
      BigDecimal feeClose,
      String exitReason,
      BigDecimal profitAbs,
      BigDecimal profitRatio,
      String entryClientOrderId,
      String exitClientOrderId) {

    static TradeView of(TradeRow t) {
      return new TradeView(
          t.tradeId(),
          t.exchange(),
          t.pair(),
          t.timeframe(),
          t.strategy(),
          t.status(),
          t.mode(),
          Instant.ofEpochMilli(t.openTime()),
          m(t.openRate()),
          m(t.amount()),
          m(t.stakeAmount()),
          m(t.entryFee()),
          m(t.stopPrice()),
          m(t.takeProfitPrice()),
          t.closeTime() == null ? null : Instant.ofEpochMilli(t.closeTime()),
          m(t.closeRate()),
          m(t.exitFee()),
          t.exitReason(),
          m(t.profitAbs()),
          m(t.profitRatio()),
          t.entryClientOrderId(),
          t.exitClientOrderId());
    }
  }

  public record CurrencyBalance(String currency, BigDecimal balance) {}

  public record BalanceView(
      String mode,
      String stakeCurrency,
      BigDecimal startingBalance,
      BigDecimal free,
      BigDecimal stakeInOpenTrades,
      int openTrades,
      BigDecimal realizedProfit,
      List<CurrencyBalance> currencies,
      String note) {}

  public record ForceExitAccepted(String tradeId, String signalId, String status) {}

  static BigDecimal m(BigDecimal v) {
    return Money.report(v);
  }

  static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
