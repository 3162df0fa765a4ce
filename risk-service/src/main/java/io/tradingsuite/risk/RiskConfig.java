package io.tradingsuite.risk;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/**
 * Every risk knob, read from the environment as in the original bot: property {@code risk.x-y} is
 * environment variable {@code RISK_X_Y}. {@code RISK_CIRCUIT_BREAKER_FILE} is gone: the circuit
 * breaker lives in the risk database.
 */
@ConfigMapping(prefix = "risk")
public interface RiskConfig {
  /**
   * RISK_ALLOW_WHEN_CB: 1 lets backtest/hyperopt leases through while the circuit breaker is open.
   */
  @WithDefault("false")
  boolean allowWhenCb();

  /** RISK_MAX_CONCURRENT_BACKTESTS. */
  @WithDefault("2")
  int maxConcurrentBacktests();

  /** RISK_CONCURRENCY_TTL_SEC: a lease not released by then is reclaimed. */
  @WithDefault("900")
  long concurrencyTtlSec();

  /**
   * RISK_MAX_BACKTEST_DRAWDOWN_PCT: a finished backtest above it is flagged (ratio, 0.20 = 20 %).
   */
  @WithDefault("0.20")
  BigDecimal maxBacktestDrawdownPct();

  /** RISK_LIVE_MAX_CONCURRENT_TRADES: open trades plus approved, unfilled entries, per exchange. */
  @WithDefault("5")
  int liveMaxConcurrentTrades();

  /**
   * RISK_LIVE_MAX_PER_MARKET_EXPOSURE_PCT: a market's exposure as a share of equity (0.25 = 25 %).
   */
  @WithDefault("0.25")
  BigDecimal liveMaxPerMarketExposurePct();

  /** RISK_MAX_NOTIONAL_PER_ORDER: largest stake of one entry, in the quote currency; 0 = off. */
  @WithDefault("0")
  BigDecimal maxNotionalPerOrder();

  /** RISK_MAX_ORDERS_PER_MINUTE: approved orders per exchange in a sliding minute; 0 = off. */
  @WithDefault("60")
  int maxOrdersPerMinute();

  /** RISK_STALE_DATA_CLOCK: market (default), wall or off. See StaleClock. */
  @WithDefault("market")
  String staleDataClock();

  /** RISK_STALE_DATA_TIMEFRAMES: a market with no candle for this many timeframes is stale. */
  @WithDefault("2")
  int staleDataTimeframes();

  /** RISK_DECISION_TTL_SEC: an approved decision's expires_at = decided_at + this. */
  @WithDefault("60")
  long decisionTtlSec();

  /**
   * RISK_STARTING_EQUITY: the account's equity before realized profit (Freqtrade's dry_run_wallet).
   */
  @WithDefault("1000")
  BigDecimal startingEquity();

  /**
   * RISK_PROTECTIONS: Freqtrade's protections list as JSON, e.g.
   * [{"method":"CooldownPeriod","stop_duration_candles":2}].
   */
  @WithDefault("[]")
  String protections();

  /** RISK_PROTECTIONS_TIMEFRAME: the timeframe *_candles parameters and lock ends refer to. */
  @WithDefault("5m")
  String protectionsTimeframe();
}
