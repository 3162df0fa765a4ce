package io.tradingsuite.risk.domain;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The guardrails (all from the environment, see RiskConfig). A zero limit where noted means "off".
 *
 * @param maxNotionalPerOrder 0 = off
 * @param maxOrdersPerMinute 0 = off; counted per exchange
 */
public record RiskLimits(
    int liveMaxConcurrentTrades,
    BigDecimal liveMaxPerMarketExposurePct,
    BigDecimal maxNotionalPerOrder,
    int maxOrdersPerMinute,
    StaleClock staleClock,
    int staleTimeframes,
    Duration decisionTtl,
    BigDecimal startingEquity,
    List<Map<String, Object>> protections,
    String protectionsTimeframe) {

  public RiskLimits {
    protections = protections == null ? List.of() : List.copyOf(protections);
  }
}
