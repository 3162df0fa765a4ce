package io.tradingsuite.registry.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.Fixtures;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.store.RegistryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * An {@link ArtifactCreated} names a result on the artifacts volume: a path outside the var dir, a
 * device, a directory or a path no file system has is a recorded problem, never read
 * (HostileInputIT sent {@code /dev/zero}, {@code ../../etc/passwd} and a NUL).
 */
class IndexerMessagePathTest {
  @TempDir Path dir;

  Indexer indexer() throws Exception {
    Path var = Files.createDirectories(dir.resolve("var"));
    Files.createDirectories(var.resolve(Indexer.BACKTEST_DIR));
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("registry.sqlite"));
    Flyway.configure()
        .dataSource(ds)
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
    return new Indexer(
        var, new ArtifactReader(Fixtures.validator()), new RegistryStore(ds), Clock.systemUTC());
  }

  static ArtifactCreated message(String path) {
    return new ArtifactCreated(
        UUID.randomUUID().toString(),
        ArtifactKind.BACKTEST,
        "S",
        path,
        "0".repeat(64),
        Instant.parse("2024-01-15T10:00:00Z"));
  }

  @Test
  void pathsOffTheArtifactsVolumeAreProblemsNotReads() throws Exception {
    Indexer indexer = indexer();
    Path outside = Files.writeString(dir.resolve("secret.json"), "{\"not\": \"yours\"}");
    for (String path :
        new String[] {
          "/dev/zero", outside.toString(), "backtest_results/../../secret.json", "../secret.json",
        }) {
      Indexer.Outcome o = indexer.onMessage(message(path));
      assertThat(o.status()).as(path).isEqualTo(Indexer.Status.REJECTED);
      assertThat(o.field()).as(path).isEqualTo("path");
      assertThat(o.reason()).as(path).contains("not under the artifacts folder");
      assertThat(o.sha256()).as("%s was not read", path).isNull();
    }
  }

  @Test
  void aDirectoryAndAnImpossiblePathAreProblems() throws Exception {
    Indexer indexer = indexer();
    Indexer.Outcome d = indexer.onMessage(message(Indexer.BACKTEST_DIR));
    assertThat(d.status()).isEqualTo(Indexer.Status.REJECTED);
    assertThat(d.reason()).contains("not a regular file");

    Indexer.Outcome nul = indexer.onMessage(message("backtest_results/a\u0000b.json"));
    assertThat(nul.status()).isEqualTo(Indexer.Status.REJECTED);
    assertThat(nul.reason()).startsWith("not a file path");
    assertThat(nul.path()).doesNotContain("\u0000");
  }
}
