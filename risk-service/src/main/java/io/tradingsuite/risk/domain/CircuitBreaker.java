package io.tradingsuite.risk.domain;

import java.time.Instant;

/**
 * The circuit breaker as persisted. Open while enabled and {@code until} (nullable: until disabled)
 * has not passed.
 */
public record CircuitBreaker(boolean enabled, String reason, Instant changedAt, Instant until) {

  public static CircuitBreaker closed(Instant at) {
    return new CircuitBreaker(false, null, at, null);
  }

  public boolean openAt(Instant now) {
    return enabled && (until == null || now.isBefore(until));
  }

  /** Enabled but its time is up: the next tick disables it. */
  public boolean lapsedAt(Instant now) {
    return enabled && until != null && !now.isBefore(until);
  }
}
