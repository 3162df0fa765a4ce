package io.tradingsuite.risk.gate;

import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.protections.PairLock;
import io.tradingsuite.risk.RiskConfig;
import io.tradingsuite.risk.domain.CircuitBreaker;
import io.tradingsuite.risk.domain.Ids;
import io.tradingsuite.risk.domain.RiskEngine;
import io.tradingsuite.risk.domain.RiskLimits;
import io.tradingsuite.risk.domain.Rule;
import io.tradingsuite.risk.domain.StaleClock;
import io.tradingsuite.risk.domain.Verdict;
import io.tradingsuite.risk.incident.Incidents;
import io.tradingsuite.risk.metrics.RiskMetrics;
import io.tradingsuite.risk.store.Incident;
import io.tradingsuite.risk.store.RiskStore;
import io.tradingsuite.risk.store.StoredDecision;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The one place the risk book changes: signals decided, fills applied, candles clocked, circuit
 * breaker switched, all under one lock and in message order. Each change is committed to the
 * database before anything is published, and a signal's decision is stored in the same transaction
 * that makes it the signal's only decision (primary key on the signal id).
 */
@ApplicationScoped
public class RiskService {
  /** A decision to publish, and whether it was decided now (false: re-emitted from the store). */
  public record Outcome(RiskDecision decision, Signal signal, boolean fresh) {}

  private static final TypeReference<List<Map<String, Object>>> PROTECTIONS =
      new TypeReference<>() {};

  @Inject RiskConfig config;
  @Inject RiskStore store;
  @Inject Incidents incidents;
  @Inject @org.eclipse.microprofile.health.Readiness SchemaMigrator schema;
  @Inject MeterRegistry meters;
  @Inject RiskMetrics metrics;

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Clock clock = Clock.systemUTC();
  private RiskEngine engine;
  private Timer latency;

