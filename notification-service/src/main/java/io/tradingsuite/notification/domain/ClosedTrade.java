package io.tradingsuite.notification.domain;

import java.math.BigDecimal;
import java.time.Instant;

/** A closed trade as the daily summary needs it. */
public record ClosedTrade(
    String tradeId, String pair, BigDecimal profitAbs, BigDecimal cost, Instant closedSeenAt) {}
