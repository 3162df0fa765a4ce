package io.tradingsuite.registry.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.registry.Fixtures;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.store.RegistryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** A scan stores its artifacts in batches, and falls back to one by one when a batch fails. */
class IndexerScanTest {
  private static final ArtifactReader READER = new ArtifactReader(Fixtures.validator());

  private static RegistryStore store(Path db) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + db);
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
    return new RegistryStore(ds);
  }

  /** More files than one batch holds, one bad file among them. */
  private static Path results(Path dir, int n) throws Exception {
    Path var = dir.resolve("var");
    Path backtests = Files.createDirectories(var.resolve(Indexer.BACKTEST_DIR));
    for (int i = 0; i < n; i++) {
      Fixtures.install(
          backtests, Fixtures.BACKTEST, String.format("backtest-result-%04d.json", i), "S" + i);
    }
    Fixtures.write(backtests.resolve("backtest-result-0100-bad.json"), "{\"strategy\": ");
    return var;
  }

  @Test
  void aScanOfSeveralBatchesIndexesEveryFileOnceAndRecordsTheBadOne(@TempDir Path dir)
      throws Exception {
    int n = Indexer.SCAN_BATCH * 2 + 17;
    Path var = results(dir, n);
    RegistryStore store = store(dir.resolve("registry.sqlite"));
    Indexer indexer = new Indexer(var, READER, store, Clock.systemUTC());

    Indexer.ScanSummary first = indexer.scan();
    assertThat(first.indexed()).isEqualTo(n);
    assertThat(first.rejected()).isEqualTo(1);
    assertThat(first.problems().get(0).path()).endsWith("backtest-result-0100-bad.json");
    assertThat(store.count("run")).isEqualTo(n);
    assertThat(store.count("artifact")).isEqualTo(n);

    Indexer.ScanSummary again = indexer.scan();
    assertThat(again.indexed()).isZero();
    assertThat(again.unchanged()).isEqualTo(n);
  }

  @Test
  void aBatchTheDatabaseRefusesIsStoredFileByFileWithTheSameResult(@TempDir Path dir)
      throws Exception {
    int n = Indexer.SCAN_BATCH + 5;
    Path var = results(dir, n);
    RegistryStore normal = store(dir.resolve("normal.sqlite"));
    new Indexer(var, READER, normal, Clock.systemUTC()).scan();

    AtomicInteger refused = new AtomicInteger();
    SQLiteDataSource ds = new SQLiteDataSource();
    RegistryStore migrated = store(dir.resolve("fallback.sqlite"));
    ds.setUrl("jdbc:sqlite:" + dir.resolve("fallback.sqlite"));
    RegistryStore refusing =
        new RegistryStore(ds) {
          @Override
          public List<Boolean> saveArtifacts(List<PendingArtifact> batch) {
            refused.incrementAndGet();
            throw new StoreException("refused for the test", null);
          }
        };
    Indexer.ScanSummary summary = new Indexer(var, READER, refusing, Clock.systemUTC()).scan();

    assertThat(refused.get()).isEqualTo(2);
    assertThat(summary.indexed()).isEqualTo(n);
    assertThat(migrated.dump(true)).isEqualTo(normal.dump(true));
  }
}
