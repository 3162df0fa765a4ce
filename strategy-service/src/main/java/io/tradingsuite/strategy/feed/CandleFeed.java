package io.tradingsuite.strategy.feed;

import io.opentelemetry.api.trace.Span;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code market.candles.v1} and keeps the newest candle per market, with the trace and
 * correlation id it arrived under. Undecodable or invalid candles never get here: the channel's
 * deserializer refuses them and they land in {@code market.candles.v1.dlq}.
 */
@ApplicationScoped
public class CandleFeed {

  /** A candle as received, with the context it came in. */
  public record Received(Candle candle, String traceId, String correlationId) {}

  private final Map<String, Received> latest = new ConcurrentHashMap<>();

  @Incoming("candles")
  public void onCandle(ConsumerRecord<String, Candle> record) {
    Candle candle = record.value();
    String correlationId = KafkaMessages.adoptCorrelation(record.headers());
    try {
      String traceId = Span.current().getSpanContext().getTraceId();
      latest.merge(
          Topics.key(candle.exchange(), candle.pair()) + "|" + candle.timeframe(),
          new Received(candle, traceId, correlationId),
          (old, now) -> now.candle().openTime().isBefore(old.candle().openTime()) ? old : now);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  public Optional<Received> latest(String exchange, String pair, String timeframe) {
    return Optional.ofNullable(latest.get(Topics.key(exchange, pair) + "|" + timeframe));
  }
}
