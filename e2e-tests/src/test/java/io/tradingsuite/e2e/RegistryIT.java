package io.tradingsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.e2e.harness.CandleSet;
import io.tradingsuite.e2e.harness.Scenario;
import io.tradingsuite.e2e.harness.ServiceName;
import io.tradingsuite.e2e.harness.Suite;
import io.tradingsuite.e2e.harness.TradeComparison;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's "done when", across processes: a backtest run through strategy-service (its engine, its
 * artifact, its {@code registry.artifacts.v1} message) appears in registry-service without anyone
 * asking; the registry holds the backtest's own trades; the report shows it with 8-decimal money
 * and its equity curve; backup → wipe (registry database and result folders gone) → restore brings
 * the registry and every file back identical.
 */
class RegistryIT {
  static Suite suite;

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void aBacktestReachesTheRegistryAndSurvivesBackupWipeRestore() throws Exception {
    List<String> pairs = List.of("BTC/USDT", "ETH/USDT");
    Scenario scenario = Scenario.standard("registry", pairs);
    CandleSet candles =
        CandleSet.generate(
            scenario.exchange(),
            List.of(
                new CandleSet.Profile("BTC/USDT", 42_000, 2, 0.004),
                new CandleSet.Profile("ETH/USDT", 2_300, 2, 0.005)),
            Instant.parse("2024-03-01T00:00:00Z"),
            900,
            20240302L);
    suite =
        Suite.builder("RegistryIT")
            .services(
                ServiceName.MARKET_DATA,
                ServiceName.STRATEGY,
                ServiceName.RISK,
                ServiceName.REGISTRY)
            .config(ServiceName.STRATEGY, "suite.backtest.default-exchange", scenario.exchange())
            .start();
    candles.importInto(suite);

    Scenario.Bot bot = scenario.bots().get(0);
    JsonNode backtest = scenario.backtestRun(suite, bot);
    long done = System.nanoTime();
    List<TradeComparison.Trade> trades = new ArrayList<>();
    for (JsonNode t : backtest.path("result").path("trades")) {
      trades.add(TradeComparison.Trade.fromBacktest(t));
    }
    assertThat(trades).as("backtest trades").hasSizeGreaterThanOrEqualTo(3);

    // indexed from the artifact message alone: nobody calls POST /index
    JsonNode[] listed = new JsonNode[1];
    suite.await(
        "registry-service to index the backtest",
        Duration.ofSeconds(60),
        () -> {
          listed[0] = suite.getJson(ServiceName.REGISTRY, "/runs?kind=backtest");
          return listed[0].size() == 1;
        });
    suite.log(
        String.format(
            "the backtest was in the registry %.1f s after it finished",
            (System.nanoTime() - done) / 1e9));
    String runId = listed[0].get(0).path("id").asText();
    JsonNode run = suite.getJson(ServiceName.REGISTRY, "/runs/" + runId);
    assertThat(run.path("strategy").asText()).isEqualTo("MaCrossoverStrategy");
    assertThat(run.path("trades")).hasSize(trades.size());
    for (int i = 0; i < trades.size(); i++) {
      JsonNode t = run.path("trades").get(i);
      TradeComparison.Trade b = trades.get(i);
      assertThat(t.path("pair").asText()).as("trade %d pair", i).isEqualTo(b.pair());
      assertThat(eight(t.path("profit_abs").decimalValue()))
          .as("trade %d profit_abs", i)
          .isEqualTo(eight(b.profitAbs()));
      assertThat(eight(t.path("open_rate").decimalValue()))
          .as("trade %d open_rate", i)
          .isEqualTo(eight(b.openRate()));
    }

    // strategy-service killed and started again: the run answers as before
    String backtestPath = "/backtests/" + backtest.path("id").asText();
    JsonNode shown = suite.getJson(ServiceName.STRATEGY, backtestPath);
    suite.kill(ServiceName.STRATEGY);
    suite.start(ServiceName.STRATEGY);
    assertThat(suite.getJson(ServiceName.STRATEGY, backtestPath))
        .as("the backtest after a restart of strategy-service")
        .isEqualTo(shown);

    // the report: 8-decimal money and the run's equity curve
    BigDecimal total = run.path("profit_total_abs").decimalValue();
    String md = suite.http().getText(suite.api(ServiceName.REGISTRY, "/reports/results?format=md"));
    assertThat(md).contains("MaCrossoverStrategy", eight(total).toPlainString());
    String html =
        suite.http().getText(suite.api(ServiceName.REGISTRY, "/reports/results?format=html"));
    assertThat(html).contains("<svg", runId);

    // backup, wipe, restore
    JsonNode backup =
        suite
            .http()
            .post(suite.api(ServiceName.REGISTRY, "/backups"), Map.of())
            .expect(201, "backup")
            .body();
    String backupId = backup.path("id").asText();
    JsonNode runsBefore = suite.getJson(ServiceName.REGISTRY, "/runs");
    Map<String, String> filesBefore = resultFiles();
    assertThat(filesBefore).isNotEmpty();

    suite.stop(ServiceName.REGISTRY);
    deleteTree(suite.varDir().resolve("registry"));
    deleteTree(suite.varDir().resolve("backtest_results"));
    deleteTree(suite.varDir().resolve("hyperopt_results"));
    suite.start(ServiceName.REGISTRY);
    assertThat(suite.getJson(ServiceName.REGISTRY, "/runs")).as("runs after the wipe").isEmpty();

    suite
        .http()
        .post(suite.api(ServiceName.REGISTRY, "/backups/" + backupId + "/restore"), Map.of())
        .expect(200, "restore");
    assertThat(suite.getJson(ServiceName.REGISTRY, "/runs")).isEqualTo(runsBefore);
    assertThat(suite.getJson(ServiceName.REGISTRY, "/runs/" + runId)).isEqualTo(run);
    assertThat(resultFiles()).isEqualTo(filesBefore);
  }

  private static BigDecimal eight(BigDecimal d) {
    return d.setScale(8, RoundingMode.HALF_EVEN);
  }

  /** Every file under the result folders, by path, with its sha256. */
  private static Map<String, String> resultFiles() throws IOException {
    Map<String, String> out = new TreeMap<>();
    for (String dir : List.of("backtest_results", "hyperopt_results")) {
      Path root = suite.varDir().resolve(dir);
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(root)) {
        for (Path f : s.filter(Files::isRegularFile).toList()) {
          out.put(suite.varDir().relativize(f).toString(), sha256(Files.readAllBytes(f)));
        }
      }
    }
    return out;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
