package io.tradingsuite.marketdata.publish;

import io.opentelemetry.context.Context;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageValidator;
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

/** Publishes candles on {@code market.candles.v1}, keyed by market so one pair stays in order. */
@ApplicationScoped
public class CandlePublisher {

  // replays keep up to a batch in flight before waiting for acknowledgements
  @Inject
  @Channel("candles-out")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 2048)
  Emitter<Candle> emitter;

  @Inject MessageTracer tracer;

  /** Completes when the broker has acknowledged the candle (acks=all). */
  public CompletableFuture<Void> publish(Candle candle) {
    MessageValidator.validate(candle);
    CompletableFuture<Void> acked = new CompletableFuture<>();
    // every candle starts its own trace: the signal, decision and fill it causes join it
    Message<Candle> message =
        tracer
            .traced(
                KafkaMessages.keyed(candle, Topics.key(candle.exchange(), candle.pair())),
                Context.root(),
                "candle publish",
                "exchange",
                candle.exchange(),
                "pair",
                candle.pair(),
                "timeframe",
                candle.timeframe(),
                "candle_time",
                candle.openTime().toString())
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
