package io.tradingsuite.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry end to end on a real SQLite file and the real broker: indexing from ArtifactCreated
 * messages and from scans, idempotency, bad files, queries, reports, export, backup and restore.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class RegistryServiceTest {
  private static final String KEY = "test-api-key";

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject Indexer indexer;
  @Inject RegistryStore store;
  @Inject AgroalDataSource dataSource;

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  private Path backtests() {
    return indexer.varDir().resolve(Indexer.BACKTEST_DIR);
  }

  private Path hyperopts() {
    return indexer.varDir().resolve(Indexer.HYPEROPT_DIR);
  }

  /** A backtest JSON + meta with a unique strategy and file name; returns the JSON's path. */
  private Path installBacktest(String strategy) {
    String base = "backtest-result-2024-01-15_10-00-00-" + strategy;
    Fixtures.install(backtests(), Fixtures.BACKTEST_META, base + ".meta.json", strategy);
    return Fixtures.install(backtests(), Fixtures.BACKTEST, base + ".json", strategy);
  }

  private void publish(ArtifactCreated m) {
    companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                Topics.ARTIFACTS, m.strategy(), MessageCodec.instance().encodeToString(m)))
        .awaitCompletion();
  }

  private static String sha(Path file) throws IOException {
    return ArtifactReader.sha256(Files.readAllBytes(file));
  }

  private JsonPath runsOf(String strategy) {
    return given()
        .queryParam("strategy", strategy)
        .get("/api/v1/runs")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  void artifactMessageIsIndexedOnceAndBadFilesAreReported() throws Exception {
    String strategy = Fixtures.freshStrategy();
    Path file = installBacktest(strategy);
    String rel = "backtest_results/" + file.getFileName();
    ArtifactCreated m =
        new ArtifactCreated(
            UUID.randomUUID().toString(),
            ArtifactKind.BACKTEST,
            strategy,
            rel,
            sha(file),
            Instant.parse("2024-01-15T10:00:05Z"));
    publish(m);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(runsOf(strategy).getList("")).hasSize(1));
    JsonPath run = runsOf(strategy);
    String id = run.getString("[0].id");
    assertThat(run.getString("[0].kind")).isEqualTo("backtest");
    assertThat(run.getString("[0].artifact_path")).isEqualTo(rel);
    assertThat(run.getString("[0].created_at"))
        .isEqualTo("2024-01-15T10:00:00Z"); // from .meta.json

    given()
        .get("/api/v1/runs/" + id)
        .then()
        .statusCode(200)
        .body("trades", hasSize(3))
        .body("trades[1].exit_reason", equalTo("stop_loss"))
        .body("pairs.pair", hasItem("ETH/USDT"));
    String body = given().get("/api/v1/runs/" + id).asString();
    assertThat(body)
        .contains("\"profit_abs\":-10.07907911")
        .contains("\"profit_total\":-0.005985314830");

    // the same message again, and another message for the same bytes: nothing new
    publish(m);
    ArtifactCreated again =
        new ArtifactCreated(
            UUID.randomUUID().toString(),
            ArtifactKind.BACKTEST,
            strategy,
            file.toString(),
            m.sha256(),
            m.createdAt());
    publish(again);
    await().atMost(Duration.ofSeconds(30)).until(() -> store.messageProcessed(again.id()));
    assertThat(runsOf(strategy).getList("")).hasSize(1);

    // a hyperopt by absolute path; then the best epoch of the strategy
    Path hyp = Fixtures.install(hyperopts(), Fixtures.HYPEROPT, Fixtures.HYPEROPT, strategy);
    publish(
        new ArtifactCreated(
            UUID.randomUUID().toString(),
            ArtifactKind.HYPEROPT,
            strategy,
            hyp.toString(),
            sha(hyp),
            Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/strategies/" + strategy + "/best-epoch")
                    .then()
                    .statusCode(200)
                    .body("epoch.epoch", equalTo(3))
                    .body("epoch.params", containsString("\"buy_fast\":8")));
    given()
        .queryParam("strategy", strategy)
        .queryParam("kind", "hyperopt")
        .get("/api/v1/runs")
        .then()
        .body("", hasSize(1))
        .body("[0].epochs", equalTo(4));

    // a bad file: reported with its path and field, nothing of it stored
    String bad = Fixtures.freshStrategy();
    Path badFile =
        Fixtures.write(
            backtests().resolve("backtest-result-bad-" + bad + ".json"),
            Fixtures.text(Fixtures.BACKTEST, bad)
                .replace("\"open_rate\": 2272.0", "\"open_rate\": -2272.0"));
    publish(
        new ArtifactCreated(
            UUID.randomUUID().toString(),
            ArtifactKind.BACKTEST,
            bad,
            "backtest_results/" + badFile.getFileName(),
            sha(badFile),
            Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/index/problems")
                    .then()
                    .statusCode(200)
                    .body(
                        "find { it.path == 'backtest_results/"
                            + badFile.getFileName()
                            + "' }.field",
                        equalTo("strategy." + bad + ".trades[1].open_rate")));
    assertThat(runsOf(bad).getList("")).isEmpty();

    // a message whose sha256 does not match the file is refused too
    String other = Fixtures.freshStrategy();
    Path changed = installBacktest(other);
    publish(
        new ArtifactCreated(
            UUID.randomUUID().toString(),
            ArtifactKind.BACKTEST,
            other,
            changed.toString(),
            "0".repeat(64),
            Instant.now()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/index/problems")
                    .then()
                    .body(
                        "find { it.path == 'backtest_results/"
                            + changed.getFileName()
                            + "' }.field",
                        equalTo("sha256")));
    assertThat(runsOf(other).getList("")).isEmpty();
  }

  @Test
  void scanIndexesBothFoldersIdempotentlyAndQueriesFilterAndOrder() throws Exception {
    String a = Fixtures.freshStrategy();
    String z = Fixtures.freshStrategy();
    installBacktest(a);
    Fixtures.installZip(backtests(), "backtest-result-2024-02-01_12-30-00-" + z, z);
    Fixtures.install(hyperopts(), Fixtures.HYPEROPT, Fixtures.HYPEROPT, a);
    String bad = "backtest-result-broken-" + a + ".json";
    Fixtures.write(backtests().resolve(bad), "{\"strategy\": {\"" + a + "\": {\"trades\": [");
    Fixtures.write(
        backtests().resolve(".last_result.json"), "{\"latest_backtest\": \"" + bad + "\"}");

    JsonPath first =
        given()
            .header("X-API-Key", KEY)
            .post("/api/v1/index")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(first.getInt("indexed")).isGreaterThanOrEqualTo(3);
    assertThat(first.getList("problems.path")).contains("backtest_results/" + bad);
    assertThat(first.getString("latest.latest_backtest")).isEqualTo(bad);
    assertThat(runsOf(a).getList("kind")).containsExactlyInAnyOrder("backtest", "hyperopt");
    assertThat(runsOf(z).getString("[0].created_at")).isEqualTo("2024-02-01T12:30:00Z");

    String before = store.dump(false);
    JsonPath second =
        given()
            .header("X-API-Key", KEY)
            .post("/api/v1/index")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(second.getInt("indexed")).isZero();
    assertThat(store.dump(false)).isEqualTo(before);

    // order_by: the hyperopt (profit 0.1234567891) beats the backtest (-0.0059...)
    given()
        .queryParam("strategy", a)
        .queryParam("order_by", "profit_total")
        .get("/api/v1/runs")
        .then()
        .body("kind", equalTo(List.of("hyperopt", "backtest")));
    given()
        .queryParam("strategy", a)
        .queryParam("order_by", "max_drawdown")
        .get("/api/v1/runs")
        .then()
        .body("kind", equalTo(List.of("backtest", "hyperopt"))); // 0.0123 < 0.051
    given()
        .queryParam("strategy", a)
        .queryParam("kind", "backtest")
        .get("/api/v1/runs")
        .then()
        .body("", hasSize(1));
    given()
        .queryParam("strategy", a)
        .queryParam("since", "2024-02-15")
        .get("/api/v1/runs")
        .then()
        .body("kind", equalTo(List.of("hyperopt")));
    given()
        .queryParam("order_by", "luck")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("order_by"));
    given()
        .queryParam("kind", "live")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("detail", containsString("kind"));
    given().get("/api/v1/runs/no-such-run").then().statusCode(404);
    given().get("/api/v1/strategies/NoSuchStrategy/best-epoch").then().statusCode(404);
  }

  @Test
  void reportsWriteEveryDecimalWithEightPlacesAndDrawEquityCurves() {
    String s = Fixtures.freshStrategy();
    installBacktest(s);
    Fixtures.install(hyperopts(), Fixtures.HYPEROPT, Fixtures.HYPEROPT, s);
    given().header("X-API-Key", KEY).post("/api/v1/index").then().statusCode(200);

    String json =
        given()
            .queryParam("format", "json")
            .queryParam("strategy", s)
            .get("/api/v1/reports/results")
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString();
    assertThat(json)
        .contains(
            "\"profit_total_abs\" : -5.98531483",
            "\"starting_balance\" : 1000.00000000",
            "\"final_balance\" : 994.01468517",
            "\"sharpe\" : -0.51234568",
            "\"best_loss\" : -1.25000000");
    assertThat(json)
        .contains("\"max_drawdown_account\" : 0.01234566"); // 0.012345665 half-even, not 0.01234567
    Matcher decimals = Pattern.compile("\" : (-?\\d+\\.\\d+)").matcher(json);
    int n = 0;
    while (decimals.find()) {
      assertThat(decimals.group(1)).as("every decimal has 8 places").matches("-?\\d+\\.\\d{8}");
      n++;
    }
    assertThat(n).isGreaterThan(20);
    JsonPath report = JsonPath.from(json);
    assertThat(report.getList("strategy_comparison.strategy")).containsExactly(s);
    assertThat(report.getInt("strategy_comparison[0].backtests")).isEqualTo(1);
    assertThat(report.getInt("strategy_comparison[0].hyperopts")).isEqualTo(1);
    // equity: 1000 + 2.29775628 - 10.07907911 + 1.796008
    assertThat(report.getList("runs.find { it.kind == 'backtest' }.equity_curve")).hasSize(4);
    assertThat(json)
        .contains(
            "\"equity\" : 1000.00000000",
            "\"equity\" : 1002.29775628",
            "\"equity\" : 992.21867717",
            "\"drawdown_abs\" : 10.07907911",
            "\"equity\" : 994.01468517");

    String md =
        given()
            .queryParam("format", "md")
            .queryParam("strategy", s)
            .get("/api/v1/reports/results")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(md)
        .contains(
            "## Strategy comparison",
            "| "
                + s
                + " | 1 | 1 | -0.00598531 | -5.98531483 | -0.51234568 | 0.01234566 | -1.25000000 (3) |",
            "994.01468517");

    String html =
        given()
            .queryParam("format", "html")
            .queryParam("strategy", s)
            .get("/api/v1/reports/results")
            .then()
            .statusCode(200)
            .contentType(containsString("text/html"))
            .extract()
            .asString();
    assertThat(html)
        .contains(
            "<svg", "class=\"equity-line\"", "class=\"drawdown\"", "drawdown max 10.07907911");
    assertThat(html).contains("-10.07907911", "42500.00000000");

    given()
        .queryParam("format", "pdf")
        .get("/api/v1/reports/results")
        .then()
        .statusCode(400)
        .body("detail", containsString("format"));

    String doc =
        given().get("/api/v1/reports/strategies").then().statusCode(200).extract().asString();
    assertThat(doc).contains("# Strategies", "## " + s, "Best backtest:", "Best hyperopt epoch: 3");
  }

  @Test
  void exportIsAStandaloneSqliteCopy() throws Exception {
    installBacktest(Fixtures.freshStrategy());
    given().header("X-API-Key", KEY).post("/api/v1/index").then().statusCode(200);
    JsonPath export =
        given()
            .header("X-API-Key", KEY)
            .post("/api/v1/exports")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Path file = Path.of(export.getString("path"));
    assertThat(file).exists();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM run")) {
      rs.next();
      assertThat(rs.getLong(1)).isGreaterThan(0);
    }
    byte[] downloaded =
        given().get(export.getString("download")).then().statusCode(200).extract().asByteArray();
    assertThat(downloaded).isEqualTo(Files.readAllBytes(file));
    given().post("/api/v1/exports").then().statusCode(401);
  }

  @Test
  void backupWipeRestoreBringsEverythingBackAndBadArchivesChangeNothing() throws Exception {
    String s = Fixtures.freshStrategy();
    installBacktest(s);
    Fixtures.installZip(backtests(), "backtest-result-2024-02-01_12-30-00-" + s, s);
    Fixtures.install(hyperopts(), Fixtures.HYPEROPT, Fixtures.HYPEROPT, s);
    Fixtures.write(indexer.varDir().resolve("logs/registry-test.log"), "a log line " + s + "\n");
    given().header("X-API-Key", KEY).post("/api/v1/index").then().statusCode(200);

    Map<String, String> files = artifactFiles();
    String registry = store.dump(false);
    JsonPath backup =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body("{\"include_logs\": true}")
            .post("/api/v1/backups")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = backup.getString("id");
    Path archive = Path.of(backup.getString("path"));
    assertThat(archive).exists().hasFileName(id + ".zip");
    assertThat(entries(archive))
        .contains("manifest.json", "registry/strategies_registry.sqlite", "logs/registry-test.log");
    given().get("/api/v1/backups").then().body("id", hasItem(id));

    // corrupted (one file's bytes changed, manifest kept) and truncated archives are refused;
    // nothing changes
    Path corrupted =
        rewrite(
            archive,
            "corrupted",
            "hyperopt_results/" + Fixtures.HYPEROPT.replace("__STRATEGY__", s));
    Path truncated = archive.resolveSibling("truncated.zip");
    byte[] all = Files.readAllBytes(archive);
    Files.write(truncated, java.util.Arrays.copyOf(all, all.length * 2 / 3));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("path", corrupted.toString()))
        .post("/api/v1/restores")
        .then()
        .statusCode(422)
        .body(
            "detail",
            containsString("hyperopt_results/" + Fixtures.HYPEROPT.replace("__STRATEGY__", s)))
        .body("detail", containsString("nothing changed"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("path", truncated.toString()))
        .post("/api/v1/restores")
        .then()
        .statusCode(422)
        .body("detail", containsString("truncated.zip"));
    assertThat(artifactFiles()).isEqualTo(files);
    assertThat(store.dump(false)).isEqualTo(registry);

    // wipe: folders gone, registry emptied
    deleteTree(backtests());
    deleteTree(hyperopts());
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      for (String t : List.of("run_trade", "run_pair", "hyperopt_epoch", "run", "artifact")) {
        st.executeUpdate("DELETE FROM " + t);
      }
    }
    assertThat(store.count("run")).isZero();

    given()
        .header("X-API-Key", KEY)
        .post("/api/v1/backups/" + id + "/restore")
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    assertThat(artifactFiles()).isEqualTo(files);
    assertThat(store.dump(false)).isEqualTo(registry);
    assertThat(Files.readString(indexer.varDir().resolve("logs/registry-test.log"))).contains(s);

    // restore, then reindex: the same registry
    given()
        .header("X-API-Key", KEY)
        .post("/api/v1/index")
        .then()
        .statusCode(200)
        .body("indexed", equalTo(0));
    assertThat(store.dump(false)).isEqualTo(registry);

    given()
        .header("X-API-Key", KEY)
        .post("/api/v1/backups/no-such-backup/restore")
        .then()
        .statusCode(404);
  }

  /** Every file under the two result folders, by relative path, with its sha256. */
  private Map<String, String> artifactFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (Path dir : List.of(backtests(), hyperopts())) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          out.put(indexer.varDir().relativize(f).toString(), sha(f));
        }
      }
    }
    return out;
  }

  private static List<String> entries(Path zip) throws IOException {
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      return z.stream().map(ZipEntry::getName).toList();
    }
  }

  /**
   * A copy of the archive with one entry's bytes changed and everything else, the manifest too, as
   * it was.
   */
  private static Path rewrite(Path archive, String name, String entry) throws IOException {
    Path out = archive.resolveSibling(name + ".zip");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean found = false;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive));
        ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        byte[] content = in.readAllBytes();
        if (e.getName().equals(entry)) {
          content[content.length / 2] ^= 0x01;
          found = true;
        }
        zip.putNextEntry(new ZipEntry(e.getName()));
        zip.write(content);
        zip.closeEntry();
      }
    }
    assertThat(found).as(entry + " in the archive").isTrue();
    Files.write(out, bytes.toByteArray());
    return out;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
