package io.tradingsuite.marketdata.publish;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/** Publishes candles on {@code market.candles.v1}, keyed by market so one pair stays in order. */
@ApplicationScoped
public class CandlePublisher {

  // replays keep up to a batch in flight before waiting for acknowledgements
  @Inject
  @Channel("candles-out")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
  Emitter<Candle> emitter;

  /** Completes when the broker has acknowledged the candle (acks=all). */
  public CompletableFuture<Void> publish(Candle candle) {
    MessageValidator.validate(candle);
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<Candle> message =
        KafkaMessages.keyed(candle, Topics.key(candle.exchange(), candle.pair()))
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                });
    emitter.send(message);
    return acked;
  }
}
