package io.tradingsuite.risk.api;

import io.tradingsuite.core.protections.PairLock;
import io.tradingsuite.risk.RiskConfig;
import io.tradingsuite.risk.domain.Account;
import io.tradingsuite.risk.domain.OpenTrade;
import io.tradingsuite.risk.domain.RiskEngine;
import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.risk.lease.LeaseService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/v1/limits}: every knob with its value, and how much of each limit is in use. */
@Path("/api/v1/limits")
@Produces(MediaType.APPLICATION_JSON)
public class LimitsResource {
  @Inject RiskService risk;
  @Inject RiskConfig config;
  @Inject LeaseService leases;

  public record Lock(String pair, Instant until, String reason) {}

  public record AccountUsage(
      String exchange,
      BigDecimal equity,
      BigDecimal realizedProfit,
      int openTrades,
      int pendingEntries,
      int pendingExits,
      int ordersLastMinute,
      Map<String, BigDecimal> exposureByPair,
      List<Lock> locks) {}

  public record Limits(
      String tradingState,
      boolean circuitBreakerOpen,
      Map<String, Object> knobs,
      int activeBacktests,
      List<AccountUsage> accounts) {}

  @GET
  public Limits limits() {
    int backtests = leases.active().size();
    return risk.withBook(
        engine -> {
          Instant now = risk.now();
          List<AccountUsage> usage = new ArrayList<>();
          for (Account a : engine.accounts()) {
            usage.add(usage(engine, a, now));
          }
          return new Limits(
              engine.tradingState(now).name(),
              engine.circuitBreaker().openAt(now),
              knobs(),
              backtests,
              usage);
        });
  }

  private AccountUsage usage(RiskEngine engine, Account a, Instant now) {
    Map<String, BigDecimal> exposure = new TreeMap<>();
    for (OpenTrade t : a.openTrades().values()) {
      exposure.merge(t.pair(), t.exposure(), BigDecimal::add);
    }
    for (Account.PendingEntry p : a.pendingEntries().values()) {
      if (now.isBefore(p.expiresAt())) {
        exposure.merge(p.pair(), p.stake(), BigDecimal::add);
      }
    }
    List<Lock> locks = new ArrayList<>();
    for (PairLock l : a.protections().locks().all()) {
      if (l.lockEndTime() >= now.toEpochMilli()) {
        locks.add(new Lock(l.pair(), Instant.ofEpochMilli(l.lockEndTime()), l.reason()));
      }
    }
    long pendingEntries =
        a.pendingEntries().values().stream().filter(p -> now.isBefore(p.expiresAt())).count();
    long pendingExits = a.pendingExits().values().stream().filter(now::isBefore).count();
    long lastMinute = 0;
    return new AccountUsage(
        a.exchange(),
        a.equity(engine.limits().startingEquity()),
        a.realizedProfit(),
        a.openTrades().size(),
        (int) pendingEntries,
        (int) pendingExits,
        (int) Math.max(lastMinute, a.approvalsLastMinute()),
        exposure,
        locks);
  }

  private Map<String, Object> knobs() {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("RISK_ALLOW_WHEN_CB", config.allowWhenCb() ? 1 : 0);
    k.put("RISK_MAX_CONCURRENT_BACKTESTS", config.maxConcurrentBacktests());
    k.put("RISK_CONCURRENCY_TTL_SEC", config.concurrencyTtlSec());
    k.put("RISK_MAX_BACKTEST_DRAWDOWN_PCT", config.maxBacktestDrawdownPct());
    k.put("RISK_LIVE_MAX_CONCURRENT_TRADES", config.liveMaxConcurrentTrades());
    k.put("RISK_LIVE_MAX_PER_MARKET_EXPOSURE_PCT", config.liveMaxPerMarketExposurePct());
    k.put("RISK_MAX_NOTIONAL_PER_ORDER", config.maxNotionalPerOrder());
    k.put("RISK_MAX_ORDERS_PER_MINUTE", config.maxOrdersPerMinute());
    k.put("RISK_STALE_DATA_CLOCK", config.staleDataClock());
    k.put("RISK_STALE_DATA_TIMEFRAMES", config.staleDataTimeframes());
    k.put("RISK_DECISION_TTL_SEC", config.decisionTtlSec());
    k.put("RISK_STARTING_EQUITY", config.startingEquity());
    k.put("RISK_PROTECTIONS", config.protections());
    k.put("RISK_PROTECTIONS_TIMEFRAME", config.protectionsTimeframe());
    return k;
  }
}
