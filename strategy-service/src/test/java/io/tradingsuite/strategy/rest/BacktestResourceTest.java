package io.tradingsuite.strategy.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.artifacts.ArtifactWriter;
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
 * Backtests through REST: inline and stored candles (market-data-service and risk-service played by
 * a real local HTTP server), Freqtrade result names, the artifact on disk and its announcement
 * through the real broker, refusals by the lease, and 400s naming the field.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class BacktestResourceTest {

  static final String KEY = "test-api-key";
  static final long M5 = 300_000L;
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  @InjectKafkaCompanion KafkaCompanion companion;

  @jakarta.inject.Inject io.tradingsuite.strategy.backtest.BacktestRunStore runs;

  @ConfigProperty(name = "suite.var-dir")
  Path varDir;

  final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void grantAgain() {
    FakeServicesResource.services().leaseMode = FakeServices.LeaseMode.GRANT;
  }

  static String freshPair() {
    return "T"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  /**
   * Flat candles at 100 (high 101, low 99) with the given enter/exit rows, as inline rows of 8
   * columns.
   */
  static List<List<Object>> signalRows(int n, int[] enter, int[] exit) {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      final int row = i;
      double open = 100 + i;
      rows.add(
          List.of(
              Instant.ofEpochMilli(T0 + i * M5).toString(),
              open,
              open + 1,
              open - 1,
              open,
              10,
              java.util.Arrays.stream(enter).anyMatch(r -> r == row) ? 1 : 0,
              java.util.Arrays.stream(exit).anyMatch(r -> r == row) ? 1 : 0));
    }
    return rows;
  }

  static Map<String, Object> signalsBody(String pair, List<List<Object>> rows) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("strategy", "Signals");
    body.put("exchange", "binance");
    body.put("timeframe", "5m");
    body.put("candles", Map.of(pair, rows));
    body.put("stake_amount", 100);
    body.put("dry_run_wallet", 1000);
    body.put("max_open_trades", 1);
    body.put("fee", 0);
    body.put("minimal_roi", Map.of());
    body.put("stoploss", -0.5);
    return body;
  }

  String submit(Object body) {
    return given()
        .contentType(ContentType.JSON)
        .header("X-API-Key", KEY)
        .body(body)
        .when()
        .post("/api/v1/backtests")
        .then()
        .statusCode(202)
        .body("id", startsWith("bt-"))
        .extract()
        .path("id");
  }

  JsonPath awaitFinished(String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              String s =
                  given()
                      .get("/api/v1/backtests/" + id)
                      .then()
                      .statusCode(200)
                      .extract()
                      .path("status");
              return !s.equals("queued") && !s.equals("running");
            });
    String body =
        given().get("/api/v1/backtests/" + id).then().statusCode(200).extract().asString();
    // money as BigDecimal, not float
    return new JsonPath(body)
        .using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
  }

  @Test
  void signalsBacktestGivesFreqtradeResultArtifactAndAnnouncement() throws Exception {
    String pair = freshPair();
    // entry signal on row 1 -> fills at the open of row 2 (102); exit signal on row 5 -> exits at
    // row 6's open (106)
    String id = submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5})));

    JsonPath r = awaitFinished(id);
    assertThat(r.getString("status")).isEqualTo("done");
    assertThat(r.getInt("progress")).isEqualTo(100);
    assertThat(r.getString("result.trades[0].profit_abs")).isEqualTo("3.92156863");
    assertThat(r.getInt("result.total_trades")).isEqualTo(1);
    assertThat(r.getString("result.trades[0].pair")).isEqualTo(pair);
    assertThat(r.getString("result.trades[0].exit_reason")).isEqualTo("exit_signal");
    assertThat(r.getString("result.trades[0].open_date")).isEqualTo("2024-01-01T00:10:00Z");
    assertThat(r.getString("result.trades[0].close_date")).isEqualTo("2024-01-01T00:30:00Z");
    assertThat(r.getDouble("result.trades[0].open_rate")).isEqualTo(102.0);
    assertThat(r.getDouble("result.trades[0].close_rate")).isEqualTo(106.0);
    // 100 USDT at 102 -> 0.98039216 units, sold at 106: +3.92156863 USDT, no fee
    assertThat(new java.math.BigDecimal(r.getString("result.profit_total_abs")))
        .isEqualByComparingTo("3.92156863");
    assertThat(r.getInt("result.wins")).isEqualTo(1);
    assertThat(r.getInt("result.losses")).isZero();
    assertThat(r.getInt("result.draws")).isZero();
    assertThat(r.getList("result.results_per_pair.key", String.class))
        .containsExactly(pair, "TOTAL");
    assertThat(r.getList("result.exit_reason_summary.key", String.class))
        .containsExactly("exit_signal", "TOTAL");
    assertThat(r.getMap("result"))
        .containsKeys(
            "profit_total", "max_drawdown_account", "sharpe", "sortino", "calmar", "cagr");

    // the Freqtrade result file, its meta file and the pointer to it
    String artifact = r.getString("artifact");
    assertThat(artifact).startsWith("backtest_results/backtest-result-").endsWith(".json");
    Path file = varDir.resolve(artifact);
    JsonNode doc = json.readTree(file.toFile());
    JsonNode stats = doc.path("strategy").path("Signals");
    assertThat(stats.path("trades").get(0).path("exit_reason").asText()).isEqualTo("exit_signal");
    assertThat(stats.path("trades").get(0).path("open_date").asText())
        .isEqualTo("2024-01-01 00:10:00+00:00");
    assertThat(stats.path("total_trades").asInt()).isEqualTo(1);
    assertThat(doc.path("strategy_comparison").get(0).path("key").asText()).isEqualTo("Signals");
    Path meta = file.resolveSibling(file.getFileName().toString().replace(".json", ".meta.json"));
    assertThat(json.readTree(meta.toFile()).path("Signals").path("timeframe").asText())
        .isEqualTo("5m");
    assertThat(
            json.readTree(file.resolveSibling(".last_result.json").toFile()).has("latest_backtest"))
        .isTrue();

    // the lease was given back with the run's drawdown
    FakeServices fake = FakeServicesResource.services();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fake.requests("POST", "/api/v1/backtest-leases").stream()
                    .anyMatch(q -> q.body().contains(id)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fake.requests("DELETE", "/api/v1/backtest-leases/").stream()
                    .anyMatch(q -> q.query() != null && q.query().startsWith("max_drawdown=")));

    // announced through the real broker, with the file's digest
    String sha = ArtifactWriter.sha256(file);
    List<ConsumerRecord<String, String>> records =
        companion
            .consumeStrings()
            .withGroupId("artifact-check-" + UUID.randomUUID())
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
            .filter(a -> a.path().equals(artifact))
            .toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.get(0).kind()).isEqualTo(ArtifactKind.BACKTEST);
    assertThat(mine.get(0).strategy()).isEqualTo("Signals");
    assertThat(mine.get(0).sha256()).isEqualTo(sha);
  }

  @Test
  void maCrossoverOnStoredCandlesFromMarketData() {
    String pair = freshPair();
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      double c = 100 + 10 * Math.sin(i / 15.0);
      double o = 100 + 10 * Math.sin((i - 1) / 15.0);
      rows.add(new double[] {T0 + i * M5, o, Math.max(o, c) + 0.2, Math.min(o, c) - 0.2, c, 5});
    }
    FakeServices fake = FakeServicesResource.services();
    fake.candles.put("fakex|" + pair + "|5m", rows);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("strategy", "MaCrossoverStrategy");
    body.put("params", Map.of("fast", 5, "slow", 20));
    body.put("exchange", "fakex");
    body.put("pairs", List.of(pair));
    body.put("timeframe", "5m");
    body.put("timerange", "20240101-");
    body.put("stake_amount", "unlimited");
    body.put("minimal_roi", Map.of("0", 0.5));
    String id = submit(body);

    JsonPath r = awaitFinished(id);
    assertThat(r.getString("status")).isEqualTo("done");
    assertThat(r.getInt("result.total_trades")).isGreaterThan(0);
    assertThat(r.getList("result.trades.exit_reason", String.class)).contains("exit_signal");
    // startup candles are asked for before the timerange start (30 x 5m)
    assertThat(
            fake.requests("GET", "/api/v1/candles").stream()
                .filter(q -> q.query().contains(pair.replace("/", "%2F")))
                .findFirst()
                .orElseThrow()
                .query())
        .contains("from=" + Instant.ofEpochMilli(T0 - 30 * M5).toString().replace(":", "%3A"));
  }

  /**
   * As in Freqtrade, a strategy's parameter file from hyperopt ({@code
   * strategy_params/<Strategy>.json}) replaces its defaults, and the request's own values win.
   */
  @Test
  void aHyperoptParameterFileReplacesTheDefaultsAndTheRequestStillWins() throws Exception {
    String pair = freshPair();
    List<double[]> rows = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      double c = 100 + 10 * Math.sin(i / 11.0) + 3 * Math.sin(i / 3.7);
      double o = 100 + 10 * Math.sin((i - 1) / 11.0) + 3 * Math.sin((i - 1) / 3.7);
      rows.add(new double[] {T0 + i * M5, o, Math.max(o, c) + 0.4, Math.min(o, c) - 0.4, c, 5});
    }
    FakeServicesResource.services().candles.put("fakex|" + pair + "|5m", rows);
    java.util.function.Function<Map<String, Object>, List<Object>> trades =
        extra -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("strategy", "MaCrossoverStrategy");
          body.put("exchange", "fakex");
          body.put("pairs", List.of(pair));
          body.put("timeframe", "5m");
          body.put("timerange", "20240101-");
          body.putAll(extra);
          JsonPath r = awaitFinished(submit(body));
          assertThat(r.getString("status")).as("%s", r.prettify()).isEqualTo("done");
          return r.getList("result.trades");
        };
    Map<String, Object> explicit = new LinkedHashMap<>();
    explicit.put("params", Map.of("fast", 4, "slow", 17));
    explicit.put("stoploss", -0.02);
    explicit.put("minimal_roi", Map.of("0", 0.015));
    List<Object> byRequest = trades.apply(explicit);
    List<Object> defaults = trades.apply(Map.of());
    assertThat(byRequest).isNotEmpty().isNotEqualTo(defaults);

    Path file =
        io.tradingsuite.strategy.hyperopt.StrategyParamsFile.write(
            varDir,
            "MaCrossoverStrategy",
            Map.of(
                "buy", Map.of("fast", 4, "slow", 17),
                "roi", Map.of("0", 0.015),
                "stoploss", Map.of("stoploss", -0.02)));
    try {
      assertThat(trades.apply(Map.of())).as("the file's values").isEqualTo(byRequest);
      assertThat(trades.apply(Map.of("params", Map.of("fast", 6), "stoploss", -0.3)))
          .as("the request's values over the file's")
          .isEqualTo(
              trades.apply(
                  Map.of(
                      "params",
                      Map.of("fast", 6, "slow", 17),
                      "stoploss",
                      -0.3,
                      "minimal_roi",
                      Map.of("0", 0.015))));
      java.nio.file.Files.writeString(file, "{not json");
      given()
          .contentType(ContentType.JSON)
          .header("X-API-Key", KEY)
          .body(Map.of("strategy", "MaCrossoverStrategy", "pairs", List.of(pair)))
          .when()
          .post("/api/v1/backtests")
          .then()
          .statusCode(409)
          .contentType("application/problem+json")
          .body("detail", org.hamcrest.Matchers.containsString("parameter file"));
    } finally {
      java.nio.file.Files.deleteIfExists(file);
    }
  }

  /**
   * Runs are stored at each change: the stored copy of a finished run answers with the result JSON
   * exactly as shown (what GET returns after a restart), and runs a stop interrupted are marked
   * failed at the next start. (The restart itself, through the packaged service: e2e RegistryIT.)
   */
  @Test
  void runsAreStoredAndAnInterruptedOneIsMarkedFailed() throws Exception {
    String pair = freshPair();
    String id = submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5})));
    awaitFinished(id);
    String shown =
        given().get("/api/v1/backtests/" + id).then().statusCode(200).extract().asString();
    io.tradingsuite.strategy.backtest.BacktestRun stored = runs.find(id).orElseThrow();
    assertThat(stored.status())
        .isEqualTo(io.tradingsuite.strategy.backtest.BacktestRun.Status.DONE);
    ObjectMapper m = new ObjectMapper();
    assertThat(m.readTree(stored.resultJson())).isEqualTo(m.readTree(shown).get("result"));
    assertThat(stored.artifact()).isEqualTo(new JsonPath(shown).getString("artifact"));

    io.tradingsuite.strategy.backtest.BacktestRun running =
        new io.tradingsuite.strategy.backtest.BacktestRun(
            "bt-interrupted-" + UUID.randomUUID(),
            "MaCrossoverStrategy",
            "fakex",
            List.of(pair),
            "5m",
            Instant.now());
    runs.insert(running);
    assertThat(runs.interruptUnfinished(Instant.now())).isGreaterThanOrEqualTo(1);
    given()
        .get("/api/v1/backtests/" + running.id())
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"))
        .body("detail", startsWith("interrupted"));
  }

  @Test
  void leaseRefusalsAndUnreachableRiskRefuseTheRun() {
    FakeServices fake = FakeServicesResource.services();
    String pair = freshPair();
    fake.leaseMode = FakeServices.LeaseMode.CIRCUIT_BREAKER_OPEN;
    JsonPath cb =
        awaitFinished(submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5}))));
    assertThat(cb.getString("status")).isEqualTo("refused");
    assertThat(cb.getString("detail")).contains("circuit breaker is open");
    assertThat(cb.getMap("$")).doesNotContainKey("result");

    fake.leaseMode = FakeServices.LeaseMode.MAX_CONCURRENT_BACKTESTS;
    JsonPath max =
        awaitFinished(submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5}))));
    assertThat(max.getString("status")).isEqualTo("refused");
    assertThat(max.getString("detail")).contains("MAX_CONCURRENT_BACKTESTS");

    fake.leaseMode = FakeServices.LeaseMode.DROP_CONNECTION;
    JsonPath down =
        awaitFinished(submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5}))));
    assertThat(down.getString("status")).isEqualTo("refused");
    assertThat(down.getString("detail"))
        .isEqualTo("risk-service unreachable: backtest refused (fail closed)");

    fake.leaseMode = FakeServices.LeaseMode.SERVER_ERROR;
    JsonPath broken =
        awaitFinished(submit(signalsBody(pair, signalRows(10, new int[] {1}, new int[] {5}))));
    assertThat(broken.getString("status")).isEqualTo("refused");
    assertThat(broken.getString("detail")).startsWith("risk-service unreachable");
  }

  void expect400(Object body, String field) {
    given()
        .contentType(ContentType.JSON)
        .header("X-API-Key", KEY)
        .body(body)
        .when()
        .post("/api/v1/backtests")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field));
  }

  @Test
  void badRequestsAre400sNamingTheField() {
    String pair = freshPair();
    List<List<Object>> good = signalRows(6, new int[] {1}, new int[] {3});

    expect400(Map.of("pairs", List.of("BTC/USDT")), "strategy");
    expect400(Map.of("strategy", "NoSuchStrategy", "pairs", List.of("BTC/USDT")), "strategy");
    expect400(
        Map.of(
            "strategy",
            "MaCrossoverStrategy",
            "exchange",
            "fakex",
            "pairs",
            List.of(freshPair()),
            "timeframe",
            "5m"),
        "pairs");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "pairs", List.of("btc-usdt")), "pairs[0]");
    expect400(Map.of("strategy", "Signals", "candles", Map.of(pair, List.of())), "candles." + pair);
    expect400(Map.of("strategy", "Signals", "candles", Map.of()), "candles");
    List<List<Object>> ragged = new ArrayList<>(good);
    ragged.set(1, List.of(Instant.ofEpochMilli(T0 + M5).toString(), 1, 1, 1, 1, 1));
    expect400(
        Map.of("strategy", "Signals", "candles", Map.of(pair, ragged)), "candles." + pair + "[1]");
    List<List<Object>> six = List.of(List.of(T0, 1, 1, 1, 1, 1));
    expect400(
        Map.of("strategy", "Signals", "candles", Map.of(pair, six)), "candles." + pair + "[0]");
    List<List<Object>> backwards =
        List.of(List.of(T0 + M5, 1, 1, 1, 1, 1), List.of(T0, 1, 1, 1, 1, 1));
    expect400(
        Map.of("strategy", "MaCrossoverStrategy", "candles", Map.of(pair, backwards)),
        "candles." + pair + "[1][0]");
    expect400(
        Map.of(
            "strategy",
            "MaCrossoverStrategy",
            "candles",
            Map.of(pair, six),
            "pairs",
            List.of("ETH/USDT")),
        "pairs[0]");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "params", Map.of("fast", 1)), "params");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "params", Map.of("nope", 1)), "params");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "timerange", "2024-01-01"), "timerange");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "timeframe", "5x"), "timeframe");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "stake_amount", -5), "stake_amount");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "stoploss", 0.1), "stoploss");
    expect400(Map.of("strategy", "MaCrossoverStrategy", "fee", 0.5), "fee");
    expect400(
        Map.of("strategy", "MaCrossoverStrategy", "minimal_roi", Map.of("soon", 0.1)),
        "minimal_roi");
    expect400(
        Map.of("strategy", "MaCrossoverStrategy", "max_open_trades", "many"), "max_open_trades");

    given()
        .contentType(ContentType.JSON)
        .body(signalsBody(pair, good))
        .when()
        .post("/api/v1/backtests")
        .then()
        .statusCode(401);
    given().get("/api/v1/backtests/bt-unknown").then().statusCode(404);
  }

  @Test
  void strategiesAreListedWithParametersAndDefaults() {
    given()
        .get("/api/v1/strategies")
        .then()
        .statusCode(200)
        .body(
            "name",
            hasItems(
                "MaCrossoverStrategy",
                "RsiMeanReversionStrategy",
                "BollingerBandsStrategy",
                "Signals"))
        .body("find { it.name == 'MaCrossoverStrategy' }.timeframe", equalTo("5m"))
        .body(
            "find { it.name == 'MaCrossoverStrategy' }.parameters.name",
            hasItems("fast", "slow", "ma_type"))
        .body(
            "find { it.name == 'MaCrossoverStrategy' }.parameters.find { it.name == 'fast' }.default_value",
            equalTo(10))
        .body(
            "find { it.name == 'MaCrossoverStrategy' }.parameters.find { it.name == 'ma_type' }.choices",
            hasItems("SMA", "EMA"));
  }
}
