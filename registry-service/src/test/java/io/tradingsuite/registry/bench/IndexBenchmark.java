package io.tradingsuite.registry.bench;

import io.tradingsuite.registry.Fixtures;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.registry.store.RegistryStore;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Indexing throughput: N distinct Freqtrade backtest files (the 3-trade fixture, each with its own
 * strategy name and a different profit) indexed into a fresh SQLite registry by the service's own
 * scan ({@link Indexer#scan()}: same reader, validator, store, SQLite URL options, one connection,
 * {@link Indexer#SCAN_BATCH} artifacts per transaction). Same-run baselines: reading, hashing,
 * parsing and validating without the database; the same files one transaction per artifact (the
 * path of an artifact message); and the re-scan of the unchanged folder. Not a test: run
 * bench/registry/run.sh.
 */
public final class IndexBenchmark {
  private IndexBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Path work =
        Path.of(args.length > 1 ? args[1] : "registry-service/target/bench-registry")
            .toAbsolutePath();
    deleteTree(work);
    Path var = Files.createDirectories(work.resolve("var"));
    Path results = Files.createDirectories(var.resolve(Indexer.BACKTEST_DIR));
    long g0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String strategy = "Bench" + (i % 20) + "Strategy";
      String json =
          Fixtures.text(Fixtures.BACKTEST, strategy)
              .replace(
                  "\"profit_total\": -0.005985314830",
                  "\"profit_total\": -0.00" + String.format("%06d", i));
      Files.writeString(results.resolve(String.format("backtest-result-%06d.json", i)), json);
    }
    System.out.printf(
        "generated %d backtest files (%d bytes each) in %.1f s%n",
        n,
        Files.size(results.resolve("backtest-result-000000.json")),
        (System.nanoTime() - g0) / 1e9);

    Connection connection = registry(var.resolve("registry/strategies_registry.sqlite"));
    RegistryStore store = new RegistryStore(single(connection));
    Connection perFileConnection = registry(work.resolve("per-file/registry.sqlite"));
    RegistryStore perFileStore = new RegistryStore(single(perFileConnection));
    ArtifactReader reader = new ArtifactReader(Fixtures.validator());
    Indexer indexer = new Indexer(var, reader, store, Clock.systemUTC());
    Indexer perFile = new Indexer(var, reader, perFileStore, Clock.systemUTC());

    List<Path> files;
    try (Stream<Path> s = Files.list(results)) {
      files = s.sorted().toList();
    }
    // warm-up of the parsing path on 500 files (JIT), not counted
    for (Path f : files.subList(0, Math.min(500, files.size()))) {
      byte[] b = Files.readAllBytes(f);
      reader.read(
          new ArtifactReader.Source(f, f.toString(), null, null), b, ArtifactReader.sha256(b));
    }

    long b0 = System.nanoTime();
    int runs = 0;
    for (Path f : files) {
      byte[] b = Files.readAllBytes(f);
      runs +=
          reader
              .read(
                  new ArtifactReader.Source(f, f.toString(), null, null),
                  b,
                  ArtifactReader.sha256(b))
              .size();
    }
    double baseline = (System.nanoTime() - b0) / 1e9;

    long t0 = System.nanoTime();
    Indexer.ScanSummary first = indexer.scan();
    double index = (System.nanoTime() - t0) / 1e9;

    // same-run baseline: the same files, one transaction per artifact (the message path)
    long p0 = System.nanoTime();
    int perFileIndexed = 0;
    for (Path f : files) {
      if (perFile.index(f, null, null, null, null, null).status() == Indexer.Status.INDEXED) {
        perFileIndexed++;
      }
    }
    double perFileSeconds = (System.nanoTime() - p0) / 1e9;

    long r0 = System.nanoTime();
    Indexer.ScanSummary again = indexer.scan();
    double rescan = (System.nanoTime() - r0) / 1e9;

    System.out.printf(
        "baseline  read+sha256+parse+validate, no database: %d files in %.2f s = %.0f files/s (%d runs)%n",
        n, baseline, n / baseline, runs);
    System.out.printf(
        "index     first scan into SQLite (the service's scan: %d artifacts per tx): %d indexed, %d rejected in %.2f s = %.0f artifacts/s%n",
        Indexer.SCAN_BATCH, first.indexed(), first.rejected(), index, first.indexed() / index);
    System.out.printf(
        "baseline  one transaction per artifact (as for a message): %d indexed in %.2f s = %.0f artifacts/s%n",
        perFileIndexed, perFileSeconds, perFileIndexed / perFileSeconds);
    System.out.printf(
        "re-scan   nothing new (idempotent by sha256): %d unchanged, %d indexed in %.2f s = %.0f files/s%n",
        again.unchanged(), again.indexed(), rescan, n / rescan);
    System.out.printf(
        "registry  runs=%d trades=%d pairs=%d, database %d bytes%n",
        store.count("run"),
        store.count("run_trade"),
        store.count("run_pair"),
        Files.size(var.resolve("registry/strategies_registry.sqlite")));
    connection.close();
    perFileConnection.close();
  }

  /** A fresh registry file with the service's migrations and JDBC URL options. */
  private static Connection registry(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    String url = "jdbc:sqlite:" + file + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000";
    Flyway.configure()
        .dataSource(url, "", "")
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
    return DriverManager.getConnection(url);
  }

  /** One connection handed out again and again, like the service's pool of one. */
  private static DataSource single(Connection c) {
    Connection shared =
        (Connection)
            Proxy.newProxyInstance(
                IndexBenchmark.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, a) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(c, a);
                  } catch (java.lang.reflect.InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return new DataSource() {
      @Override
      public Connection getConnection() {
        return shared;
      }

      @Override
      public Connection getConnection(String u, String p) {
        return shared;
      }

      @Override
      public PrintWriter getLogWriter() {
        return null;
      }

      @Override
      public void setLogWriter(PrintWriter out) {}

      @Override
      public void setLoginTimeout(int seconds) {}

      @Override
      public int getLoginTimeout() {
        return 0;
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
      }

      @Override
      public boolean isWrapperFor(Class<?> iface) {
        return false;
      }
    };
  }

  private static void deleteTree(Path dir) throws Exception {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
