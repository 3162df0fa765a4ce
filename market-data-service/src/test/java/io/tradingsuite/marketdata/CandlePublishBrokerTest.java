package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.testing.LocalKafkaResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Publishing through REST lands candles on the real broker, keyed by market, with trace headers.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CandlePublishBrokerTest {
  private static final String KEY = "test-api-key";

  @InjectKafkaCompanion KafkaCompanion companion;

  private static String body(String pair, String high) {
    return """
        [{"exchange":"binance","pair":"%s","timeframe":"5m","open_time":"2024-01-01T00:00:00Z",
          "open":100.1,"high":%s,"low":99.5,"close":100.2,"volume":3.25}]"""
        .formatted(pair, high);
  }

  @Test
  void publishedCandleArrivesWithKeyTraceparentAndCorrelationId() {
    String pair =
        "P"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
            + "/USDT";
    given()
        .header("X-API-Key", KEY)
        .header("X-Correlation-Id", "corr-publish-1")
        .contentType("application/json")
        .body(body(pair, "101.50"))
        .when()
        .post("/api/v1/candles/publish")
        .then()
        .statusCode(202)
        .body("published", equalTo(1));

    String key = Topics.key("binance", pair);
    List<ConsumerRecord<String, String>> got =
        companion
            .consumeStrings()
            .withGroupId("publish-check-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.CANDLES, Duration.ofSeconds(8))
            .awaitCompletion(Duration.ofSeconds(30))
            .getRecords()
            .stream()
            .filter(r -> key.equals(r.key()))
            .toList();
    assertThat(got).hasSize(1);
    ConsumerRecord<String, String> record = got.get(0);
    Candle candle = MessageCodec.instance().decode(record.value(), Candle.class);
    assertThat(candle.high()).isEqualTo(new java.math.BigDecimal("101.50"));
    assertThat(header(record, MessageHeaders.CORRELATION_ID)).isEqualTo("corr-publish-1");
    assertThat(header(record, MessageHeaders.TRACEPARENT))
        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
  }

  @Test
  void invalidCandleIs400NamingRowAndField() {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body("BTC/USDT", "90"))
        .when()
        .post("/api/v1/candles/publish")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("[0].high"))
        .body("detail", containsString("high"));
  }

  @Test
  void malformedJsonIs400NotA500() {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("[{\"exchange\": ")
        .when()
        .post("/api/v1/candles/publish")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", equalTo(400));
  }

  @Test
  void wrongTypeIs400NamingTheField() {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body("BTC/USDT", "\"lots\""))
        .when()
        .post("/api/v1/candles/publish")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", containsString("high"));
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
