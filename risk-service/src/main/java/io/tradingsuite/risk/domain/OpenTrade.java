package io.tradingsuite.risk.domain;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * A trade as known from its fills. Values are in the quote currency; a fee charged in the base
 * currency reduces what is held, a fee in the quote currency is added to the open value (buy) or
 * taken from the close value (sell), as Freqtrade's trade model does.
 */
public final class OpenTrade {
  final String tradeId;
  final String exchange;
  final String pair;
  BigDecimal bought = BigDecimal.ZERO;
  BigDecimal sold = BigDecimal.ZERO;
  BigDecimal baseFees = BigDecimal.ZERO;
  BigDecimal openValue = BigDecimal.ZERO;
  BigDecimal closeValue = BigDecimal.ZERO;
  Instant openedAt;

  public OpenTrade(String tradeId, String exchange, String pair, Instant openedAt) {
    this.tradeId = tradeId;
    this.exchange = exchange;
    this.pair = pair;
    this.openedAt = openedAt;
  }

  /** Restores a trade from its stored aggregate. */
  public static OpenTrade restore(
      String tradeId,
      String exchange,
      String pair,
      BigDecimal bought,
      BigDecimal sold,
      BigDecimal baseFees,
      BigDecimal openValue,
      BigDecimal closeValue,
      Instant openedAt) {
    OpenTrade t = new OpenTrade(tradeId, exchange, pair, openedAt);
    t.bought = bought;
    t.sold = sold;
    t.baseFees = baseFees;
    t.openValue = openValue;
    t.closeValue = closeValue;
    return t;
  }

  /** Base currency still held: bought - sold - fees paid in base. */
  public BigDecimal held() {
    return bought.subtract(sold).subtract(baseFees);
  }

  /** What the position is worth at its entry price (open value pro rata of what is still held). */
  public BigDecimal exposure() {
    if (bought.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal h = held();
    return h.signum() <= 0
        ? BigDecimal.ZERO
        : openValue.multiply(h).divide(bought, MathContext.DECIMAL64);
  }

  public BigDecimal profitAbs() {
    return closeValue.subtract(openValue);
  }

  public BigDecimal profitRatio() {
    return openValue.signum() == 0
        ? BigDecimal.ZERO
        : closeValue.divide(openValue, MathContext.DECIMAL128).subtract(BigDecimal.ONE);
  }

  public String tradeId() {
    return tradeId;
  }

  public String exchange() {
    return exchange;
  }

  public String pair() {
    return pair;
  }

  public BigDecimal bought() {
    return bought;
  }

  public BigDecimal sold() {
    return sold;
  }

  public BigDecimal baseFees() {
    return baseFees;
  }

  public BigDecimal openValue() {
    return openValue;
  }

  public BigDecimal closeValue() {
    return closeValue;
  }

  public Instant openedAt() {
    return openedAt;
  }
}
