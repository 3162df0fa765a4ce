package io.tradingsuite.risk.domain;

/**
 * NautilusTrader's trading states. HALTED: the circuit breaker is open, no entry passes. REDUCING:
 * a protection locks every pair, only exits pass. ACTIVE: everything the guardrails allow passes.
 * Exits are reduce-only and pass in every state.
 */
public enum TradingState {
  ACTIVE,
  REDUCING,
  HALTED
}
