package io.tradingsuite.risk.domain;

/** Why a signal was denied (the {@code rule} of a denied {@code RiskDecision}). */
public enum Rule {
  /** Trading state HALTED: the circuit breaker is open. Entries only; exits always pass. */
  CIRCUIT_BREAKER_OPEN,
  /** Open trades plus approved-but-unfilled entries reached RISK_LIVE_MAX_CONCURRENT_TRADES. */
  MAX_OPEN_TRADES,
  /** The market's exposure would pass RISK_LIVE_MAX_PER_MARKET_EXPOSURE_PCT of equity. */
  MARKET_EXPOSURE,
  /** The order's notional (stake) is above RISK_MAX_NOTIONAL_PER_ORDER. */
  MAX_NOTIONAL,
  /** More than RISK_MAX_ORDERS_PER_MINUTE approved orders on this exchange in the last minute. */
  RATE_LIMIT,
  /** No candle for the market for RISK_STALE_DATA_TIMEFRAMES timeframes. */
  STALE_MARKET_DATA,
  /**
   * The same strategy/market/candle/action was already decided, the pair already has a position, or
   * an exit is already pending.
   */
  DUPLICATE_SIGNAL,
  /** The stake does not fit in the free balance (equity minus open and pending exposure). */
  INSUFFICIENT_BALANCE,
  /**
   * A protection (StoplossGuard, MaxDrawdown, CooldownPeriod, LowProfitPairs) locks the pair or
   * everything.
   */
  PAIR_LOCKED,
  /**
   * The signal is well-formed but makes no sense against the book (unknown or closed trade, pair
   * mismatch).
   */
  INVALID_SIGNAL,
  /** Risk-service could not read its state: fail closed. */
  RISK_STATE_UNAVAILABLE
}
