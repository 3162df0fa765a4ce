package io.tradingsuite.notification.domain;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounded exponential backoff: after the n-th failed attempt wait {@code initialDelay *
 * multiplier^(n-1)}, at most {@code maxDelay}; after {@code maxAttempts} failures give up (the
 * delivery becomes a dead letter).
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    if (initialDelay == null
        || initialDelay.isNegative()
        || maxDelay == null
        || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
    }
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException("multiplier must be >= 1");
    }
  }

  /**
   * The wait before the next attempt after {@code failedAttempts} failures, or empty when there is
   * none.
   */
  public Optional<Duration> delayAfter(int failedAttempts) {
    if (failedAttempts >= maxAttempts) {
      return Optional.empty();
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    long capped = millis >= maxDelay.toMillis() ? maxDelay.toMillis() : (long) millis;
    return Optional.of(Duration.ofMillis(capped));
  }
}
