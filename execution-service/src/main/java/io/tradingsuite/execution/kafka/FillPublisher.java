package io.tradingsuite.execution.kafka;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.metrics.ExecutionMetrics;
import io.tradingsuite.execution.tracing.OrderTraces;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The outbox relay: fills are committed with their effect first, then published here; the broker's
 * ack marks them published. What was not acknowledged (crash, broker down) is published again at
 * start-up and by a periodic sweep, under the same fill id, so consumers dedupe it.
 */
@ApplicationScoped
public class FillPublisher {
  @Inject
  @Channel("fills-out")
  @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
  Emitter<Fill> emitter;

  @Inject ExecutionEngine engine;
  @Inject MessageTracer tracer;
  @Inject OrderTraces orderTraces;
  @Inject ExecutionMetrics metrics;

  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  public void publish(List<Fill> fills) {
    for (Fill f : fills) {
      if (!inFlight.add(f.id())) {
        continue;
      }
      Message<Fill> m =
          traced(KafkaMessages.keyed(f, Topics.key(f.exchange(), f.pair())), f)
              .withAck(
                  () -> {
                    // marked published by the engine's next transaction
                    engine.acknowledged(f.id());
                    inFlight.remove(f.id());
                    return CompletableFuture.completedFuture(null);
                  })
              .withNack(
                  e -> {
                    inFlight.remove(f.id());
                    Log.warnf("fill %s not acknowledged, will retry: %s", f.id(), e.getMessage());
                    return CompletableFuture.completedFuture(null);
                  });
      try {
        emitter.send(m);
        metrics.published(f);
      } catch (RuntimeException e) {
        // the fill is safe in the outbox; the sweep publishes it again
        inFlight.remove(f.id());
        Log.warnf("fill %s not sent now, the outbox sweep will retry: %s", f.id(), e.getMessage());
      }
    }
  }

  /**
   * A fill continues its order's trace (the decision's, so the candle that caused the signal); the
   * candle whose arrival made the fill, current here, is linked.
   */
  private Message<Fill> traced(Message<Fill> m, Fill f) {
    Context order = orderTraces.of(f.clientOrderId(), f.decisionId());
    Context parent = order != null ? order : Context.current();
    return tracer.traced(
        m,
        parent,
        order != null ? List.of(Span.current().getSpanContext()) : List.of(),
        "fill " + String.valueOf(f.status()).toLowerCase(java.util.Locale.ROOT),
        "fill_id",
        f.id(),
        "client_order_id",
        f.clientOrderId(),
        "decision_id",
        f.decisionId(),
        "trade_id",
        f.tradeId(),
        "exchange",
        f.exchange(),
        "pair",
        f.pair(),
        "side",
        String.valueOf(f.side()),
        "status",
        String.valueOf(f.status()),
        "exit_reason",
        f.exitReason());
  }

  /**
   * Marks acknowledged fills published when no input did it (while inputs flow, each input
   * transaction marks those acknowledged before it, at no extra commit).
   */
  @Scheduled(
      every = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void flushAcks() {
    try {
      engine.flushAcknowledged();
    } catch (RuntimeException e) {
      Log.warnf("could not mark acknowledged fills published: %s", e.getMessage());
    }
  }

  @Scheduled(
      every = "5s",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void sweep() {
    flushAcks();
    republishPending(3_000);
  }

  /**
   * Publishes stored fills that were never acknowledged and are at least {@code minAgeMillis} old.
   */
  public void republishPending(long minAgeMillis) {
    try {
      List<Fill> pending = engine.unpublishedFills(1000, System.currentTimeMillis() - minAgeMillis);
      pending.removeIf(f -> inFlight.contains(f.id()) || engine.isAcknowledged(f.id()));
      if (!pending.isEmpty()) {
        Log.infof(
            "publishing %d stored fills again (publish not acknowledged before)", pending.size());
        publish(pending);
      }
    } catch (RuntimeException e) {
      Log.warnf("outbox sweep failed: %s", e.getMessage());
    }
  }

  public int inFlight() {
    return inFlight.size();
  }
}
