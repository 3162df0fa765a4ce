package io.tradingsuite.risk.store;

import java.math.BigDecimal;
import java.time.Instant;

/** A decision row: the encoded RiskDecision plus the columns the book is rebuilt from. */
public record StoredDecision(
    String signalId,
    String decisionId,
    String exchange,
    String pair,
    String action,
    String tradeId,
    boolean approved,
    String rule,
    String naturalKey,
    BigDecimal stakeAmount,
    Instant decidedAt,
    Instant expiresAt,
    String payload) {}
