package io.tradingsuite.risk.lease;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.risk.RiskConfig;
import io.tradingsuite.risk.api.RuleRefusedException;
import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.risk.incident.Incidents;
import io.tradingsuite.risk.store.Incident;
import io.tradingsuite.risk.store.Lease;
import io.tradingsuite.risk.store.RiskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Concurrent-backtest leases (the original bot's concurrency guard): at most
 * RISK_MAX_CONCURRENT_BACKTESTS active at once, each reclaimed after RISK_CONCURRENCY_TTL_SEC, none
 * while the circuit breaker is open unless RISK_ALLOW_WHEN_CB=1. Releasing a lease with the run's
 * max drawdown flags it (and writes an incident) above RISK_MAX_BACKTEST_DRAWDOWN_PCT.
 */
@ApplicationScoped
public class LeaseService {
  public static final String MAX_CONCURRENT_BACKTESTS = "MAX_CONCURRENT_BACKTESTS";
  public static final String MAX_BACKTEST_DRAWDOWN = "MAX_BACKTEST_DRAWDOWN";

  public record Released(boolean released, boolean flagged, Lease lease) {}

  @Inject RiskStore store;
  @Inject RiskService risk;
  @Inject RiskConfig config;
  @Inject Incidents incidents;

  /**
   * Grants a lease, or throws RuleRefusedException. The same run_id while active gets its lease
   * back.
   */
  public Lease acquire(String runId, String strategy, String kind, String correlationId) {
    return risk.withBook(
        engine -> {
          Instant now = risk.now();
          List<Incident> written = new ArrayList<>();
          Object result =
              QuarkusTransaction.requiringNew()
                  .call(
                      () -> {
                        reclaim(now, correlationId, written);
                        List<Lease> active = store.activeLeases(now);
                        for (Lease l : active) {
                          if (l.runId().equals(runId)) {
                            return l;
                          }
                        }
                        if (engine.circuitBreaker().openAt(now) && !config.allowWhenCb()) {
                          return new RuleRefusedException(
                              "CIRCUIT_BREAKER_OPEN",
                              "the circuit breaker is open ("
                                  + engine.circuitBreaker().reason()
                                  + "); backtests are refused unless RISK_ALLOW_WHEN_CB=1");
                        }
                        if (active.size() >= config.maxConcurrentBacktests()) {
                          return new RuleRefusedException(
                              MAX_CONCURRENT_BACKTESTS,
                              active.size()
                                  + " backtests already hold a lease"
                                  + " (RISK_MAX_CONCURRENT_BACKTESTS="
                                  + config.maxConcurrentBacktests()
                                  + "); oldest expires at "
                                  + active.get(0).expiresAt());
                        }
                        Lease lease =
                            new Lease(
                                "bl-" + UUID.randomUUID(),
                                runId,
                                strategy,
                                kind,
                                now,
                                now.plusSeconds(config.concurrencyTtlSec()),
                                null,
                                null,
                                null,
                                false);
                        store.insertLease(lease);
                        return lease;
                      });
          written.forEach(i -> incidents.announce(i, RiskEventType.INCIDENT, null));
          if (result instanceof RuleRefusedException refused) {
            throw refused;
          }
          return (Lease) result;
        });
  }

  /** Releases a lease (idempotent). Returns null when there is no such lease. */
  public Released release(String id, BigDecimal maxDrawdown, String correlationId) {
    return risk.withBook(
        engine -> {
          Instant now = risk.now();
          List<Incident> written = new ArrayList<>();
          Released r =
              QuarkusTransaction.requiringNew()
                  .call(
                      () -> {
                        Lease l = store.lease(id);
                        if (l == null) {
                          return null;
                        }
                        if ("released".equals(l.releaseKind())
                            || (l.releasedAt() != null && l.maxDrawdown() != null)) {
                          return new Released(true, l.flagged(), l);
                        }
                        boolean flagged =
                            maxDrawdown != null
                                && maxDrawdown.compareTo(config.maxBacktestDrawdownPct()) > 0;
                        store.releaseLease(id, now, maxDrawdown, flagged);
                        if (flagged) {
                          Map<String, String> ctx = new LinkedHashMap<>();
                          ctx.put("lease_id", l.id());
                          ctx.put("run_id", l.runId());
                          ctx.put("strategy", l.strategy());
                          ctx.put("kind", l.kind());
                          ctx.put("max_drawdown", maxDrawdown.toPlainString());
                          ctx.put("limit", config.maxBacktestDrawdownPct().toPlainString());
                          written.add(
                              incidents.write(
                                  new Incident(
                                      null,
                                      now,
                                      "backtest_drawdown",
                                      "warning",
                                      MAX_BACKTEST_DRAWDOWN,
                                      l.kind()
                                          + " "
                                          + l.runId()
                                          + " of "
                                          + l.strategy()
                                          + " has max drawdown "
                                          + maxDrawdown.toPlainString()
                                          + " > "
                                          + config.maxBacktestDrawdownPct().toPlainString(),
                                      ctx,
                                      correlationId)));
                        }
                        return new Released(true, flagged, store.lease(id));
                      });
          written.forEach(i -> incidents.announce(i, RiskEventType.INCIDENT, null));
          return r;
        });
  }

  public BigDecimal maxAllowedDrawdown() {
    return config.maxBacktestDrawdownPct();
  }

  public List<Lease> active() {
    return risk.withBook(
        engine -> {
          try {
            return store.activeLeases(risk.now());
          } catch (SQLException e) {
            throw new RiskService.StateUnavailableException();
          }
        });
  }

  private void reclaim(Instant now, String correlationId, List<Incident> written)
      throws SQLException {
    for (Lease l : store.reclaimExpired(now)) {
      Map<String, String> ctx = new LinkedHashMap<>();
      ctx.put("lease_id", l.id());
      ctx.put("run_id", l.runId());
      ctx.put("strategy", l.strategy());
      ctx.put("expired_at", l.expiresAt().toString());
      written.add(
          incidents.write(
              new Incident(
                  null,
                  now,
                  "lease_expired",
                  "info",
                  MAX_CONCURRENT_BACKTESTS,
                  "backtest lease "
                      + l.id()
                      + " of run "
                      + l.runId()
                      + " expired and was reclaimed",
                  ctx,
                  correlationId)));
    }
  }

  /** Reclaims expired leases even when nobody asks for a new one. */
  @Scheduled(
      every = "60s",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void reclaimTick() {
    try {
      risk.withBook(
          engine -> {
            List<Incident> written = new ArrayList<>();
            QuarkusTransaction.requiringNew()
                .run(
                    () -> {
                      try {
                        reclaim(risk.now(), null, written);
                      } catch (SQLException e) {
                        throw new IllegalStateException(e);
                      }
                    });
            written.forEach(i -> incidents.announce(i, RiskEventType.INCIDENT, null));
            return null;
          });
    } catch (RuntimeException ignored) {
      // the database is not ready yet; the next tick tries again
    }
  }
}
