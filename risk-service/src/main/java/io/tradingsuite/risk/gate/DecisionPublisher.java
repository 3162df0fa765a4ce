package io.tradingsuite.risk.gate;

import io.opentelemetry.context.Context;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes decisions on {@code risk.decisions.v1} (keyed by market) and events on {@code
 * risk.events.v1}.
 */
@ApplicationScoped
public class DecisionPublisher {

  @Inject
  @Channel("decisions-out")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20000)
  Emitter<RiskDecision> decisions;

  @Inject
  @Channel("risk-events-out")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1000)
  Emitter<RiskEvent> events;

  @Inject MessageTracer tracer;

  /**
   * Completes when the broker acknowledged the decision (acks=all). Its span is a child of {@code
   * parent}, the context the signal was published under, so the decision joins the signal's trace.
   */
  public CompletableFuture<Void> publish(
      RiskDecision d, Signal signal, String correlationId, Context parent) {
    return send(
        decisions,
        tracer.traced(
            KafkaMessages.keyed(d, Topics.key(signal.exchange(), signal.pair()), correlationId),
            parent,
            "decision " + (d.approved() ? "approved" : "denied"),
            "decision_id",
            d.id(),
            "signal_id",
            d.signalId(),
            "strategy",
            signal.strategy(),
            "exchange",
            signal.exchange(),
            "pair",
            signal.pair(),
            "decision_outcome",
            d.approved() ? "approved" : "denied",
            "decision_rule",
            d.rule(),
            "client_order_id",
            d.order() == null ? null : d.order().clientOrderId()));
  }

  public CompletableFuture<Void> publish(RiskEvent e, String correlationId) {
    return send(events, KafkaMessages.keyed(e, "risk", correlationId));
  }

  private static <T> CompletableFuture<Void> send(Emitter<T> emitter, Message<T> message) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    emitter.send(
        message
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                }));
    return acked;
  }
}
