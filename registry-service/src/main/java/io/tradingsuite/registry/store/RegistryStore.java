package io.tradingsuite.registry.store;

import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.artifact.RunRecord.EpochRecord;
import io.tradingsuite.registry.artifact.RunRecord.PairRecord;
import io.tradingsuite.registry.artifact.RunRecord.TradeRecord;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The registry tables over plain JDBC (SQLite or PostgreSQL; the SQL is portable). Every write is
 * one transaction: an artifact with all its runs, or nothing. Methods take a connection each and
 * give it back at once, because the SQLite pool has exactly one.
 */
public class RegistryStore {
  private final DataSource dataSource;

  public RegistryStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** How a listing is filtered and ordered. Null fields do not filter. */
  public record RunFilter(
      ArtifactKind kind, String strategy, Instant since, String orderBy, int limit) {}

  /** An artifact as stored. */
  public record ArtifactRow(
      String sha256, ArtifactKind kind, String path, long sizeBytes, Instant indexedAt) {}

  /** A file that could not be indexed. */
  public record Problem(String path, String sha256, String field, String reason, Instant seenAt) {}

  public static final List<String> ORDERS =
      List.of("profit_total", "sharpe", "max_drawdown", "created_at");

  // ---------------------------------------------------------------- writes

  public boolean hasArtifact(String sha256) {
    return query(
        "SELECT 1 FROM artifact WHERE sha256 = ?", ps -> ps.setString(1, sha256), ResultSet::next);
  }

  public boolean messageProcessed(String messageId) {
    return query(
        "SELECT 1 FROM processed_message WHERE message_id = ?",
        ps -> ps.setString(1, messageId),
        ResultSet::next);
  }

  /**
   * Stores an artifact and its runs in one transaction. A different earlier version of the file at
   * the same path (a hyperopt that grew, a re-run) is replaced. Returns false if the content was
   * already indexed (nothing changes then, except that {@code messageId} is recorded as processed).
   */
  public boolean saveArtifact(
      ArtifactRow artifact, List<RunRecord> runs, String messageId, String topic) {
    return inTransaction(
        c -> {
          if (messageId != null && !recordMessage(c, messageId, topic)) {
            return false;
          }
          return insertArtifact(c, artifact, runs);
        });
  }

  /** An artifact read and validated, waiting to be stored. */
  public record PendingArtifact(ArtifactRow artifact, List<RunRecord> runs) {}

  /**
   * Stores several artifacts in one transaction (a scan's batch: one commit instead of one per
   * file). Each is whole or absent as with {@link #saveArtifact}; if any fails the batch rolls back
   * and the caller stores them one by one. Returns, per artifact, whether it was new.
   */
  public List<Boolean> saveArtifacts(List<PendingArtifact> batch) {
    return inTransaction(
        c -> {
          List<Boolean> out = new ArrayList<>(batch.size());
          for (PendingArtifact p : batch) {
            out.add(insertArtifact(c, p.artifact(), p.runs()));
          }
          return out;
        });
  }

