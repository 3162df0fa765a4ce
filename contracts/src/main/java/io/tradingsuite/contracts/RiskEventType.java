package io.tradingsuite.contracts;

/**
 * In JSON: {@code circuit_breaker_enabled / circuit_breaker_disabled / incident} (the lower-cased
 * constant name).
 */
public enum RiskEventType {
  CIRCUIT_BREAKER_ENABLED,
  CIRCUIT_BREAKER_DISABLED,
  INCIDENT
}
