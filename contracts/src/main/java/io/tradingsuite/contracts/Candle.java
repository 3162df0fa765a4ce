package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.time.Instant;

/** One closed OHLCV candle, published on {@link Topics#CANDLES}. */
public record Candle(
    String exchange,
    String pair,
    String timeframe,
    Instant openTime,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume)
    implements ContractMessage {

  /**
   * {@code exchange:BASE/QUOTE|timeframe|openTime}: a candle is identified by its market and slot.
   */
  @Override
  public String messageId() {
    return Topics.key(exchange, pair) + "|" + timeframe + "|" + openTime;
  }
}