  private static boolean insertArtifact(Connection c, ArtifactRow artifact, List<RunRecord> runs)
      throws SQLException {
    if (exists(c, "SELECT 1 FROM artifact WHERE sha256 = ?", artifact.sha256())) {
      return false;
    }
    List<String> older = strings(c, "SELECT sha256 FROM artifact WHERE path = ?", artifact.path());
    for (String sha : older) {
      deleteArtifact(c, sha);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO artifact (sha256, kind, path, size_bytes, indexed_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, artifact.sha256());
      ps.setString(2, kind(artifact.kind()));
      ps.setString(3, artifact.path());
      ps.setLong(4, artifact.sizeBytes());
      ps.setString(5, time(artifact.indexedAt()));
      ps.executeUpdate();
    }
    insertRuns(c, runs);
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM index_problem WHERE path = ?")) {
      ps.setString(1, artifact.path());
      ps.executeUpdate();
    }
    return true;
  }

  /** Records (or refreshes) why the file at {@code path} was skipped. */
  public void recordProblem(Problem p, String messageId, String topic) {
    inTransaction(
        c -> {
          if (messageId != null && !recordMessage(c, messageId, topic)) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO index_problem (path, sha256, field, reason, seen_at) VALUES (?, ?, ?, ?, ?) "
                      + "ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, field = excluded.field, "
                      + "reason = excluded.reason, seen_at = excluded.seen_at")) {
            ps.setString(1, p.path());
            ps.setString(2, p.sha256());
            ps.setString(3, truncate(p.field(), 500));
            ps.setString(4, truncate(p.reason(), 2000));
            ps.setString(5, time(p.seenAt()));
            ps.executeUpdate();
          }
          return true;
        });
  }

  /** Records a message that had no effect to store, so its redelivery is recognised. */
  public void recordMessageOnly(String messageId, String topic) {
    inTransaction(c -> recordMessage(c, messageId, topic));
  }

  private static boolean recordMessage(Connection c, String messageId, String topic)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO processed_message (message_id, topic, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, messageId);
      ps.setString(2, topic);
      ps.setTimestamp(3, java.sql.Timestamp.from(Instant.now()));
      return ps.executeUpdate() == 1;
    }
  }

  private static void deleteArtifact(Connection c, String sha) throws SQLException {
    for (String table : List.of("run_trade", "run_pair", "hyperopt_epoch")) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM "
                  + table
                  + " WHERE run_id IN (SELECT id FROM run WHERE artifact_sha256 = ?)")) {
        ps.setString(1, sha);
        ps.executeUpdate();
      }
    }
    for (String sql :
        List.of(
            "DELETE FROM run WHERE artifact_sha256 = ?", "DELETE FROM artifact WHERE sha256 = ?")) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, sha);
        ps.executeUpdate();
      }
    }
  }

  private static void insertRuns(Connection c, List<RunRecord> runs) throws SQLException {
    try (PreparedStatement run =
            c.prepareStatement(
                "INSERT INTO run (id, artifact_sha256, kind, strategy, created_at, "
                    + "timeframe, backtest_start, backtest_end, total_trades, wins, losses, draws, profit_total, profit_total_abs, "
                    + "max_drawdown_account, max_drawdown_abs, sharpe, sortino, calmar, starting_balance, final_balance, "
                    + "stake_currency, epochs, best_epoch, best_loss) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement trade =
            c.prepareStatement(
                "INSERT INTO run_trade (run_id, seq, pair, open_date, close_date, "
                    + "open_rate, close_rate, amount, stake_amount, profit_ratio, profit_abs, exit_reason) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement pair =
            c.prepareStatement(
                "INSERT INTO run_pair (run_id, pair, trades, profit_mean, "
                    + "profit_total, profit_total_abs, wins, draws, losses) VALUES (?,?,?,?,?,?,?,?,?)");
        PreparedStatement epoch =
            c.prepareStatement(
                "INSERT INTO hyperopt_epoch (run_id, epoch, loss, is_best, "
                    + "total_trades, profit_total, profit_total_abs, max_drawdown_account, sharpe, params) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      boolean trades = false;
      boolean pairs = false;
      boolean epochs = false;
      for (RunRecord r : runs) {
        int i = 1;
        run.setString(i++, r.id());
        run.setString(i++, r.artifactSha256());
        run.setString(i++, kind(r.kind()));
        run.setString(i++, r.strategy());
        run.setString(i++, time(r.createdAt()));
        run.setString(i++, r.timeframe());
        run.setString(i++, time(r.backtestStart()));
        run.setString(i++, time(r.backtestEnd()));
        setInt(run, i++, r.totalTrades());
        setInt(run, i++, r.wins());
        setInt(run, i++, r.losses());
        setInt(run, i++, r.draws());
        run.setString(i++, dec(r.profitTotal()));
        run.setString(i++, dec(r.profitTotalAbs()));
        run.setString(i++, dec(r.maxDrawdownAccount()));
        run.setString(i++, dec(r.maxDrawdownAbs()));
        run.setString(i++, dec(r.sharpe()));
        run.setString(i++, dec(r.sortino()));
        run.setString(i++, dec(r.calmar()));
        run.setString(i++, dec(r.startingBalance()));
        run.setString(i++, dec(r.finalBalance()));
        run.setString(i++, r.stakeCurrency());
        setInt(run, i++, r.epochs());
        setInt(run, i++, r.bestEpoch());
        run.setString(i, dec(r.bestLoss()));
        run.executeUpdate();
        for (TradeRecord t : r.trades()) {
          trade.setString(1, r.id());
          trade.setInt(2, t.seq());
          trade.setString(3, t.pair());
          trade.setString(4, time(t.openDate()));
          trade.setString(5, time(t.closeDate()));
          trade.setString(6, dec(t.openRate()));
          trade.setString(7, dec(t.closeRate()));
          trade.setString(8, dec(t.amount()));
          trade.setString(9, dec(t.stakeAmount()));
          trade.setString(10, dec(t.profitRatio()));
          trade.setString(11, dec(t.profitAbs()));
          trade.setString(12, t.exitReason());
          trade.addBatch();
          trades = true;
        }
        for (PairRecord p : r.pairs()) {
          pair.setString(1, r.id());
          pair.setString(2, p.pair());
          setInt(pair, 3, p.trades());
          pair.setString(4, dec(p.profitMean()));
          pair.setString(5, dec(p.profitTotal()));
          pair.setString(6, dec(p.profitTotalAbs()));
          setInt(pair, 7, p.wins());
          setInt(pair, 8, p.draws());
          setInt(pair, 9, p.losses());
          pair.addBatch();
          pairs = true;
        }
        for (EpochRecord e : r.epochList()) {
          epoch.setString(1, r.id());
          epoch.setInt(2, e.epoch());
          epoch.setString(3, dec(e.loss()));
          epoch.setBoolean(4, e.best());
          setInt(epoch, 5, e.totalTrades());
          epoch.setString(6, dec(e.profitTotal()));
          epoch.setString(7, dec(e.profitTotalAbs()));
          epoch.setString(8, dec(e.maxDrawdownAccount()));
          epoch.setString(9, dec(e.sharpe()));
          epoch.setString(10, e.params());
          epoch.addBatch();
          epochs = true;
        }
      }
      if (trades) {
        trade.executeBatch();
      }
      if (pairs) {
        pair.executeBatch();
      }
      if (epochs) {
        epoch.executeBatch();
      }
    }
  }

  // ---------------------------------------------------------------- reads

  public List<RunRecord> runs(RunFilter f) {
    StringBuilder sql = new StringBuilder(RUN_SELECT + " WHERE 1 = 1");
    List<String> args = new ArrayList<>();
    if (f.kind() != null) {
      sql.append(" AND r.kind = ?");
      args.add(kind(f.kind()));
    }
    if (f.strategy() != null) {
      sql.append(" AND r.strategy = ?");
      args.add(f.strategy());
    }
    if (f.since() != null) {
      sql.append(" AND r.created_at >= ?");
      args.add(time(f.since()));
    }
    sql.append(" ORDER BY ").append(orderClause(f.orderBy())).append(", r.created_at DESC, r.id");
    if (f.limit() > 0) {
      sql.append(" LIMIT ").append(f.limit());
    }
    return query(
        sql.toString(),
        ps -> {
          for (int i = 0; i < args.size(); i++) {
            ps.setString(i + 1, args.get(i));
          }
        },
        rs -> {
          List<RunRecord> out = new ArrayList<>();
          while (rs.next()) {
            out.add(run(rs));
          }
          return out;
        });
  }

  /** Best first: highest profit or sharpe, smallest drawdown; unknown values last. */
  private static String orderClause(String orderBy) {
    String o = orderBy == null ? "created_at" : orderBy;
    return switch (o) {
      case "profit_total" ->
          "CASE WHEN r.profit_total IS NULL THEN 1 ELSE 0 END, CAST(r.profit_total AS DOUBLE PRECISION) DESC";
      case "sharpe" ->
          "CASE WHEN r.sharpe IS NULL THEN 1 ELSE 0 END, CAST(r.sharpe AS DOUBLE PRECISION) DESC";
      case "max_drawdown" ->
          "CASE WHEN r.max_drawdown_account IS NULL THEN 1 ELSE 0 END, "
              + "CAST(r.max_drawdown_account AS DOUBLE PRECISION) ASC";
      case "created_at" -> "r.created_at DESC";
      default -> throw new IllegalArgumentException("order_by must be one of " + ORDERS);
    };
  }

  /** A run with its trades, per-pair rows and epochs. */
  public Optional<RunRecord> run(String id) {
    Optional<RunRecord> head =
        query(
            RUN_SELECT + " WHERE r.id = ?",
            ps -> ps.setString(1, id),
            rs -> rs.next() ? Optional.of(run(rs)) : Optional.<RunRecord>empty());
    return head.map(this::withDetails);
  }

  private RunRecord withDetails(RunRecord r) {
    List<TradeRecord> trades =
        query(
            "SELECT seq, pair, open_date, close_date, open_rate, close_rate, amount, "
                + "stake_amount, profit_ratio, profit_abs, exit_reason FROM run_trade WHERE run_id = ? ORDER BY seq",
            ps -> ps.setString(1, r.id()),
            rs -> {
              List<TradeRecord> out = new ArrayList<>();
              while (rs.next()) {
                out.add(
                    new TradeRecord(
                        rs.getInt(1),
                        rs.getString(2),
                        instant(rs.getString(3)),
                        instant(rs.getString(4)),
                        dec(rs.getString(5)),
                        dec(rs.getString(6)),
                        dec(rs.getString(7)),
                        dec(rs.getString(8)),
                        dec(rs.getString(9)),
                        dec(rs.getString(10)),
                        rs.getString(11)));
              }
              return out;
            });
    List<PairRecord> pairs =
        query(
            "SELECT pair, trades, profit_mean, profit_total, profit_total_abs, wins, draws, "
                + "losses FROM run_pair WHERE run_id = ? ORDER BY pair",
            ps -> ps.setString(1, r.id()),
            rs -> {
              List<PairRecord> out = new ArrayList<>();
              while (rs.next()) {
                out.add(
                    new PairRecord(
                        rs.getString(1),
                        integer(rs, 2),
                        dec(rs.getString(3)),
                        dec(rs.getString(4)),
                        dec(rs.getString(5)),
                        integer(rs, 6),
                        integer(rs, 7),
                        integer(rs, 8)));
              }
              return out;
            });
    List<EpochRecord> epochs =
        query(
            "SELECT " + EPOCH_COLUMNS + " FROM hyperopt_epoch WHERE run_id = ? ORDER BY epoch",
            ps -> ps.setString(1, r.id()),
            rs -> {
              List<EpochRecord> out = new ArrayList<>();
              while (rs.next()) {
                out.add(epoch(rs));
              }
              return out;
            });
    return new RunRecord(
        r.id(),
        r.kind(),
        r.strategy(),
        r.createdAt(),
        r.timeframe(),
        r.backtestStart(),
        r.backtestEnd(),
        r.totalTrades(),
        r.wins(),
        r.losses(),
        r.draws(),
        r.profitTotal(),
        r.profitTotalAbs(),
        r.maxDrawdownAccount(),
        r.maxDrawdownAbs(),
        r.sharpe(),
        r.sortino(),
        r.calmar(),
        r.startingBalance(),
        r.finalBalance(),
        r.stakeCurrency(),
        r.epochs(),
        r.bestEpoch(),
        r.bestLoss(),
        r.artifactSha256(),
        r.artifactPath(),
        trades,
        pairs,
        epochs);
  }

  /**
   * The best hyperopt epoch of a strategy over all its hyperopt runs: the lowest loss (the newest
   * run on a tie).
   */
  public record BestEpoch(
      String strategy,
      String runId,
      Instant runCreatedAt,
      String artifactPath,
      EpochRecord epoch) {}

  public Optional<BestEpoch> bestEpoch(String strategy) {
    return query(
        "SELECT r.id, r.created_at, a.path, "
            + prefixed("e.", EPOCH_COLUMNS)
            + " FROM hyperopt_epoch e JOIN run r ON r.id = e.run_id JOIN artifact a ON a.sha256 = r.artifact_sha256"
            + " WHERE r.strategy = ? AND r.kind = 'hyperopt'",
        ps -> ps.setString(1, strategy),
        rs -> {
          BestEpoch best = null;
          while (rs.next()) {
            EpochRecord e = epoch(rs, 4);
            Instant created = instant(rs.getString(2));
            int cmp = best == null ? -1 : e.loss().compareTo(best.epoch().loss());
            if (cmp < 0 || (cmp == 0 && created.isAfter(best.runCreatedAt()))) {
              best = new BestEpoch(strategy, rs.getString(1), created, rs.getString(3), e);
            }
          }
          return Optional.ofNullable(best);
        });
  }

  public List<String> strategies() {
    return query(
        "SELECT DISTINCT strategy FROM run ORDER BY strategy",
        ps -> {},
        rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        });
  }

  public List<Problem> problems() {
    return query(
        "SELECT path, sha256, field, reason, seen_at FROM index_problem ORDER BY path",
        ps -> {},
        rs -> {
          List<Problem> out = new ArrayList<>();
          while (rs.next()) {
            out.add(
                new Problem(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    instant(rs.getString(5))));
          }
          return out;
        });
  }

  public long count(String table) {
    if (!table.matches("[a-z_]+")) {
      throw new IllegalArgumentException(table);
    }
    return query(
        "SELECT COUNT(*) FROM " + table,
        ps -> {},
        rs -> {
          rs.next();
          return rs.getLong(1);
        });
  }

  /**
   * Every registry row as text, table by table in key order: two registries are the same if their
   * dumps are equal. {@code indexed_at} and the message ledger are left out, as they record when,
   * not what.
   */
  public String dump() {
    return dump(true);
  }

  /**
   * {@link #dump()}, optionally without the index problems (which record the outside world, not
   * results).
   */
  public String dump(boolean withProblems) {
    StringBuilder out = new StringBuilder();
    for (String sql :
        List.of(
            "SELECT sha256, kind, path, size_bytes FROM artifact ORDER BY sha256",
            "SELECT * FROM run ORDER BY id",
            "SELECT * FROM run_trade ORDER BY run_id, seq",
            "SELECT * FROM run_pair ORDER BY run_id, pair",
            "SELECT * FROM hyperopt_epoch ORDER BY run_id, epoch",
            "SELECT path, sha256, field, reason FROM index_problem ORDER BY path")) {
      if (!withProblems && sql.contains("index_problem")) {
        continue;
      }
      out.append("## ").append(sql).append('\n');
      query(
          sql,
          ps -> {},
          rs -> {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
              for (int i = 1; i <= n; i++) {
                out.append(i > 1 ? "|" : "").append(rs.getString(i));
              }
              out.append('\n');
            }
            return null;
          });
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- snapshots

  /**
   * A consistent copy of the live database in a new SQLite file. On SQLite through {@code VACUUM
   * INTO} (a read transaction: concurrent writers neither block it nor tear it); on PostgreSQL the
   * rows are copied out in one read-only REPEATABLE READ transaction into a file migrated with the
   * same schema, so backups and exports are the same SQLite file whichever database runs. The
   * target must not exist.
   */
  public void snapshotTo(Path target) {
    try (Connection c = dataSource.getConnection()) {
      if (isSqlite(c)) {
        try (Statement st = c.createStatement()) {
          st.execute("VACUUM INTO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
        }
      } else {
        SqliteCopy.copyOut(c, target);
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("snapshot to " + target + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Replaces the live database's content with {@code source}'s, atomically. On SQLite through its
   * online backup API (sqlite-jdbc's {@code restore from}): page by page in one write transaction,
   * so readers see the old registry or the new one, never a mix. On PostgreSQL every registry row
   * is replaced by the file's in one transaction.
   */
  public void restoreFrom(Path source) {
    try (Connection c = dataSource.getConnection()) {
      if (isSqlite(c)) {
        try (Statement st = c.createStatement()) {
          st.executeUpdate(
              "restore from " + quoteForSqliteCommand(source.toAbsolutePath().toString()));
        }
      } else {
        SqliteCopy.copyIn(source, c);
      }
    } catch (SQLException | RuntimeException e) {
      throw new StoreException("restore from " + source + " failed: " + e.getMessage(), e);
    }
  }

  private static boolean isSqlite(Connection c) throws SQLException {
    return c.getMetaData().getURL().startsWith("jdbc:sqlite:");
  }

  private static String quoteForSqliteCommand(String path) {
    if (path.contains("\"")) {
      throw new StoreException("path must not contain a double quote: " + path, null);
    }
    return '"' + path + '"';
  }

  // ---------------------------------------------------------------- plumbing

  private static final String RUN_SELECT =
      "SELECT r.id, r.kind, r.strategy, r.created_at, r.timeframe, "
          + "r.backtest_start, r.backtest_end, r.total_trades, r.wins, r.losses, r.draws, r.profit_total, "
          + "r.profit_total_abs, r.max_drawdown_account, r.max_drawdown_abs, r.sharpe, r.sortino, r.calmar, "
          + "r.starting_balance, r.final_balance, r.stake_currency, r.epochs, r.best_epoch, r.best_loss, "
          + "r.artifact_sha256, a.path FROM run r JOIN artifact a ON a.sha256 = r.artifact_sha256";
  private static final String EPOCH_COLUMNS =
      "epoch, loss, is_best, total_trades, profit_total, profit_total_abs, max_drawdown_account, sharpe, params";

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }

  private static RunRecord run(ResultSet rs) throws SQLException {
    return new RunRecord(
        rs.getString(1),
        ArtifactKind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
        rs.getString(3),
        instant(rs.getString(4)),
        rs.getString(5),
        instant(rs.getString(6)),
        instant(rs.getString(7)),
        integer(rs, 8),
        integer(rs, 9),
        integer(rs, 10),
        integer(rs, 11),
        dec(rs.getString(12)),
        dec(rs.getString(13)),
        dec(rs.getString(14)),
        dec(rs.getString(15)),
        dec(rs.getString(16)),
        dec(rs.getString(17)),
        dec(rs.getString(18)),
        dec(rs.getString(19)),
        dec(rs.getString(20)),
        rs.getString(21),
        integer(rs, 22),
        integer(rs, 23),
        dec(rs.getString(24)),
        rs.getString(25),
        rs.getString(26),
        List.of(),
        List.of(),
        List.of());
  }

  private static EpochRecord epoch(ResultSet rs) throws SQLException {
    return epoch(rs, 1);
  }

  private static EpochRecord epoch(ResultSet rs, int from) throws SQLException {
    return new EpochRecord(
        rs.getInt(from),
        dec(rs.getString(from + 1)),
        rs.getBoolean(from + 2),
        integer(rs, from + 3),
        dec(rs.getString(from + 4)),
        dec(rs.getString(from + 5)),
        dec(rs.getString(from + 6)),
        dec(rs.getString(from + 7)),
        rs.getString(from + 8));
  }

  static String kind(ArtifactKind k) {
    return k.name().toLowerCase(Locale.ROOT);
  }

  /** ISO-8601 UTC to the second: fixed width, so text order is time order. */
  static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }

  static String dec(BigDecimal d) {
    return d == null ? null : d.toPlainString();
  }

  static BigDecimal dec(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  private static Integer integer(ResultSet rs, int i) throws SQLException {
    int v = rs.getInt(i);
    return rs.wasNull() ? null : v;
  }

  private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.INTEGER);
    } else {
      ps.setInt(i, v);
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }

  private static boolean exists(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static List<String> strings(Connection c, String sql, String arg) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
          out.add(rs.getString(1));
        }
        return out;
      }
    }
  }

  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T query(String sql, Binder binder, Reader<T> reader) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        return reader.read(rs);
      }
    } catch (SQLException e) {
      throw new StoreException("registry query failed: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException("registry write failed: " + e.getMessage(), e);
    }
  }

  /** The database could not do what was asked. */
  public static class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
