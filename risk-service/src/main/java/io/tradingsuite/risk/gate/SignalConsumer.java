package io.tradingsuite.risk.gate;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingsuite.contracts.InvalidMessageException;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Consumes {@code strategy.signals.v1} in batches (one database transaction per poll, which is what
 * makes thousands of decisions per second possible on SQLite), decides in order and publishes the
 * decisions. The method returns, and so the offsets are committed, only after the broker
 * acknowledged every decision; a crash before that redelivers the signals, which get their stored
 * decisions back.
 *
 * <p>Records are decoded here rather than by the connector so that one poison record does not send
 * a whole batch to the dead-letter topic: an undecodable or invalid signal goes alone to {@code
 * strategy.signals.v1.dlq} with the reason in its headers.
 */
@ApplicationScoped
public class SignalConsumer {

  @Inject RiskService risk;
  @Inject DecisionPublisher publisher;

  @Inject
  @Channel("signals-dlq")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
  Emitter<String> deadLetters;

  @Incoming("signals")
  @Blocking
  public void onSignals(ConsumerRecords<String, String> records) {
    long received = System.nanoTime();
    List<Signal> signals = new ArrayList<>(records.count());
    Map<String, String> correlation = new HashMap<>();
    Map<String, Context> traces = new HashMap<>();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      try {
        if (r.value() == null) {
          throw new InvalidMessageException(InvalidMessageException.ROOT, "empty message");
        }
        Signal s =
            MessageCodec.instance()
                .decode(r.value().getBytes(StandardCharsets.UTF_8), Signal.class);
        signals.add(s);
        String corr = KafkaMessages.header(r.headers(), MessageHeaders.CORRELATION_ID);
        correlation.putIfAbsent(s.id(), corr != null ? corr : UUID.randomUUID().toString());
        traces.putIfAbsent(s.id(), MessageTracer.parentOf(r.headers()));
      } catch (InvalidMessageException e) {
        sent.add(deadLetter(r, e));
      }
    }
    if (!signals.isEmpty()) {
      for (RiskService.Outcome o : risk.decide(signals, received)) {
        sent.add(
            publisher.publish(
                o.decision(),
                o.signal(),
                correlation.get(o.signal().id()),
                traces.get(o.signal().id())));
      }
    }
    // offsets are committed after this returns: wait until every decision is on the broker
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .exceptionally(
            err -> {
              Log.errorf(
                  "some decisions were not acknowledged by the broker: %s", err.getMessage());
              return null;
            })
        .join();
  }

  private CompletableFuture<Void> deadLetter(
      ConsumerRecord<String, String> r, InvalidMessageException e) {
    Log.warnf(
        "signal at %s-%d@%d refused: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
    RecordHeaders headers = new RecordHeaders();
    r.headers().forEach(headers::add);
    headers.add("dead-letter-reason", bytes(e.getMessage()));
    headers.add("dead-letter-exception-class-name", bytes(e.getClass().getName()));
    headers.add("dead-letter-topic", bytes(r.topic()));
    headers.add("dead-letter-partition", bytes(String.valueOf(r.partition())));
    headers.add("dead-letter-offset", bytes(String.valueOf(r.offset())));
    headers.add(MessageHeaders.ERROR, bytes(e.getMessage()));
    if (e.field() != null) {
      headers.add(MessageHeaders.ERROR_FIELD, bytes(e.field()));
    }
    CompletableFuture<Void> acked = new CompletableFuture<>();
    Message<String> m =
        Message.of(r.value() == null ? "" : r.value())
            .addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(r.key())
                    .withHeaders(headers)
                    .build())
            .withAck(
                () -> {
                  acked.complete(null);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                f -> {
                  acked.completeExceptionally(f);
                  return CompletableFuture.completedFuture(null);
                });
    deadLetters.send(m);
    return acked;
  }

  private static byte[] bytes(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
