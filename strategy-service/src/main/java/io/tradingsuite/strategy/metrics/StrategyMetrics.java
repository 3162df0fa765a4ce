package io.tradingsuite.strategy.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tradingsuite.contracts.Signal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/**
 * The strategy meters (docs/RUNBOOK.md "Metrics"): {@code suite_signals_total{action,strategy}},
 * one per signal the broker acknowledged on {@code strategy.signals.v1} (live bots and DCA buys).
 */
@ApplicationScoped
public class StrategyMetrics {
  @Inject MeterRegistry meters;

  /** A signal published (acknowledged by the broker). */
  public void published(Signal s) {
    Counter.builder("suite.signals")
        .description("signals published on strategy.signals.v1, by action and strategy")
        .tag("action", s.action().name().toLowerCase(Locale.ROOT))
        .tag("strategy", s.strategy() == null ? "unknown" : s.strategy())
        .register(meters)
        .increment();
  }
}
