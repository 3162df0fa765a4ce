package io.tradingsuite.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.feed.CandleFeed;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Candles through the real local broker: decoded with their headers, and poison sent to the DLQ.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CandleFeedBrokerTest {

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject CandleFeed feed;

  /** A pair no earlier run used, since topics outlive test runs. */
  private static String freshPair() {
    return "T"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  private static Candle candle(String pair, Instant time) {
    return new Candle(
        "binance",
        pair,
        "5m",
        time,
        new BigDecimal("100.10"),
        new BigDecimal("101.5"),
        new BigDecimal("99.00000001"),
        new BigDecimal("100.2"),
        new BigDecimal("12.5"));
  }

  private ProducerRecord<String, String> record(
      String key, String value, String traceparent, String correlation) {
    ProducerRecord<String, String> r = new ProducerRecord<>(Topics.CANDLES, key, value);
    if (traceparent != null) {
      r.headers().add(MessageHeaders.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
    }
    r.headers().add(MessageHeaders.CORRELATION_ID, correlation.getBytes(StandardCharsets.UTF_8));
    return r;
  }

  @Test
  void consumesCandleWithTraceAndCorrelationHeaders() {
    String pair = freshPair();
    Candle sent = candle(pair, Instant.parse("2024-01-01T00:05:00Z"));
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String traceparent = "00-" + traceId + "-" + "00f067aa0ba902b7" + "-01";

    companion
        .produceStrings()
        .fromRecords(
            record(
                Topics.key("binance", pair),
                MessageCodec.instance().encodeToString(sent),
                traceparent,
                "corr-candle-1"))
        .awaitCompletion();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(feed.latest("binance", pair, "5m")).isPresent());
    CandleFeed.Received got = feed.latest("binance", pair, "5m").orElseThrow();
    assertThat(got.candle()).isEqualTo(sent);
    assertThat(got.candle().low()).isEqualByComparingTo("99.00000001");
    assertThat(got.traceId()).isEqualTo(traceId);
    assertThat(got.correlationId()).isEqualTo("corr-candle-1");
  }

  @Test
  void malformedCandleGoesToDlqAndTheStreamGoesOn() {
    String pair = freshPair();
    String key = Topics.key("binance", pair);
    Candle after = candle(pair, Instant.parse("2024-01-01T00:10:00Z"));
    String badHighLow =
        MessageCodec.instance()
            .encodeToString(candle(pair, Instant.parse("2024-01-01T00:00:00Z")))
            .replace("\"high\":101.5", "\"high\":90");

    companion
        .produceStrings()
        .fromRecords(
            record(key, "{not json at all", null, "corr-bad-1"),
            record(key, badHighLow, null, "corr-bad-2"),
            record(key, MessageCodec.instance().encodeToString(after), null, "corr-good"))
        .awaitCompletion();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(feed.latest("binance", pair, "5m"))
                    .map(CandleFeed.Received::candle)
                    .contains(after));

    List<ConsumerRecord<String, String>> dead =
        companion
            .consumeStrings()
            .withGroupId("dlq-check-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.dlq(Topics.CANDLES), Duration.ofSeconds(8))
            .awaitCompletion(Duration.ofSeconds(30))
            .getRecords()
            .stream()
            .filter(r -> key.equals(r.key()))
            .toList();
    assertThat(dead).hasSize(2);
    assertThat(dead.get(0).value()).isEqualTo("{not json at all");
    String reason =
        new String(
            dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
    assertThat(reason).contains("high");
  }
}
