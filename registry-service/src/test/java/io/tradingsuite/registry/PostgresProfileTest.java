package io.tradingsuite.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.PostgresProfile;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The service on the real PostgreSQL: Flyway migrates the schema and readiness reports it; export,
 * backup and restore work there too, with the same standalone SQLite file in the archive.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestProfile(PostgresProfileTest.Postgres.class)
class PostgresProfileTest {
  private static final String KEY = "test-api-key";

  public static class Postgres extends PostgresProfile {
    @Override
    protected String database() {
      return "registry_foundation_test";
    }

    @Override
    protected Map<String, String> extraOverrides() {
      // its own var dir: a restore swaps folders, which must not touch the SQLite tests' files
      return Map.of("suite.var-dir", "target/registry-postgres-var");
    }
  }

  @Inject Indexer indexer;
  @Inject RegistryStore store;
  @Inject AgroalDataSource dataSource;

  @Test
  void migratesOnPostgresAndIsReady() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'database schema' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'database schema' }.data.url",
            equalTo(
                "jdbc:postgresql://"
                    + PostgresProfile.host()
                    + ":"
                    + PostgresProfile.port()
                    + "/registry_foundation_test"));
  }

  @Test
  void exportBackupWipeRestoreOnPostgres() throws Exception {
    String s = Fixtures.freshStrategy();
    Path backtests = indexer.varDir().resolve(Indexer.BACKTEST_DIR);
    Path hyperopts = indexer.varDir().resolve(Indexer.HYPEROPT_DIR);
    String base = "backtest-result-2024-01-15_10-00-00-" + s;
    Fixtures.install(backtests, Fixtures.BACKTEST_META, base + ".meta.json", s);
    Fixtures.install(backtests, Fixtures.BACKTEST, base + ".json", s);
    Fixtures.install(hyperopts, Fixtures.HYPEROPT, Fixtures.HYPEROPT, s);
    Fixtures.write(backtests.resolve("backtest-result-broken.json"), "{\"strategy\": ");
    given().header("X-API-Key", KEY).post("/api/v1/index").then().statusCode(200);
    String registry = store.dump(true);
    long runs = store.count("run");
    assertThat(runs).isGreaterThanOrEqualTo(2);
    assertThat(store.count("hyperopt_epoch")).isPositive();
    assertThat(registry).contains("backtest-result-broken.json");

    // export: a standalone SQLite file holding every row
    JsonPath export =
        given()
            .header("X-API-Key", KEY)
            .post("/api/v1/exports")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    Path exported = Path.of(export.getString("path"));
    assertThat(countIn(exported, "run")).isEqualTo(runs);
    assertThat(countIn(exported, "run_trade")).isEqualTo(store.count("run_trade"));
    assertThat(countIn(exported, "hyperopt_epoch")).isEqualTo(store.count("hyperopt_epoch"));
    assertThat(countIn(exported, "index_problem")).isEqualTo(store.count("index_problem"));

    JsonPath backup =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body("{}")
            .post("/api/v1/backups")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    String id = backup.getString("id");
    try (ZipFile zip = new ZipFile(backup.getString("path"))) {
      assertThat(zip.getEntry("registry/strategies_registry.sqlite")).isNotNull();
    }

    // wipe the registry and the folders, restore: everything is back
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      for (String t :
          List.of(
              "run_trade",
              "run_pair",
              "hyperopt_epoch",
              "run",
              "artifact",
              "index_problem",
              "processed_message")) {
        st.executeUpdate("DELETE FROM " + t);
      }
    }
    deleteTree(backtests);
    deleteTree(hyperopts);
    assertThat(store.count("run")).isZero();
    given()
        .header("X-API-Key", KEY)
        .post("/api/v1/backups/" + id + "/restore")
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
    assertThat(store.dump(true)).isEqualTo(registry);
    assertThat(backtests.resolve(base + ".json")).exists();
    given()
        .header("X-API-Key", KEY)
        .post("/api/v1/index")
        .then()
        .statusCode(200)
        .body("indexed", equalTo(0));
    assertThat(store.dump(true)).isEqualTo(registry);

    // a file whose rows PostgreSQL refuses (a trade of no run) changes nothing: one transaction
    Path bad = exported.resolveSibling("dangling-" + id + ".sqlite");
    Files.copy(exported, bad);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + bad);
        Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM run_pair");
      st.executeUpdate(
          "INSERT INTO run_trade (run_id, seq, pair, open_date, close_date, open_rate, close_rate,"
              + " amount, stake_amount, profit_ratio, profit_abs) VALUES ('no-such-run', 1,"
              + " 'BTC/USDT', 'a', 'b', '1', '1', '1', '1', '0', '0')");
    }
    assertThatThrownBy(() -> store.restoreFrom(bad))
        .isInstanceOf(RegistryStore.StoreException.class)
        .hasMessageContaining("restore from");
    assertThat(store.dump(true)).isEqualTo(registry);
  }

  private static long countIn(Path sqlite, String table) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
