package io.tradingsuite.strategy.backtest;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Backtest runs over plain JDBC (SQLite or PostgreSQL, portable SQL), so that {@code GET
 * /backtests/{id}} answers after a restart: the run's state at each change, and when done its
 * result exactly as it was shown. Progress percentages stay in memory.
 */
@ApplicationScoped
public class BacktestRunStore {

  @Inject AgroalDataSource ds;

  /** Records a new (queued) run. */
  public void insert(BacktestRun run) {
    update(
        "INSERT INTO backtest_run (id, strategy, exchange, pairs, timeframe, created_at, status)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ps -> {
          ps.setString(1, run.id());
          ps.setString(2, run.strategy());
          ps.setString(3, run.exchange());
          ps.setString(4, String.join(",", run.pairs()));
          ps.setString(5, run.timeframe());
          ps.setString(6, run.createdAt().toString());
          ps.setString(7, run.status().name());
        });
  }

  /** Records the run's current state; {@code resultJson} is its result when done, else null. */
  public void save(BacktestRun run, String resultJson) {
    update(
        "UPDATE backtest_run SET status = ?, started_at = ?, finished_at = ?, detail = ?,"
            + " lease_id = ?, artifact = ?, result = ? WHERE id = ?",
        ps -> {
          ps.setString(1, run.status().name());
          ps.setString(2, text(run.startedAt()));
          ps.setString(3, text(run.finishedAt()));
          ps.setString(4, run.detail());
          ps.setString(5, run.leaseId());
          ps.setString(6, run.artifact());
          ps.setString(7, resultJson);
          ps.setString(8, run.id());
        });
  }

  public Optional<BacktestRun> find(String id) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, strategy, exchange, pairs, timeframe, created_at, status, started_at,"
                    + " finished_at, detail, lease_id, artifact, result FROM backtest_run WHERE"
                    + " id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            BacktestRun.restored(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                List.copyOf(Arrays.asList(rs.getString(4).split(",", -1))),
                rs.getString(5),
                Instant.parse(rs.getString(6)),
                BacktestRun.Status.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                instant(rs.getString(8)),
                instant(rs.getString(9)),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("backtest runs unreadable: " + e.getMessage(), e);
    }
  }

  /**
   * Runs that were queued or running when the service stopped will not finish: they are marked
   * failed with the reason. Returns how many.
   */
  public int interruptUnfinished(Instant now) {
    int[] n = new int[1];
    update(
        "UPDATE backtest_run SET status = 'FAILED', finished_at = ?, detail = ? WHERE status IN"
            + " ('QUEUED', 'RUNNING')",
        ps -> {
          ps.setString(1, now.toString());
          ps.setString(
              2, "interrupted: strategy-service stopped before the run finished; submit it again");
        },
        n);
    return n[0];
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  private void update(String sql, Binder binder) {
    update(sql, binder, new int[1]);
  }

  private void update(String sql, Binder binder, int[] count) {
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      count[0] = ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("backtest runs not stored: " + e.getMessage(), e);
    }
  }

  private static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