  @PostConstruct
  void init() {
    List<Map<String, Object>> protections;
    try {
      protections = MessageCodec.instance().mapper().readValue(config.protections(), PROTECTIONS);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "RISK_PROTECTIONS is not a JSON list of protections: " + e.getMessage(), e);
    }
    RiskLimits limits =
        new RiskLimits(
            config.liveMaxConcurrentTrades(),
            config.liveMaxPerMarketExposurePct(),
            config.maxNotionalPerOrder(),
            config.maxOrdersPerMinute(),
            StaleClock.parse(config.staleDataClock()),
            config.staleDataTimeframes(),
            Duration.ofSeconds(config.decisionTtlSec()),
            config.startingEquity(),
            protections,
            config.protectionsTimeframe());
    engine = new RiskEngine(limits);
    latency =
        Timer.builder("risk.decision.latency")
            .description(
                "in-service time from receiving a signal to its decision being stored and handed to the producer")
            .publishPercentiles(0.5, 0.99)
            .register(meters);
  }

  // ------------------------------------------------------------------ loading (fail closed)

  /**
   * Loads the book if it is not loaded; false when the database cannot be read (entries are then
   * denied).
   */
  private boolean ensureLoaded() {
    if (engine.loaded()) {
      return true;
    }
    if (!schema.isMigrated()) {
      return false;
    }
    try {
      engine.reset();
      Instant now = clock.instant();
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                try {
                  store.loadInto(engine, now);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      engine.markLoaded();
      metrics.circuitBreaker(engine.circuitBreaker());
      Log.infof(
          "risk book loaded: %d accounts, circuit breaker %s",
          engine.accounts().size(), engine.circuitBreaker().openAt(now) ? "OPEN" : "closed");
      return true;
    } catch (RuntimeException e) {
      engine.reset();
      Log.errorf("risk state unreadable, denying entries: %s", e.getMessage());
      return false;
    }
  }

  /** Runs {@code work} with the book locked and loaded. */
  public <T> T withBook(Function<RiskEngine, T> work) {
    lock.lock();
    try {
      if (!ensureLoaded()) {
        throw new StateUnavailableException();
      }
      return work.apply(engine);
    } finally {
      lock.unlock();
    }
  }

  /** The risk database cannot be read: REST answers 503, the gate denies entries. */
  public static class StateUnavailableException extends RuntimeException {
    public StateUnavailableException() {
      super("risk state unavailable: the risk database cannot be read");
    }
  }

  // ------------------------------------------------------------------ signals

  /**
   * Decides a batch of signals in order. A signal decided before (redelivered) gets its stored
   * decision back, unchanged; new decisions are stored in one transaction before being returned. If
   * they cannot be stored, every new approval is turned into a RISK_STATE_UNAVAILABLE denial.
   */
  public List<Outcome> decide(List<Signal> signals, long receivedNanos) {
    lock.lock();
    try {
      Instant now = clock.instant();
      boolean loaded = ensureLoaded();
      if (loaded) {
        expireCircuitBreakerIfLapsed(now);
      }
      Map<String, String> stored = Map.of();
      if (loaded) {
        try {
          stored = store.findDecisions(signals.stream().map(Signal::id).distinct().toList());
        } catch (Exception e) {
          Log.errorf("cannot read stored decisions, denying: %s", e.getMessage());
          engine.reset();
          loaded = false;
        }
      }
      List<Outcome> out = new ArrayList<>(signals.size());
      Map<String, RiskDecision> inBatch = new HashMap<>();
      List<StoredDecision> rows = new ArrayList<>();
      for (Signal s : signals) {
        String payload = stored.get(s.id());
        if (payload != null) {
          out.add(
              new Outcome(
                  MessageCodec.instance()
                      .decode(
                          payload.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                          RiskDecision.class),
                  s,
                  false));
          continue;
        }
        RiskDecision again = inBatch.get(s.id());
        if (again != null) {
          out.add(new Outcome(again, s, false));
          continue;
        }
        Verdict v = engine.decide(s, now);
        RiskDecision d = stamp(s, v, now);
        inBatch.put(s.id(), d);
        out.add(new Outcome(d, s, true));
        if (engine.loaded()) {
          rows.add(
              new StoredDecision(
                  s.id(),
                  d.id(),
                  s.exchange().toLowerCase(java.util.Locale.ROOT),
                  s.pair(),
                  s.action().name(),
                  d.approved() ? d.order().tradeId() : s.tradeId(),
                  d.approved(),
                  d.rule(),
                  RiskEngine.naturalKey(s),
                  d.approved() ? d.order().stakeAmount() : null,
                  now,
                  d.expiresAt(),
                  MessageCodec.instance().encodeToString(d)));
        }
      }
      if (!rows.isEmpty()) {
        try {
          QuarkusTransaction.requiringNew()
              .run(
                  () -> {
                    try {
                      store.insertDecisions(rows);
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
        } catch (RuntimeException e) {
          // not stored: nothing may be approved (fail closed); reload the book from the database
          Log.errorf("decisions not stored, denying this batch: %s", e.getMessage());
          engine.reset();
          out.replaceAll(
              o ->
                  o.fresh()
                      ? new Outcome(
                          stamp(
                              o.signal(),
                              Verdict.deny(Rule.RISK_STATE_UNAVAILABLE, "state=unwritable"),
                              now),
                          o.signal(),
                          true)
                      : o);
        }
      }
      long done = System.nanoTime();
      for (Outcome o : out) {
        latency.record(done - receivedNanos, TimeUnit.NANOSECONDS);
        if (o.fresh()) {
          metrics.decided(o.decision());
        }
      }
      return out;
    } finally {
      lock.unlock();
    }
  }

  private RiskDecision stamp(Signal s, Verdict v, Instant now) {
    Instant expires = now.plus(engine.limits().decisionTtl());
    return new RiskDecision(
        Ids.decisionId(s.id()),
        s.id(),
        v.approved(),
        v.rule() == null ? null : v.rule().name(),
        v.reasons(),
        v.order(),
        now,
        expires);
  }

  /** The stored decision of a signal, or null. */
  public RiskDecision storedDecision(String signalId) {
    try {
      String payload = store.findDecision(signalId);
      return payload == null
          ? null
          : MessageCodec.instance()
              .decode(
                  payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), RiskDecision.class);
    } catch (java.sql.SQLException e) {
      throw new StateUnavailableException();
    }
  }

  // ------------------------------------------------------------------ fills

  /**
   * Applies a fill once (its id is recorded in the same transaction as its effect). Retries while
   * the database is unavailable, so no fill is skipped; throws after {@code attempts}.
   */
  public void onFill(Fill f, String correlationId, int attempts) {
    for (int attempt = 1; ; attempt++) {
      List<Incident> written = new ArrayList<>();
      lock.lock();
      try {
        if (ensureLoaded()) {
          Instant now = clock.instant();
          QuarkusTransaction.requiringNew()
              .run(
                  () -> {
                    try {
                      if (!store.markProcessed(f.id(), Topics.FILLS, now)) {
                        return;
                      }
                      RiskEngine.FillOutcome outcome = engine.onFill(f);
                      if (outcome.trade() != null) {
                        store.saveTrade(
                            outcome.trade(),
                            outcome.closedNow() ? f.filledAt() : null,
                            f.exitReason() == null ? "exit_signal" : f.exitReason());
                      }
                      if (f.side() == OrderSide.BUY || f.status() != FillStatus.PARTIALLY_FILLED) {
                        store.settle(f.signalId());
                      }
                      for (PairLock l : outcome.newLocks()) {
                        Map<String, String> ctx = new LinkedHashMap<>();
                        ctx.put("exchange", f.exchange().toLowerCase(java.util.Locale.ROOT));
                        ctx.put("pair", l.pair());
                        ctx.put("until", Instant.ofEpochMilli(l.lockEndTime()).toString());
                        ctx.put("side", l.side());
                        ctx.put("trade_id", f.tradeId());
                        written.add(
                            incidents.write(
                                new Incident(
                                    null,
                                    now,
                                    "protection_lock",
                                    "warning",
                                    Rule.PAIR_LOCKED.name(),
                                    "protection locked "
                                        + (l.isGlobal() ? "every pair" : l.pair())
                                        + ": "
                                        + l.reason(),
                                    ctx,
                                    correlationId)));
                      }
                    } catch (java.sql.SQLException e) {
                      throw new IllegalStateException(e);
                    }
                  });
          for (Incident i : written) {
            incidents.announce(i, RiskEventType.INCIDENT, null);
          }
          return;
        }
      } catch (RuntimeException e) {
        engine.reset(); // the book may hold the uncommitted effect: reload it from the database
        Log.errorf("fill %s not applied (attempt %d): %s", f.id(), attempt, e.getMessage());
        if (attempt >= attempts) {
          throw e;
        }
      } finally {
        lock.unlock();
      }
      if (attempt >= attempts) {
        throw new StateUnavailableException();
      }
      sleep(1000);
    }
  }

  // ------------------------------------------------------------------ candles

  /** Moves the candle clocks forward and persists the markets that moved. */
  public void onCandles(List<Candle> candles) {
    Map<String, Long> newest = new HashMap<>();
    for (Candle c : candles) {
      newest.merge(
          Topics.key(c.exchange(), c.pair()) + "|" + c.timeframe(),
          c.openTime().toEpochMilli(),
          Math::max);
    }
    if (newest.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      try {
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  try {
                    store.saveClocks(newest);
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
      } catch (RuntimeException e) {
        Log.warnf("candle clocks not persisted: %s", e.getMessage());
      }
      if (engine.loaded()) {
        newest.forEach(
            (k, t) -> {
              int bar = k.lastIndexOf('|');
              engine.restoreClock(k.substring(0, bar), k.substring(bar + 1), t);
            });
      }
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ circuit breaker

  public CircuitBreaker enableCircuitBreaker(
      String reason, BigDecimal minutes, String correlationId) {
    return withBook(
        e -> {
          Instant now = clock.instant();
          Instant until =
              minutes == null
                  ? null
                  : now.plusMillis(minutes.multiply(BigDecimal.valueOf(60_000)).longValue());
          CircuitBreaker cb = new CircuitBreaker(true, reason, now, until);
          Map<String, String> ctx = new LinkedHashMap<>();
          ctx.put("reason", reason);
          ctx.put("until", until == null ? "until disabled" : until.toString());
          if (minutes != null) {
            ctx.put("minutes", minutes.stripTrailingZeros().toPlainString());
          }
          Incident i =
              switchCircuitBreaker(
                  cb,
                  new Incident(
                      null,
                      now,
                      "circuit_breaker",
                      "critical",
                      Rule.CIRCUIT_BREAKER_OPEN.name(),
                      "circuit breaker enabled: " + reason,
                      ctx,
                      correlationId));
          incidents.announce(i, RiskEventType.CIRCUIT_BREAKER_ENABLED, until);
          return cb;
        });
  }

  public CircuitBreaker disableCircuitBreaker(String why, String correlationId) {
    return withBook(e -> disable(why, clock.instant(), correlationId));
  }

  private CircuitBreaker disable(String why, Instant now, String correlationId) {
    CircuitBreaker current = engine.circuitBreaker();
    if (!current.enabled()) {
      return current;
    }
    CircuitBreaker cb = new CircuitBreaker(false, why, now, null);
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("previous_reason", String.valueOf(current.reason()));
    ctx.put("enabled_at", current.changedAt().toString());
    Incident i =
        switchCircuitBreaker(
            cb,
            new Incident(
                null,
                now,
                "circuit_breaker",
                "info",
                null,
                "circuit breaker disabled: " + why,
                ctx,
                correlationId));
    incidents.announce(i, RiskEventType.CIRCUIT_BREAKER_DISABLED, null);
    return cb;
  }

  private Incident switchCircuitBreaker(CircuitBreaker cb, Incident incident) {
    Incident[] written = new Incident[1];
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try {
                store.saveCircuitBreaker(cb);
                written[0] = incidents.write(incident);
              } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    engine.setCircuitBreaker(cb);
    metrics.circuitBreaker(cb);
    return written[0];
  }

  private void expireCircuitBreakerIfLapsed(Instant now) {
    CircuitBreaker cb = engine.circuitBreaker();
    if (cb.lapsedAt(now)) {
      disable("expired after its duration (was: " + cb.reason() + ")", now, null);
    }
  }

  /**
   * Auto-expiry: a circuit breaker enabled for N minutes is disabled (and announced) when they
   * pass.
   */
  @Scheduled(
      every = "${risk.circuit-breaker-tick:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void tick() {
    lock.lock();
    try {
      if (ensureLoaded()) {
        expireCircuitBreakerIfLapsed(clock.instant());
      }
    } catch (RuntimeException e) {
      Log.warnf("circuit breaker tick failed: %s", e.getMessage());
    } finally {
      lock.unlock();
    }
  }

  // ------------------------------------------------------------------ helpers for other adapters

  public Instant now() {
    return clock.instant();
  }

  public RiskConfig config() {
    return config;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StateUnavailableException();
    }
  }
}
