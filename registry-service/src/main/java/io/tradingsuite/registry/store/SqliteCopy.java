package io.tradingsuite.registry.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteDataSource;

/**
 * The registry's rows copied between the live database and a standalone SQLite file, for a registry
 * kept in PostgreSQL: backups and exports hold the same SQLite file whichever database the service
 * runs on, so a backup made on one restores on the other.
 *
 * <p>The SQLite side always gets the schema from the service's own migrations first (a file from an
 * older release is brought up to date before its rows are read). Copying out runs in one read-only
 * REPEATABLE READ transaction (a consistent snapshot while indexing goes on); copying in replaces
 * every row in one transaction (readers see the old registry or the new one).
 */
final class SqliteCopy {

  /** How a column is carried: the few that are not text say so. */
  private enum Kind {
    TEXT,
    INT,
    LONG,
    BOOL,
    TIME
  }

  private record Table(String name, Map<String, Kind> columns) {}

  /** Parents before children (foreign keys); deletes go the other way. */
  private static final List<Table> TABLES =
      List.of(
          new Table(
              "processed_message",
              ordered("message_id", Kind.TEXT, "topic", Kind.TEXT, "processed_at", Kind.TIME)),
          new Table(
              "artifact",
              ordered(
                  "sha256", Kind.TEXT,
                  "kind", Kind.TEXT,
                  "path", Kind.TEXT,
                  "size_bytes", Kind.LONG,
                  "indexed_at", Kind.TEXT)),
          new Table(
              "run",
              ordered(
                  "id", Kind.TEXT,
                  "artifact_sha256", Kind.TEXT,
                  "kind", Kind.TEXT,
                  "strategy", Kind.TEXT,
                  "created_at", Kind.TEXT,
                  "timeframe", Kind.TEXT,
                  "backtest_start", Kind.TEXT,
                  "backtest_end", Kind.TEXT,
                  "total_trades", Kind.INT,
                  "wins", Kind.INT,
                  "losses", Kind.INT,
                  "draws", Kind.INT,
                  "profit_total", Kind.TEXT,
                  "profit_total_abs", Kind.TEXT,
                  "max_drawdown_account", Kind.TEXT,
                  "max_drawdown_abs", Kind.TEXT,
                  "sharpe", Kind.TEXT,
                  "sortino", Kind.TEXT,
                  "calmar", Kind.TEXT,
                  "starting_balance", Kind.TEXT,
                  "final_balance", Kind.TEXT,
                  "stake_currency", Kind.TEXT,
                  "epochs", Kind.INT,
                  "best_epoch", Kind.INT,
                  "best_loss", Kind.TEXT)),
          new Table(
              "run_trade",
              ordered(
                  "run_id", Kind.TEXT,
                  "seq", Kind.INT,
                  "pair", Kind.TEXT,
                  "open_date", Kind.TEXT,
                  "close_date", Kind.TEXT,
                  "open_rate", Kind.TEXT,
                  "close_rate", Kind.TEXT,
                  "amount", Kind.TEXT,
                  "stake_amount", Kind.TEXT,
                  "profit_ratio", Kind.TEXT,
                  "profit_abs", Kind.TEXT,
                  "exit_reason", Kind.TEXT)),
          new Table(
              "run_pair",
              ordered(
                  "run_id", Kind.TEXT,
                  "pair", Kind.TEXT,
                  "trades", Kind.INT,
                  "profit_mean", Kind.TEXT,
                  "profit_total", Kind.TEXT,
                  "profit_total_abs", Kind.TEXT,
                  "wins", Kind.INT,
                  "draws", Kind.INT,
                  "losses", Kind.INT)),
          new Table(
              "hyperopt_epoch",
              ordered(
                  "run_id", Kind.TEXT,
                  "epoch", Kind.INT,
                  "loss", Kind.TEXT,
                  "is_best", Kind.BOOL,
                  "total_trades", Kind.INT,
                  "profit_total", Kind.TEXT,
                  "profit_total_abs", Kind.TEXT,
                  "max_drawdown_account", Kind.TEXT,
                  "sharpe", Kind.TEXT,
                  "params", Kind.TEXT)),
          new Table(
              "index_problem",
              ordered(
                  "path", Kind.TEXT,
                  "sha256", Kind.TEXT,
                  "field", Kind.TEXT,
                  "reason", Kind.TEXT,
                  "seen_at", Kind.TEXT)));

