package io.tradingsuite.risk.gate;

import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.support.kafka.KafkaMessages;
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

  /** Completes when the broker acknowledged the decision (acks=all). */
  public CompletableFuture<Void> publish(
      RiskDecision d, String exchange, String pair, String correlationId) {
    return send(decisions, KafkaMessages.keyed(d, Topics.key(exchange, pair), correlationId));
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
