package io.tradingsuite.execution.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.InvalidMessageException;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.execution.config.EngineLifecycle;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.engine.ExecutionEngine.ItemScope;
import io.tradingsuite.execution.engine.ExecutionEngine.Outcome;
import io.tradingsuite.execution.live.LiveDispatcher;
import io.tradingsuite.execution.tracing.OrderTraces;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * The three inputs, a poll at a time: the records of one poll are handled in order in one database
 * transaction (dedupe included, see {@link ExecutionEngine}), and the method returns - so the
 * offsets are committed - only after that commit. The fills the poll produced are published after
 * the commit (the outbox relay retries what the broker does not acknowledge).
 *
 * <p>Records are decoded here rather than by the connector, so that one poison record does not send
 * a whole poll to the dead-letter topic: an undecodable record goes alone to {@code <topic>.dlq}
 * with the reason in its headers. If the poll's transaction fails, its records are handled again
 * one transaction each, and a record that fails alone goes to the dead-letter topic, as it did when
 * every record had its own transaction.
 */
@ApplicationScoped
public class Consumers {
  @Inject ExecutionEngine engine;
  @Inject FillPublisher fills;
  @Inject LiveDispatcher live;
  @Inject EngineLifecycle lifecycle;
  @Inject MessageTracer tracer;
  @Inject OrderTraces orderTraces;

  @Inject
  @Channel("decisions-dlq")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
  Emitter<String> decisionDeadLetters;

  @Inject
  @Channel("signals-dlq")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
  Emitter<String> signalDeadLetters;

