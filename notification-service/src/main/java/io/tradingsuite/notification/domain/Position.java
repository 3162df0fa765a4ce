package io.tradingsuite.notification.domain;

import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.Money;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.util.Locale;

/**
 * A trade as seen from its fills, kept so an exit can be told with its profit. Money is in the
 * quote currency: {@code cost} = what the bought amount cost including entry fees, {@code proceeds}
 * = what the sold amount brought net of exit fees. Partial fills add up.
 *
 * @param closedAt null while open (sold < bought)
 * @param closedSeenAt when this service saw the closing fill (the daily summary counts by it, since
 *     a paper replay's fills carry the replayed candles' times)
 */
public record Position(
    String tradeId,
    String exchange,
    String pair,
    BigDecimal bought,
    BigDecimal cost,
    BigDecimal sold,
    BigDecimal proceeds,
    BigDecimal realizedProfit,
    Instant openedAt,
    Instant closedAt,
    Instant closedSeenAt) {

  /**
   * Result of applying an exit fill: the profit of the part sold now, and the position after it.
   */
  public record Exit(
      BigDecimal profitAbs, BigDecimal profitRatio, Position after, boolean entryKnown) {}

  public static Position open(Fill entry) {
    return new Position(
            entry.tradeId(),
            entry.exchange(),
            entry.pair(),
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            entry.filledAt(),
            null,
            null)
        .withEntry(entry);
  }

  public Position withEntry(Fill entry) {
    BigDecimal value = entry.amount().multiply(entry.price());
    return new Position(
        tradeId,
        exchange,
        pair,
        bought.add(entry.amount()),
        cost.add(value).add(feeInQuote(entry)),
        sold,
        proceeds,
        realizedProfit,
        openedAt == null ? entry.filledAt() : openedAt,
        closedAt,
        closedSeenAt);
  }

  public boolean isOpen() {
    return closedAt == null;
  }

  /**
   * Applies a sell. The sold part's entry cost is the average cost per unit bought; profit ratio is
   * profit over that cost, as Freqtrade's {@code close_value / open_value - 1}.
   */
  public Exit applyExit(Fill exit, Instant seenAt) {
    BigDecimal net = exit.amount().multiply(exit.price()).subtract(feeInQuote(exit));
    if (bought.signum() == 0) {
      return new Exit(null, null, this, false);
    }
    BigDecimal costOfPart = cost.multiply(exit.amount()).divide(bought, MathContext.DECIMAL128);
    BigDecimal profit = net.subtract(costOfPart);
    BigDecimal ratio =
        costOfPart.signum() == 0 ? null : profit.divide(costOfPart, MathContext.DECIMAL128);
    BigDecimal soldNow = sold.add(exit.amount());
    boolean closes = soldNow.compareTo(bought) >= 0;
    Position after =
        new Position(
            tradeId,
            exchange,
            pair,
            bought,
            cost,
            soldNow,
            proceeds.add(net),
            realizedProfit.add(profit),
            openedAt,
            closes ? exit.filledAt() : null,
            closes ? seenAt : null);
    return new Exit(profit, ratio, after, true);
  }

  /** The whole trade's profit ratio once closed: realized profit over total cost. */
  public BigDecimal totalRatio() {
    return cost.signum() == 0 ? null : realizedProfit.divide(cost, MathContext.DECIMAL128);
  }

  public String quoteCurrency() {
    return quoteOf(pair);
  }

  public static String quoteOf(String pair) {
    int slash = pair.indexOf('/');
    return slash < 0 ? "" : pair.substring(slash + 1).toUpperCase(Locale.ROOT);
  }

  static String baseOf(String pair) {
    int slash = pair.indexOf('/');
    return slash < 0 ? pair : pair.substring(0, slash).toUpperCase(Locale.ROOT);
  }

  /**
   * The fee in the quote currency: as is when paid in quote, at the fill price when paid in base. A
   * fee in a third currency (e.g. BNB) cannot be converted here and counts as zero; {@link
   * #feeConvertible} tells the message to say so.
   */
  public static BigDecimal feeInQuote(Fill fill) {
    if (fill.fee() == null || fill.fee().signum() == 0) {
      return BigDecimal.ZERO;
    }
    String currency = fill.feeCurrency() == null ? "" : fill.feeCurrency().toUpperCase(Locale.ROOT);
    if (currency.equals(quoteOf(fill.pair()))) {
      return fill.fee();
    }
    if (currency.equals(baseOf(fill.pair()))) {
      return fill.fee().multiply(fill.price());
    }
    return BigDecimal.ZERO;
  }

  public static boolean feeConvertible(Fill fill) {
    if (fill.fee() == null || fill.fee().signum() == 0) {
      return true;
    }
    String currency = fill.feeCurrency() == null ? "" : fill.feeCurrency().toUpperCase(Locale.ROOT);
    return currency.equals(quoteOf(fill.pair())) || currency.equals(baseOf(fill.pair()));
  }

  static String money(BigDecimal v) {
    return Money.format(v);
  }
}
