package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What became of an order, published on {@link Topics#FILLS}. {@code price} and {@code amount} are
 * positive when the status is FILLED or PARTIALLY_FILLED; a REJECTED fill says why in {@code
 * reason}.
 *
 * @param exitReason nullable; set when the fill closes a trade (roi, stop_loss, exit_signal, ...)
 * @param reason nullable; why the order was REJECTED
 */
public record Fill(
    String id,
    String clientOrderId,
    String decisionId,
    String signalId,
    String tradeId,
    String exchange,
    String pair,
    OrderSide side,
    BigDecimal price,
    BigDecimal amount,
    BigDecimal fee,
    String feeCurrency,
    TradingMode mode,
    FillStatus status,
    String exitReason,
    String reason,
    Instant filledAt)
    implements ContractMessage {

  @Override
  public String messageId() {
    return id;
  }
}