  @Inject
  @Channel("candles-dlq")
  @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 10000)
  Emitter<String> candleDeadLetters;

  /**
   * A call of the engine for inputs {@code from..to} of a poll; {@code traces[i]} is set to the
   * context record {@code from + i} was handled under.
   */
  @FunctionalInterface
  private interface EngineCall {
    Outcome apply(int from, int to, Context[] traces);
  }

  @Incoming("decisions")
  @Blocking
  public void onDecisions(ConsumerRecords<String, String> records) {
    lifecycle.awaitReady();
    List<ConsumerRecord<String, String>> accepted = new ArrayList<>(records.count());
    List<RiskDecision> decisions = new ArrayList<>(records.count());
    List<List<String>> problems = new ArrayList<>(records.count());
    List<CompletableFuture<Void>> dead = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      try {
        RiskDecision d = decodeLeniently(r.value());
        accepted.add(r);
        decisions.add(d);
        problems.add(MessageValidator.problems(d));
      } catch (RuntimeException e) {
        dead.add(deadLetter(decisionDeadLetters, r, e));
      }
    }
    handle(
        accepted,
        (from, to, traces) ->
            engine.onDecisions(
                decisions.subList(from, to),
                problems.subList(from, to),
                i -> decisionScope(accepted.get(from + i), decisions.get(from + i), traces, i)),
        decisionDeadLetters,
        dead);
    awaitAll(dead);
  }

  private ItemScope decisionScope(
      ConsumerRecord<String, String> r, RiskDecision d, Context[] traces, int i) {
    return scope(
        r,
        traces,
        i,
        "decision execute",
        h -> {
          if (d.order() != null) {
            h.attribute("decision_id", d.id())
                .attribute("client_order_id", d.order().clientOrderId())
                .attribute("pair", d.order().pair());
            orderTraces.placed(d.order().clientOrderId(), d.id(), Context.current());
          }
        });
  }

  @Incoming("candles")
  @Blocking
  public void onCandles(ConsumerRecords<String, String> records) {
    lifecycle.awaitReady();
    List<ConsumerRecord<String, String>> accepted = new ArrayList<>(records.count());
    List<Candle> candles = new ArrayList<>(records.count());
    List<CompletableFuture<Void>> dead = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      try {
        candles.add(decode(r, Candle.class));
        accepted.add(r);
      } catch (RuntimeException e) {
        dead.add(deadLetter(candleDeadLetters, r, e));
      }
    }
    handle(
        accepted,
        (from, to, traces) ->
            engine.onCandles(
                candles.subList(from, to),
                i -> {
                  Candle c = candles.get(from + i);
                  return scope(
                      accepted.get(from + i),
                      traces,
                      i,
                      "candle fill",
                      h ->
                          h.attribute("exchange", c.exchange())
                              .attribute("pair", c.pair())
                              .attribute("candle_time", String.valueOf(c.openTime())));
                }),
        candleDeadLetters,
        dead);
    awaitAll(dead);
  }

  @Incoming("signals")
  @Blocking
  public void onSignals(ConsumerRecords<String, String> records) {
    lifecycle.awaitReady();
    List<ConsumerRecord<String, String>> accepted = new ArrayList<>(records.count());
    List<Signal> signals = new ArrayList<>(records.count());
    List<CompletableFuture<Void>> dead = new ArrayList<>();
    for (ConsumerRecord<String, String> r : records) {
      try {
        signals.add(decode(r, Signal.class));
        accepted.add(r);
      } catch (RuntimeException e) {
        dead.add(deadLetter(signalDeadLetters, r, e));
      }
    }
    handle(
        accepted,
        (from, to, traces) ->
            engine.onSignals(
                signals.subList(from, to),
                i -> scope(accepted.get(from + i), traces, i, "signal watch", h -> {})),
        signalDeadLetters,
        dead);
    awaitAll(dead);
  }

  /**
   * The whole poll in one transaction; if that fails, one transaction per record, and a record that
   * fails alone is dead-lettered (the others are handled).
   */
  private void handle(
      List<ConsumerRecord<String, String>> records,
      EngineCall call,
      Emitter<String> deadLetters,
      List<CompletableFuture<Void>> dead) {
    if (records.isEmpty()) {
      return;
    }
    Outcome all = null;
    Context[] traces = new Context[records.size()];
    try {
      all = call.apply(0, records.size(), traces);
    } catch (RuntimeException e) {
      if (records.size() == 1) {
        dead.add(deadLetter(deadLetters, records.get(0), e));
        return;
      }
      Log.warnf(
          "a poll of %d records from %s failed as a whole (%s); handling them one at a time",
          records.size(), records.get(0).topic(), e.getMessage());
    }
    if (all != null) {
      deliver(all, traces);
      return;
    }
    for (int i = 0; i < records.size(); i++) {
      Outcome one;
      Context[] trace = new Context[1];
      try {
        one = call.apply(i, i + 1, trace);
      } catch (RuntimeException e) {
        dead.add(deadLetter(deadLetters, records.get(i), e));
        continue;
      }
      deliver(one, trace);
    }
  }

  /**
   * The effect is committed: its fills are published (a failed publish is retried by the outbox
   * sweep, never a reason to nack), each under the trace of the record that made it, and its live
   * orders sent.
   */
  private void deliver(Outcome out, Context[] traces) {
    List<Fill> all = out.fills();
    List<Integer> sources = out.fillSources();
    boolean sourced = sources.size() == all.size();
    int from = 0;
    while (from < all.size()) {
      int to = sourced ? from + 1 : all.size();
      while (to < all.size() && sources.get(to).equals(sources.get(from))) {
        to++;
      }
      Context trace = sourced ? traces[sources.get(from)] : null;
      try (Scope ignored = (trace != null ? trace : Context.current()).makeCurrent()) {
        fills.publish(all.subList(from, to));
      } catch (RuntimeException e) {
        Log.warnf(
            "publishing %d fills failed, the outbox sweep retries: %s", to - from, e.getMessage());
      }
      from = to;
    }
    live.send(out.toSend());
  }

  /** What a handling span needs besides its name: attributes, the order's trace. */
  @FunctionalInterface
  private interface SpanSetup {
    void accept(MessageTracer.Handling h);
  }

  /**
   * The handling of one record of a poll: its correlation id in the log context and a span that is
   * a child of the record's publisher, current while the engine handles that record.
   */
  private ItemScope scope(
      ConsumerRecord<String, String> r, Context[] traces, int index, String name, SpanSetup setup) {
    KafkaMessages.adoptCorrelation(r.headers());
    MessageTracer.Handling h = tracer.handle(name, r.headers());
    traces[index] = Context.current();
    try {
      setup.accept(h);
    } catch (RuntimeException e) {
      h.close();
      KafkaMessages.clearCorrelation();
      throw e;
    }
    return () -> {
      h.close();
      KafkaMessages.clearCorrelation();
    };
  }

  /** Offsets are committed after the method returns: the dead letters must be on the broker. */
  private static void awaitAll(List<CompletableFuture<Void>> sent) {
    if (sent.isEmpty()) {
      return;
    }
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
        .exceptionally(
            err -> {
              Log.errorf("dead letters not acknowledged by the broker: %s", err.getMessage());
              return null;
            })
        .join();
  }

  private CompletableFuture<Void> deadLetter(
      Emitter<String> deadLetters, ConsumerRecord<String, String> r, RuntimeException e) {
    Log.warnf(
        "record at %s-%d@%d refused, to the dead-letter topic: %s",
        r.topic(), r.partition(), r.offset(), e.getMessage());
    RecordHeaders headers = new RecordHeaders();
    r.headers().forEach(headers::add);
    headers.add("dead-letter-reason", bytes(e.getMessage()));
    headers.add("dead-letter-exception-class-name", bytes(e.getClass().getName()));
    headers.add("dead-letter-topic", bytes(r.topic()));
    headers.add("dead-letter-partition", bytes(String.valueOf(r.partition())));
    headers.add("dead-letter-offset", bytes(String.valueOf(r.offset())));
    headers.add(MessageHeaders.ERROR, bytes(e.getMessage()));
    if (e instanceof InvalidMessageException ime && ime.field() != null) {
      headers.add(MessageHeaders.ERROR_FIELD, bytes(ime.field()));
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

  private static <T extends io.tradingsuite.contracts.ContractMessage> T decode(
      ConsumerRecord<String, String> r, Class<T> type) {
    if (r.value() == null) {
      throw new InvalidMessageException(InvalidMessageException.ROOT, "empty message");
    }
    return MessageCodec.instance().decode(r.value().getBytes(StandardCharsets.UTF_8), type);
  }

  /**
   * Reads a decision without refusing it for breaking a contract rule, so that the engine can
   * answer an invalid order (a negative amount, say) with a REJECTED fill that names the field.
   * Only what cannot be answered at all (not JSON, no ids) is thrown to the dead-letter queue.
   */
  static RiskDecision decodeLeniently(String json) {
    if (json == null || json.isBlank()) {
      throw new InvalidMessageException("$", "empty message");
    }
    if (json.length() > MessageCodec.MAX_MESSAGE_BYTES) {
      throw new InvalidMessageException("$", "message too large");
    }
    RiskDecision d;
    try {
      d = MessageCodec.instance().mapper().readValue(json, RiskDecision.class);
    } catch (JsonProcessingException e) {
      // not readable even leniently: the strict codec names the problem
      return MessageCodec.instance().decode(json, RiskDecision.class);
    }
    if (d == null
        || blank(d.id())
        || blank(d.signalId())
        || (d.approved()
            && (d.order() == null
                || blank(d.order().clientOrderId())
                || blank(d.order().pair())
                || d.order().exchange() == null))) {
      throw new InvalidMessageException(
          "$",
          "decision cannot be answered: " + (d == null ? "null" : MessageValidator.problems(d)));
    }
    if (d.approved()) {
      try {
        io.tradingsuite.contracts.Topics.key(d.order().exchange(), d.order().pair());
      } catch (IllegalArgumentException e) {
        throw new InvalidMessageException("order.pair", e.getMessage());
      }
    }
    return d;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
