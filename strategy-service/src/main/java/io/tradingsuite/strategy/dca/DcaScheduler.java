package io.tradingsuite.strategy.dca;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.marketdata.MarketDataClient;
import io.tradingsuite.strategy.metrics.StrategyMetrics;
import io.tradingsuite.support.db.SchemaMigrator;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Runs the plans: every {@code suite.dca.tick} it asks each plan what is due on the {@link
 * DcaClock}, and for each due buy stores it (moving the plan's cursor in the same transaction),
 * publishes its {@code enter_long} on {@code strategy.signals.v1} and waits for the broker's ack. A
 * buy stored but not acknowledged (crash, broker down) is sent again under the same id while it is
 * within the grace, else reported missed; due times that passed while nothing ran are reported
 * missed, never bought late. Missed runs and denied buys are told to operators as incidents on
 * {@code risk.events.v1} (notification-service forwards them). Risk decisions and fills of the buys
 * are recorded in the plan's history.
 */
@ApplicationScoped
public class DcaScheduler {

  public static final String SIGNALS_CHANNEL = "dca-signals-out";
  public static final String EVENTS_CHANNEL = "dca-events-out";

  @Inject DcaStore store;
  @Inject DcaClock clock;
  @Inject MarketDataClient marketData;
  @Inject StrategyMetrics metrics;

  @Inject @Readiness SchemaMigrator schema; // qualified: it is the readiness check too

  @Inject
  @Channel(SIGNALS_CHANNEL)
  Emitter<Signal> signals;

  @Inject
  @Channel(EVENTS_CHANNEL)
  Emitter<RiskEvent> events;

  @ConfigProperty(name = "suite.dca.enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "suite.dca.tick", defaultValue = "PT5S")
  Duration tick;

  @ConfigProperty(name = "suite.dca.grace", defaultValue = "PT5M")
  Duration grace;

  @ConfigProperty(name = "suite.dca.publish-timeout", defaultValue = "PT15S")
  Duration publishTimeout;

  private static final int STORE_ATTEMPTS = 30;

  private final Object tickLock = new Object();
  private ScheduledExecutorService executor;

  /** After the schema migration (which observes start-up at the default priority). */
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent ev) {
    if (enabled) {
      start();
    } else {
      Log.info("dca plans: scheduler disabled (suite.dca.enabled=false)");
    }
  }

  void onStop(@Observes ShutdownEvent ev) {
    stop();
  }

  /** Starts ticking; the plans' state is all in the database, so a restart resumes where it was. */
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dca-scheduler");
              t.setDaemon(true);
              return t;
            });
    // runs until the executor is shut down; safeTick logs its own failures
    var unused =
        executor.scheduleWithFixedDelay(this::safeTick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Stops ticking and waits for a tick in progress to finish. */
  public synchronized void stop() {
    if (executor == null) {
      return;
    }
    executor.shutdown();
    try {
      if (!executor.awaitTermination(publishTimeout.toMillis() * 2, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  public synchronized boolean running() {
    return executor != null;
  }

  public Duration grace() {
    return grace;
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      Log.warnf("dca plans: tick failed, next in %s: %s", tick, e.getMessage());
    }
  }

  /** One pass over every plan at the clock's current time. */
  public void tick() {
    synchronized (tickLock) {
      if (!schema.isMigrated()) {
        return;
      }
      Instant now = clock.instant();
      resend(now);
      for (DcaStore.StoredPlan sp : store.plans(false)) {
        try {
          run(sp, now);
        } catch (RuntimeException e) {
          Log.warnf("dca plan %s: not run this tick: %s", sp.plan().id(), e.getMessage());
        }
      }
      report();
    }
  }

  private void run(DcaStore.StoredPlan sp, Instant now) {
    DcaPlan plan = sp.plan();
    for (DuePlanner.Step step : DuePlanner.steps(plan, sp.cursor(), now, grace)) {
      if (step instanceof DuePlanner.Missed m) {
        missed(plan, m, now);
      } else if (step instanceof DuePlanner.Buy b) {
        buy(plan, b.dueAt(), now);
      }
    }
  }

  private void missed(DcaPlan plan, DuePlanner.Missed m, Instant now) {
    String note =
        (m.atLeast() ? "at least " : "")
            + m.count()
            + " due time(s) passed more than "
            + grace
            + " ago while the scheduler was not running; not bought late";
    DcaBuy row =
        new DcaBuy(
            DcaSignals.signalId(plan.id(), m.from()),
            plan.id(),
            m.from(),
            DcaBuy.MISSED,
            m.until(),
            m.count(),
            null,
            null,
            null,
            note,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    if (store.recordMissed(row)) {
      Log.warnf(
          "dca plan %s: missed %s%d buy(s) of %s on %s due %s .. %s (not bought late)",
          plan.id(),
          m.atLeast() ? "at least " : "",
          m.count(),
          plan.pair(),
          plan.exchange(),
          m.from(),
          m.until());
    }
  }

  private void buy(DcaPlan plan, Instant due, Instant now) {
    Pricing p = pricing(plan, due);
    BigDecimal stake = plan.stakeAmount().multiply(p.multiplier());
    Signal s = DcaSignals.buy(plan, due, stake, p.price(), now);
    MessageValidator.validate(s);
    DcaBuy row =
        new DcaBuy(
            s.id(),
            plan.id(),
            due,
            DcaBuy.SENDING,
            null,
            null,
            stake,
            p.multiplier(),
            p.price(),
            p.note(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            now,
            now);
    if (!store.claimBuy(row)) {
      return;
    }
    send(s);
  }

  private void send(Signal s) {
    try {
      publish(
          signals,
          KafkaMessages.keyed(s, Topics.key(s.exchange(), s.pair()), UUID.randomUUID().toString()));
      metrics.published(s);
      store.markSent(s.id(), clock.instant());
      Log.infof(
          "dca: enter_long %s on %s, stake %s, due candle %s (%s)",
          s.pair(), s.exchange(), s.stakeAmount().toPlainString(), s.candleTime(), s.id());
    } catch (RuntimeException e) {
      Log.warnf(
          "dca: buy %s not acknowledged by the broker (%s); sent again next tick while within %s",
          s.id(), e.getMessage(), grace);
    }
  }

  /**
   * Buys stored as sending whose publication was not confirmed: again within the grace, else
   * missed.
   */
  private void resend(Instant now) {
    for (DcaBuy b : store.sending()) {
      Optional<DcaStore.StoredPlan> sp = store.plan(b.planId());
      if (sp.isEmpty() || sp.get().deletedAt() != null) {
        store.markUnconfirmed(b.id(), "plan deleted before the buy was confirmed; not sent", now);
        continue;
      }
      if (b.dueAt().isBefore(now.minus(grace))) {
        store.markUnconfirmed(
            b.id(),
            "stored but not confirmed by the broker within " + grace + "; not sent late",
            now);
        Log.warnf("dca: buy %s was not confirmed within %s: reported as missed", b.id(), grace);
        continue;
      }
      send(DcaSignals.buy(sp.get().plan(), b.dueAt(), b.stakeAmount(), b.price(), b.createdAt()));
    }
  }

  /** Tells operators of missed runs and denied buys they have not heard of. */
  private void report() {
    for (DcaBuy b : store.unreported()) {
      report(b);
    }
  }

  private void report(DcaBuy b) {
    Optional<DcaStore.StoredPlan> sp = store.plan(b.planId());
    if (sp.isEmpty()) {
      return;
    }
    RiskEvent e = incident(sp.get().plan(), b, clock.instant());
    try {
      publish(
          events,
          KafkaMessages.keyed(
              e,
              Topics.key(sp.get().plan().exchange(), sp.get().plan().pair()),
              UUID.randomUUID().toString()));
      store.markReported(b.id(), clock.instant());
    } catch (RuntimeException ex) {
      Log.warnf(
          "dca: incident %s not published yet (%s); retried next tick", e.id(), ex.getMessage());
    }
  }

  /** The incident for a missed run or a denied buy; its id is fixed, so a retry is deduplicated. */
  static RiskEvent incident(DcaPlan plan, DcaBuy b, Instant at) {
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("source", "strategy-service");
    ctx.put("plan_id", plan.id());
    ctx.put("exchange", plan.exchange());
    ctx.put("pair", plan.pair());
    ctx.put("due_at", b.dueAt().toString());
    String id;
    String reason;
    if (DcaBuy.DENIED.equals(b.decision())) {
      // one incident per signal and rule: a redelivered decision is deduplicated downstream
      id = "dca-denied-" + b.id() + "-" + (b.rule() == null ? "unknown" : b.rule());
      ctx.put("kind", "dca_buy_denied");
      ctx.put("signal_id", b.id());
      if (b.rule() != null) {
        ctx.put("rule", b.rule());
      }
      if (!b.reasons().isEmpty()) {
        ctx.put("reasons", String.join(", ", b.reasons()));
      }
      reason =
          "DCA buy of "
              + plan.pair()
              + " on "
              + plan.exchange()
              + " due "
              + b.dueAt()
              + " denied by risk-service: "
              + (b.rule() == null ? "?" : b.rule());
    } else {
      id = "dca-missed-" + b.id();
      ctx.put("kind", "dca_missed");
      long count = b.missedCount() == null ? 1 : b.missedCount();
      ctx.put("missed_count", String.valueOf(count));
      if (b.missedUntil() != null) {
        ctx.put("missed_until", b.missedUntil().toString());
      }
      reason =
          "DCA plan "
              + plan.id()
              + " missed "
              + count
              + " buy(s) of "
              + plan.pair()
              + " on "
              + plan.exchange()
              + " due from "
              + b.dueAt()
              + (b.note() == null ? "" : ": " + b.note());
    }
    return new RiskEvent(id, RiskEventType.INCIDENT, reason, "warning", ctx, null, at);
  }

  // ------------------------------------------------------------------ decisions and fills

  /** A risk decision on a DCA signal (from {@code risk.decisions.v1}). */
  public void onDecision(RiskDecision d) {
    awaitSchema();
    Optional<DcaBuy> b =
        withRetry(
            "decision on " + d.signalId(),
            () ->
                store.recordDecision(
                    d.signalId(),
                    d.approved(),
                    d.rule(),
                    d.reasons(),
                    d.id(),
                    d.order() == null ? null : d.order().tradeId(),
                    clock.instant()));
    if (b.isEmpty()) {
      return;
    }
    Log.infof(
        "dca: buy %s %s%s",
        d.signalId(),
        d.approved() ? "approved" : "denied",
        d.approved() ? "" : " (" + d.rule() + ")");
    if (b.get().needsReport()) {
      synchronized (tickLock) {
        report(b.get());
      }
    }
  }

  /** A fill of a DCA buy (from {@code execution.fills.v1}). */
  public void onFill(Fill f) {
    awaitSchema();
    withRetry(
        "fill of " + f.signalId(),
        () ->
            store.recordFill(
                f.signalId(),
                f.status().name().toLowerCase(Locale.ROOT),
                f.price(),
                f.amount(),
                f.fee(),
                f.tradeId(),
                clock.instant()));
  }

  /**
   * The database may be away for a moment: retry for half a minute before giving up on a record.
   */
  private <T> T withRetry(String what, Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (IllegalStateException e) {
        if (attempt >= STORE_ATTEMPTS) {
          Log.errorf("dca: %s not recorded, database unavailable: %s", what, e.getMessage());
          throw e;
        }
        try {
          Thread.sleep(1000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private void awaitSchema() {
    while (!schema.isMigrated()) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the database schema", e);
      }
    }
  }

  // ------------------------------------------------------------------ market data

  /** The multiplier, the last close and what was noted on the way. */
  record Pricing(BigDecimal multiplier, BigDecimal price, String note) {}

  /**
   * Reads the candles closed by the due time from market-data-service: the last close is the
   * signal's price, and the dip rule decides on them. Without them the buy goes ahead at the plain
   * stake (risk-service still refuses it when the market's candles are stale).
   */
  Pricing pricing(DcaPlan plan, Instant due) {
    Instant candle = DcaSignals.candleTime(plan.timeframe(), due);
    int n = plan.dip() == null ? 1 : plan.dip().maPeriod();
    CandleColumns c;
    try {
      c =
          marketData.candles(
              plan.exchange(),
              plan.pair(),
              plan.timeframe(),
              candle.minusMillis((long) (n - 1) * plan.timeframe().millis()),
              candle);
    } catch (RuntimeException e) {
      return new Pricing(
          BigDecimal.ONE,
          BigDecimal.ZERO,
          "no candles from market-data-service: " + e.getMessage());
    }
    if (c.size() == 0) {
      return new Pricing(BigDecimal.ONE, BigDecimal.ZERO, "no stored candle before the due time");
    }
    BigDecimal last = BigDecimal.valueOf(c.close()[c.size() - 1]);
    if (plan.dip() == null) {
      return new Pricing(BigDecimal.ONE, last, null);
    }
    DipRule.Outcome o = plan.dip().apply(c.close(), c.size() - 1);
    String note =
        o.note() != null
            ? "dip: " + o.note()
            : "dip: close "
                + o.close().stripTrailingZeros().toPlainString()
                + (o.dip() ? " below " : " not below ")
                + "SMA("
                + plan.dip().maPeriod()
                + ") "
                + o.average()
                    .setScale(8, RoundingMode.HALF_EVEN)
                    .stripTrailingZeros()
                    .toPlainString();
    return new Pricing(o.multiplier(), last, note);
  }

  // ------------------------------------------------------------------ publishing

  private <T> void publish(Emitter<T> emitter, Message<T> message) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    emitter.send(
        message
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                err -> {
                  acked.completeExceptionally(err);
                  return CompletableFuture.completedFuture(null);
                }));
    try {
      acked.get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing", e);
    } catch (Exception e) {
      throw new IllegalStateException("not acknowledged by the broker: " + e.getMessage(), e);
    }
  }
}
