package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.marketdata.service.ReplayManager;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Replays land every stored candle on the real broker exactly once, in time order per pair, keyed
 * by market; a restart in the middle resumes from the recorded progress without a duplicate.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class ReplayBrokerTest {
  private static final String KEY = "test-api-key";
  private static final long T0 = 1_704_067_200_000L;

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject ReplayManager manager;
  @Inject javax.sql.DataSource dataSource;

  private static String pair() {
    return "R"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  private static void store(String exchange, String pair, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",")
          .append('[')
          .append(T0 + i * 300_000L)
          .append(",100,101,99,")
          .append(100 + i % 2)
          .append(',')
          .append(i + 1)
          .append(']');
    }
    CandleApiTest.importOk(
        exchange, pair, "5m", b.append(']').toString().getBytes(StandardCharsets.UTF_8));
  }

  private List<Candle> received(String exchange, List<String> pairs, int atLeast) {
    List<String> keys = pairs.stream().map(p -> Topics.key(exchange, p)).toList();
    List<Candle> got = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              got.clear();
              List<ConsumerRecord<String, String>> records =
                  companion
                      .consumeStrings()
                      .withGroupId("replay-check-" + UUID.randomUUID())
                      .withProp("auto.offset.reset", "earliest")
                      .fromTopics(Topics.CANDLES, Duration.ofSeconds(8))
                      .awaitCompletion(Duration.ofSeconds(40))
                      .getRecords();
              for (ConsumerRecord<String, String> r : records) {
                if (keys.contains(r.key())) {
                  got.add(MessageCodec.instance().decode(r.value(), Candle.class));
                }
              }
              assertThat(got.size()).isGreaterThanOrEqualTo(atLeast);
            });
    return got;
  }

  private static void assertExactlyOnceInOrder(List<Candle> got, String pair, int n) {
    List<Instant> times =
        got.stream().filter(c -> c.pair().equals(pair)).map(Candle::openTime).toList();
    assertThat(times).hasSize(n).doesNotHaveDuplicates();
    assertThat(times).isSorted();
    assertThat(times.get(0)).isEqualTo(Instant.ofEpochMilli(T0));
  }

  @Test
  void replayPublishesEveryCandleOnceInOrderPerPair() {
    String ex = CandleApiTest.exchange();
    String a = pair();
    String b = pair();
    store(ex, a, 30);
    store(ex, b, 20);
    String id =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body(
                Map.of(
                    "exchange",
                    ex,
                    "pairs",
                    List.of(a, b),
                    "timeframe",
                    "5m",
                    "from",
                    "2024-01-01T00:00:00Z",
                    "speed",
                    "max"))
            .when()
            .post("/api/v1/replays")
            .then()
            .statusCode(202)
            .body("total", equalTo(50))
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/api/v1/replays/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("done"))
                    .body("published", equalTo(50)));
    List<Candle> got = received(ex, List.of(a, b), 50);
    assertThat(got).hasSize(50);
    assertExactlyOnceInOrder(got, a, 30);
    assertExactlyOnceInOrder(got, b, 20);
    assertThat(got.get(0).exchange()).isEqualTo(ex);
  }

  /**
   * The restart is simulated inside the test JVM: {@link ReplayManager#restartWorkers()} stops the
   * worker as a shutdown does and builds a new one from the database alone, as start-up does. A
   * kill -9 is not covered (see ReplayWorker: at most one batch may repeat then).
   */
  @Test
  void restartInTheMiddleResumesWithoutDuplicates() throws Exception {
    String ex = CandleApiTest.exchange();
    String a = pair();
    int n = 40;
    store(ex, a, n);
    // 5m candles at 3000x real time: one every 0.1 s, so the replay lasts about 4 s
    String id =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body(Map.of("exchange", ex, "pairs", List.of(a), "timeframe", "5m", "speed", 3000))
            .when()
            .post("/api/v1/replays")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().get("/api/v1/replays/" + id).jsonPath().getInt("published") >= 3);
    manager.restartWorkers();
    JsonPath afterRestart = given().get("/api/v1/replays/" + id).jsonPath();
    assertThat(afterRestart.getInt("published")).as("restarted in the middle").isLessThan(n);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/api/v1/replays/" + id)
                    .then()
                    .body("status", equalTo("done"))
                    .body("published", equalTo(n)));
    List<Candle> got = received(ex, List.of(a), n);
    assertExactlyOnceInOrder(got, a, n);
  }

  /**
   * A crash between the broker's acknowledgements and their recording: the worker is stopped, then
   * the recorded progress is taken back to nothing, as a kill -9 just before the first progress
   * write leaves it, while the candles it sent are on the topic. The resumed replay reads the topic
   * back from where it ended at the replay's start and sends none of them again.
   */
  @Test
  void aResumeAfterACrashSendsNothingTheTopicAlreadyHas() throws Exception {
    String ex = CandleApiTest.exchange();
    String a = pair();
    String b = pair();
    int n = 40;
    store(ex, a, n);
    store(ex, b, n);
    String id =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body(Map.of("exchange", ex, "pairs", List.of(a, b), "timeframe", "5m", "speed", 3000))
            .when()
            .post("/api/v1/replays")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> given().get("/api/v1/replays/" + id).jsonPath().getInt("published") >= 10);
    manager.stopWorkers();
    int sent = given().get("/api/v1/replays/" + id).jsonPath().getInt("published");
    assertThat(sent).as("stopped in the middle").isLessThan(2 * n);
    try (java.sql.Connection c = dataSource.getConnection();
        java.sql.PreparedStatement ps =
            c.prepareStatement("DELETE FROM replay_progress WHERE replay_id = ?")) {
      ps.setString(1, id);
      assertThat(ps.executeUpdate()).as("progress rows taken back").isPositive();
    }
    assertThat(given().get("/api/v1/replays/" + id).jsonPath().getInt("published")).isZero();

    manager.resumeAll();

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .when()
                    .get("/api/v1/replays/" + id)
                    .then()
                    .body("status", equalTo("done"))
                    .body("published", equalTo(2 * n)));
    List<Candle> got = received(ex, List.of(a, b), 2 * n);
    assertExactlyOnceInOrder(got, a, n);
    assertExactlyOnceInOrder(got, b, n);
  }

  @Test
  void cancelStopsAReplayAndBadRequestsAre400() {
    String ex = CandleApiTest.exchange();
    String a = pair();
    store(ex, a, 50);
    String id =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body(Map.of("exchange", ex, "pairs", List.of(a), "timeframe", "5m", "speed", 60))
            .when()
            .post("/api/v1/replays")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    given()
        .header("X-API-Key", KEY)
        .when()
        .delete("/api/v1/replays/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("cancelled"));
    assertThat(given().get("/api/v1/replays/" + id).jsonPath().getInt("published")).isLessThan(50);
    given().get("/api/v1/replays/no-such-id").then().statusCode(404);
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("exchange", ex, "pairs", List.of(a), "timeframe", "5m", "speed", "fast"))
        .when()
        .post("/api/v1/replays")
        .then()
        .statusCode(400)
        .body("field", equalTo("speed"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("exchange", ex, "pairs", List.of(pair()), "timeframe", "5m"))
        .when()
        .post("/api/v1/replays")
        .then()
        .statusCode(400)
        .body("field", equalTo("pairs"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(
            Map.of(
                "exchange",
                ex,
                "pairs",
                List.of(a),
                "timeframe",
                "5m",
                "from",
                "2024-02-01",
                "to",
                "2024-01-01"))
        .when()
        .post("/api/v1/replays")
        .then()
        .statusCode(400)
        .body("field", equalTo("to"));
  }

  @SuppressWarnings("unused")
  private static Map<String, Long> countByPair(List<Candle> got) {
    return got.stream().collect(Collectors.groupingBy(Candle::pair, Collectors.counting()));
  }
}
