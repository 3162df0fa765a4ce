package io.tradingsuite.contracts;

import java.math.BigDecimal;

/**
 * The order risk-service approves inside a {@link RiskDecision}. At least one of {@code amount}
 * (base currency) or {@code stakeAmount} (quote currency, for a market buy sized by stake) is set;
 * {@code limitPrice} is the limit or trigger price and is required for every type but MARKET.
 *
 * @param amount nullable
 * @param stakeAmount nullable
 * @param limitPrice nullable for a market order
 * @param tradeId nullable
 * @param exitPlan nullable; the entry's exit plan
 */
public record Order(
    String clientOrderId,
    String exchange,
    String pair,
    OrderSide side,
    OrderType type,
    BigDecimal amount,
    BigDecimal stakeAmount,
    BigDecimal limitPrice,
    String tradeId,
    ExitPlan exitPlan) {}
