package io.tradingsuite.execution.kafka;

import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes force-exit signals on {@code strategy.signals.v1}: risk-service decides on them like on
 * any exit.
 */
@ApplicationScoped
public class SignalPublisher {
  @Inject
  @Channel("signals-out")
  Emitter<Signal> emitter;

  /** Completes when the broker acknowledged the signal. */
  public CompletableFuture<Void> publish(Signal signal) {
    MessageValidator.validate(signal);
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<Signal> m =
        KafkaMessages.keyed(signal, Topics.key(signal.exchange(), signal.pair()))
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                e -> {
                  acked.completeExceptionally(e);
                  return CompletableFuture.completedFuture(null);
                });
    emitter.send(m);
    return acked;
  }
}