  private static final int BATCH = 1000;

  private SqliteCopy() {}

  /** Writes every row of {@code source} into a new SQLite file at {@code target}. */
  static void copyOut(Connection source, Path target) throws SQLException {
    if (Files.exists(target)) {
      throw new SQLException("the target exists: " + target);
    }
    migrate(target);
    boolean auto = source.getAutoCommit();
    int isolation = source.getTransactionIsolation();
    boolean readOnly = source.isReadOnly();
    source.setAutoCommit(false);
    source.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    source.setReadOnly(true);
    try (Connection file = sqlite(target)) {
      file.setAutoCommit(false);
      for (Table t : TABLES) {
        copyTable(t, source, file);
      }
      file.commit();
      source.commit();
    } catch (SQLException | RuntimeException e) {
      source.rollback();
      throw e;
    } finally {
      source.setReadOnly(readOnly);
      source.setTransactionIsolation(isolation);
      source.setAutoCommit(auto);
    }
  }

  /**
   * Replaces every registry row of {@code target} with the rows of the SQLite file {@code source}
   * (migrated first, so an older file still fits), in one transaction.
   */
  static void copyIn(Path source, Connection target) throws SQLException {
    migrate(source);
    boolean auto = target.getAutoCommit();
    target.setAutoCommit(false);
    try (Connection file = sqlite(source)) {
      try (Statement st = target.createStatement()) {
        for (int i = TABLES.size() - 1; i >= 0; i--) {
          st.executeUpdate("DELETE FROM " + TABLES.get(i).name());
        }
      }
      for (Table t : TABLES) {
        copyTable(t, file, target);
      }
      target.commit();
    } catch (SQLException | RuntimeException e) {
      target.rollback();
      throw e;
    } finally {
      target.setAutoCommit(auto);
    }
  }

  private static void copyTable(Table t, Connection from, Connection to) throws SQLException {
    List<String> cols = List.copyOf(t.columns().keySet());
    String names = String.join(", ", cols);
    String marks = String.join(", ", cols.stream().map(c -> "?").toList());
    try (Statement read = from.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + names + " FROM " + t.name());
        PreparedStatement write =
            to.prepareStatement(
                "INSERT INTO " + t.name() + " (" + names + ") VALUES (" + marks + ")")) {
      int pending = 0;
      while (rs.next()) {
        for (int i = 0; i < cols.size(); i++) {
          carry(t.columns().get(cols.get(i)), rs, write, i + 1);
        }
        write.addBatch();
        if (++pending == BATCH) {
          write.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
  }

  private static void carry(Kind kind, ResultSet rs, PreparedStatement ps, int i)
      throws SQLException {
    switch (kind) {
      case TEXT -> ps.setString(i, rs.getString(i));
      case INT -> {
        int v = rs.getInt(i);
        if (rs.wasNull()) {
          ps.setNull(i, Types.INTEGER);
        } else {
          ps.setInt(i, v);
        }
      }
      case LONG -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          ps.setNull(i, Types.BIGINT);
        } else {
          ps.setLong(i, v);
        }
      }
      case BOOL -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          ps.setNull(i, Types.BOOLEAN);
        } else {
          ps.setBoolean(i, v);
        }
      }
      case TIME -> {
        Timestamp v = rs.getTimestamp(i);
        if (v == null) {
          ps.setNull(i, Types.TIMESTAMP);
        } else {
          ps.setTimestamp(i, v);
        }
      }
    }
  }

  /** The service's own migrations, with the SQLite placeholders of service-support's config. */
  private static void migrate(Path file) {
    Flyway.configure()
        .dataSource(dataSource(file))
        .locations("classpath:db/migration")
        .placeholders(Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
  }

  private static Connection sqlite(Path file) throws SQLException {
    return dataSource(file).getConnection();
  }

  /** The driver's own data source: no DriverManager lookup through the application class loader. */
  private static SQLiteDataSource dataSource(Path file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    return ds;
  }

  /** The tables a copy carries, parents first (for the test that it misses none). */
  static List<String> tableNames() {
    return TABLES.stream().map(Table::name).toList();
  }

  private static Map<String, Kind> ordered(Object... pairs) {
    Map<String, Kind> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (Kind) pairs[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
