package io.tradingsuite.strategy.feed;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.live.LiveLoop;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code market.candles.v1}: keeps the newest candle per market (with the trace and
 * correlation id it arrived under) and hands each candle to the {@link LiveLoop}; consumes {@code
 * execution.fills.v1} for the bots' trades and {@code risk.decisions.v1} for denials of their
 * signals. Undecodable or invalid candles and fills never get here: the channels' deserializers
 * refuse them and they land in the {@code .dlq} topics. All run on worker threads, one record at a
 * time per channel.
 */
@ApplicationScoped
public class CandleFeed {

  /** A candle as received, with the context it came in. */
  public record Received(Candle candle, String traceId, String correlationId) {}

  private final Map<String, Received> latest = new ConcurrentHashMap<>();

  @Inject LiveLoop live;
  @Inject MessageTracer tracer;

  @Incoming("candles")
  @Blocking
  public void onCandle(ConsumerRecord<String, Candle> record) {
    Candle candle = record.value();
    String correlationId = KafkaMessages.adoptCorrelation(record.headers());
    try (MessageTracer.Handling h =
        tracer.handle(
            "candle evaluate",
            record.headers(),
            "exchange",
            candle.exchange(),
            "pair",
            candle.pair(),
            "timeframe",
            candle.timeframe(),
            "candle_time",
            candle.openTime().toString())) {
      String traceId = h.span().getSpanContext().getTraceId();
      latest.merge(
          Topics.key(candle.exchange(), candle.pair()) + "|" + candle.timeframe(),
          new Received(candle, traceId, correlationId),
          (old, now) -> now.candle().openTime().isBefore(old.candle().openTime()) ? old : now);
      live.onCandle(candle, correlationId);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming("fills")
  @Blocking
  public void onFill(ConsumerRecord<String, Fill> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      live.onFill(record.value());
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  /**
   * Decisions are only watched here (execution-service acts on them), so one that cannot be read is
   * skipped, not dead-lettered: it cannot be a denial of a bot's signal that matters.
   */
  @Incoming("decisions")
  @Blocking
  public void onDecision(ConsumerRecord<String, String> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      RiskDecision d;
      try {
        d = MessageCodec.instance().decode(record.value(), RiskDecision.class);
      } catch (RuntimeException e) {
        Log.debugf(
            "decision at %s-%d@%d skipped: %s",
            record.topic(), record.partition(), record.offset(), e.getMessage());
        return;
      }
      live.onDecision(d);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  public Optional<Received> latest(String exchange, String pair, String timeframe) {
    return Optional.ofNullable(latest.get(Topics.key(exchange, pair) + "|" + timeframe));
  }
}
