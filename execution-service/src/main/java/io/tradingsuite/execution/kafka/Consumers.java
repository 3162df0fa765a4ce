package io.tradingsuite.execution.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.InvalidMessageException;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.execution.config.EngineLifecycle;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.live.LiveDispatcher;
import io.tradingsuite.execution.tracing.OrderTraces;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The three inputs. Each record is handled in one database transaction (dedupe included) before its
 * offset is acknowledged; the fills it produced are published after the commit. A record that
 * cannot be handled throws and goes to its topic's dead-letter queue.
 */
@ApplicationScoped
public class Consumers {
  @Inject ExecutionEngine engine;
  @Inject FillPublisher fills;
  @Inject LiveDispatcher live;
  @Inject EngineLifecycle lifecycle;
  @Inject MessageTracer tracer;
  @Inject OrderTraces orderTraces;

  /**
   * The effect is committed; a failed publish is retried by the outbox sweep, never a reason to
   * nack.
   */
  private void publish(java.util.List<io.tradingsuite.contracts.Fill> out) {
    try {
      fills.publish(out);
    } catch (RuntimeException e) {
      io.quarkus.logging.Log.warnf(
          "publishing %d fills failed, the outbox sweep retries: %s", out.size(), e.getMessage());
    }
  }

  @Incoming("decisions")
  @Blocking
  public void onDecision(ConsumerRecord<String, String> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try (MessageTracer.Handling h = tracer.handle("decision execute", record.headers())) {
      lifecycle.awaitReady();
      RiskDecision d = decodeLeniently(record.value());
      if (d.order() != null) {
        h.attribute("decision_id", d.id())
            .attribute("client_order_id", d.order().clientOrderId())
            .attribute("pair", d.order().pair());
        orderTraces.placed(d.order().clientOrderId(), d.id(), Context.current());
      }
      ExecutionEngine.Outcome out = engine.onDecision(d, MessageValidator.problems(d));
      publish(out.fills());
      live.send(out.toSend());
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming("candles")
  @Blocking
  public void onCandle(ConsumerRecord<String, Candle> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    Candle c = record.value();
    try (MessageTracer.Handling h =
        tracer.handle(
            "candle fill",
            record.headers(),
            "exchange",
            c.exchange(),
            "pair",
            c.pair(),
            "candle_time",
            String.valueOf(c.openTime()))) {
      lifecycle.awaitReady();
      ExecutionEngine.Outcome out = engine.onCandle(c);
      publish(out.fills());
      live.send(out.toSend());
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming("signals")
  @Blocking
  public void onSignal(ConsumerRecord<String, Signal> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try (MessageTracer.Handling h = tracer.handle("signal watch", record.headers())) {
      lifecycle.awaitReady();
      publish(engine.onSignal(record.value()).fills());
    } finally {
      KafkaMessages.clearCorrelation();
    }
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
    List<String> problems = MessageValidator.problems(d);
    if (d == null
        || blank(d.id())
        || blank(d.signalId())
        || (d.approved()
            && (d.order() == null
                || blank(d.order().clientOrderId())
                || blank(d.order().pair())
                || d.order().exchange() == null))) {
      throw new InvalidMessageException("$", "decision cannot be answered: " + problems);
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
