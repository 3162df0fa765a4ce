package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A strategy's decision on the close of {@code candleTime}, published on {@link Topics#SIGNALS}. An
 * {@code ENTER_LONG} carries its {@code stakeAmount} and {@code exitPlan}; an {@code EXIT_LONG}
 * names the {@code tradeId} it closes.
 *
 * @param exitReason nullable
 * @param tradeId nullable for an entry
 * @param stakeAmount required for an entry, nullable for an exit
 * @param exitPlan required for an entry
 */
public record Signal(
    String id,
    String strategy,
    String exchange,
    String pair,
    String timeframe,
    Instant candleTime,
    SignalAction action,
    String exitReason,
    String tradeId,
    BigDecimal price,
    BigDecimal stakeAmount,
    ExitPlan exitPlan,
    Instant createdAt)
    implements ContractMessage {

  @Override
  public String messageId() {
    return id;
  }
}
