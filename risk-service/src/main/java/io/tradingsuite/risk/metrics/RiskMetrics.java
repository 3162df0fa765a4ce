package io.tradingsuite.risk.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.risk.domain.CircuitBreaker;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * The gate's meters (docs/RUNBOOK.md "Metrics"): {@code suite_decisions_total{outcome,rule}} and
 * {@code suite_circuit_breaker_open}. The circuit breaker is one for the whole book (not per
 * exchange); its gauge reads the last state {@link io.tradingsuite.risk.gate.RiskService} loaded or
 * switched, never the database.
 */
@Startup
@ApplicationScoped
public class RiskMetrics {
  /** Rule tag of an approval. */
  public static final String NO_RULE = "none";

  @Inject MeterRegistry meters;

  /** Null until the book is loaded: the gauge then reads NaN (unknown), not "closed". */
  private volatile CircuitBreaker breaker;

  @PostConstruct
  void init() {
    Gauge.builder("suite.circuit.breaker.open", this, RiskMetrics::breakerOpen)
        .description("1 while the circuit breaker is open (no entry passes), else 0")
        .register(meters);
  }

  /** One decision made (not one re-emitted for a redelivered signal). */
  public void decided(RiskDecision d) {
    Counter.builder("suite.decisions")
        .description("risk decisions made, by outcome and by the rule that denied (none: approved)")
        .tag("outcome", d.approved() ? "approved" : "denied")
        .tag("rule", d.rule() == null ? NO_RULE : d.rule())
        .register(meters)
        .increment();
  }

  /** The circuit breaker as the book now holds it (loaded or switched). */
  public void circuitBreaker(CircuitBreaker cb) {
    breaker = cb;
  }

  double breakerOpen() {
    CircuitBreaker cb = breaker;
    return cb == null ? Double.NaN : cb.openAt(Instant.now()) ? 1 : 0;
  }
}
