package io.tradingsuite.risk.store;

import java.math.BigDecimal;
import java.time.Instant;

/** A concurrent-backtest lease. {@code releaseKind}: released, expired; null while active. */
public record Lease(
    String id,
    String runId,
    String strategy,
    String kind,
    Instant createdAt,
    Instant expiresAt,
    Instant releasedAt,
    String releaseKind,
    BigDecimal maxDrawdown,
    boolean flagged) {

  public boolean activeAt(Instant now) {
    return releasedAt == null && now.isBefore(expiresAt);
  }
}
