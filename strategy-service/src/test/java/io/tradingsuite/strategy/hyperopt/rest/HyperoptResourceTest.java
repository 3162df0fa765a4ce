package io.tradingsuite.strategy.hyperopt.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.hyperopt.FthyptFile;
import io.tradingsuite.strategy.hyperopt.StrategyParamsFile;
import io.tradingsuite.strategy.hyperopt.SyntheticCandles;
import io.tradingsuite.strategy.testing.FakeServices;
import io.tradingsuite.strategy.testing.FakeServicesResource;
import io.tradingsuite.testing.LocalKafkaResource;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hyperopt through REST (risk-service's leases played by a real local HTTP server, artifacts
 * through the real broker): a search runs to the end with progress and the best epoch, writes its
 * .fthypt file and the strategy's parameter file, is announced, takes and returns a lease;
 * refusals; 400s naming the field.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class HyperoptResourceTest {

  static final String KEY = "test-api-key";

  @InjectKafkaCompanion KafkaCompanion companion;

  @ConfigProperty(name = "suite.var-dir")
  Path varDir;

  @AfterEach
  void grantAgain() throws java.io.IOException {
    FakeServicesResource.services().leaseMode = FakeServices.LeaseMode.GRANT;
    // backtests and bots now load the file a hyperopt exports: leave none for the other tests
    java.nio.file.Files.deleteIfExists(StrategyParamsFile.path(varDir, "MaCrossoverStrategy"));
  }

  static String freshPair() {
    return "H"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  static List<List<Object>> rows(long seed, int n) {
    CandleColumns c = SyntheticCandles.randomWalk(seed, n, 5, 30000);
    List<List<Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          List.of(
              Instant.ofEpochMilli(c.openTime()[i]).toString(),
              c.open()[i],
              c.high()[i],
              c.low()[i],
              c.close()[i],
              c.volume()[i]));
    }
    return out;
  }

  static Map<String, Object> body(String pair) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("strategy", "MaCrossoverStrategy");
    b.put("candles", Map.of(pair, rows(3, 2000)));
    b.put("stake_amount", 100);
    b.put("max_open_trades", 1);
    b.put("spaces", List.of("buy", "stoploss"));
    b.put("epochs", 24);
    b.put("loss", "OnlyProfitHyperOptLoss");
    b.put("random_state", 42);
    b.put("jobs", 2);
    b.put("min_trades", 1);
    return b;
  }

  static String submit(Map<String, Object> body) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-API-Key", KEY)
        .body(body)
        .when()
        .post("/api/v1/hyperopts")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  static JsonPath awaitFinished(String id) {
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              String s =
                  given()
                      .get("/api/v1/hyperopts/" + id)
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("status");
              return !s.equals("queued") && !s.equals("running");
            });
    return given().get("/api/v1/hyperopts/" + id).then().statusCode(200).extract().jsonPath();
  }

  @Test
  void searchRunsToTheEndWritesFilesAndIsAnnounced() {
    String pair = freshPair();
    String id = submit(body(pair));
    JsonPath r = awaitFinished(id);
    assertThat(r.getString("status")).isEqualTo("done");
    assertThat(r.getInt("progress.epoch")).isEqualTo(24);
    assertThat(r.getInt("progress.total")).isEqualTo(24);
    assertThat(r.getLong("random_state")).isEqualTo(42);
    assertThat(r.getList("spaces", String.class)).containsExactly("buy", "stoploss");
    assertThat(r.getInt("best.epoch")).isBetween(1, 24);
    assertThat(r.getDouble("best_loss")).isEqualTo(r.getDouble("best.loss"));
    assertThat(r.getMap("best.params.buy")).containsKeys("fast", "slow", "ma_type");
    assertThat(r.getMap("best.params.stoploss")).containsKey("stoploss");
    assertThat(r.getMap("best.params.roi")).isNotEmpty();

    // the results file: one Freqtrade line per epoch; the parameter file holds the best params
    String file = r.getString("file");
    assertThat(file)
        .startsWith("hyperopt_results/strategy_MaCrossoverStrategy_")
        .endsWith(".fthypt");
    assertThat(FthyptFile.read(varDir.resolve(file))).hasSize(24);
    StrategyParamsFile.Loaded params =
        StrategyParamsFile.load(varDir, "MaCrossoverStrategy").orElseThrow();
    assertThat(r.getString("params_file")).isEqualTo("strategy_params/MaCrossoverStrategy.json");
    assertThat(params.params().get("stoploss").get("stoploss"))
        .isEqualTo(
            new java.math.BigDecimal(String.valueOf(r.getDouble("best.params.stoploss.stoploss"))));

    // epochs listing (the cli's --print-all)
    List<Map<String, Object>> epochs =
        given()
            .get("/api/v1/hyperopts/" + id + "/epochs?after=20")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(epochs).hasSize(4);
    assertThat(epochs.get(0).get("epoch")).isEqualTo(21);

    // lease taken as "hyperopt" and given back with a drawdown
    FakeServices fake = FakeServicesResource.services();
    assertThat(
            fake.requests("POST", "/api/v1/backtest-leases").stream()
                .anyMatch(q -> q.body().contains(id) && q.body().contains("\"hyperopt\"")))
        .isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> fake.requests("DELETE", "/api/v1/backtest-leases/").size() > 0);

    // announced through the real broker
    List<ConsumerRecord<String, String>> records =
        companion
            .consumeStrings()
            .withGroupId("hyperopt-artifact-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.ARTIFACTS, Duration.ofSeconds(10))
            .awaitCompletion(Duration.ofSeconds(30))
            .getRecords();
    List<ArtifactCreated> mine =
        records.stream()
            .map(
                rec ->
                    MessageCodec.instance()
                        .decode(
                            rec.value().getBytes(StandardCharsets.UTF_8), ArtifactCreated.class))
            .filter(a -> a.path().equals(file))
            .toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).kind()).isEqualTo(ArtifactKind.HYPEROPT);
    assertThat(mine.get(0).strategy()).isEqualTo("MaCrossoverStrategy");

    // resuming the finished file with the same body adds nothing and ends at the same best epoch
    Map<String, Object> again = body(pair);
    again.put("resume", Path.of(file).getFileName().toString());
    JsonPath resumed = awaitFinished(submit(again));
    assertThat(resumed.getString("status")).isEqualTo("done");
    assertThat(resumed.getInt("progress.restored")).isEqualTo(24);
    assertThat(resumed.getInt("best.epoch")).isEqualTo(r.getInt("best.epoch"));
    assertThat(FthyptFile.read(varDir.resolve(file))).hasSize(24);
  }

  @Test
  void openCircuitBreakerRefusesTheRun() {
    FakeServicesResource.services().leaseMode = FakeServices.LeaseMode.CIRCUIT_BREAKER_OPEN;
    JsonPath r = awaitFinished(submit(body(freshPair())));
    assertThat(r.getString("status")).isEqualTo("refused");
    assertThat(r.getString("detail")).contains("circuit breaker is open");
  }

  void expect400(Map<String, Object> body, String field) {
    given()
        .contentType(ContentType.JSON)
        .header("X-API-Key", KEY)
        .body(body)
        .when()
        .post("/api/v1/hyperopts")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
  }

  Map<String, Object> with(String key, Object value) {
    Map<String, Object> b = body(freshPair());
    if (value == null) {
      b.remove(key);
    } else {
      b.put(key, value);
    }
    return b;
  }

  @Test
  void badInputIs400NamingTheField() {
    expect400(with("spaces", List.of("buy", "moon")), "spaces");
    expect400(with("spaces", List.of("sell")), "spaces");
    expect400(with("loss", "NoSuchHyperOptLoss"), "loss");
    expect400(with("epochs", 0), "epochs");
    expect400(with("epochs", "many"), "epochs");
    expect400(with("jobs", 0), "jobs");
    expect400(with("min_trades", -1), "min_trades");
    expect400(with("bounds", Map.of("fast", List.of(1, 20))), "bounds.fast");
    expect400(with("bounds", Map.of("ma_type", List.of(1, 2))), "bounds.ma_type");
    expect400(with("resume", "strategy_MaCrossoverStrategy_1999-01-01_00-00-00.fthypt"), "resume");
    expect400(with("strategy", "NoSuchStrategy"), "strategy");
    expect400(with("stoploss", 0.5), "stoploss");
  }
}
