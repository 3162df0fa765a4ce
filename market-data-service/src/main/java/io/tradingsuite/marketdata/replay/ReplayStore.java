package io.tradingsuite.marketdata.replay;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Replays and their per-pair progress in tables {@code replay} and {@code replay_progress} (plain
 * JDBC).
 */
public class ReplayStore {
  private final DataSource dataSource;

  public ReplayStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void create(ReplaySpec spec, long total) {
    long now = System.currentTimeMillis();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO replay (id, exchange, pairs, timeframe, from_time, to_time, speed,"
                    + " status, total, error, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)")) {
      ps.setString(1, spec.id());
      ps.setString(2, spec.exchange());
      ps.setString(3, String.join(",", spec.pairs()));
      ps.setString(4, spec.timeframe());
      ps.setLong(5, spec.from());
      ps.setLong(6, spec.to());
      ps.setBigDecimal(7, BigDecimal.valueOf(spec.speed()));
      ps.setString(8, ReplayState.RUNNING);
      ps.setLong(9, total);
      ps.setLong(10, now);
      ps.setLong(11, now);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store replay " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  /** Where each partition of the candle topic ended when the replay started. */
  public void saveStartOffsets(String id, Map<Integer, Long> offsets) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO replay_start_offset (replay_id, topic_partition, start_offset)"
                    + " VALUES (?, ?, ?)")) {
      for (Map.Entry<Integer, Long> e : offsets.entrySet()) {
        ps.setString(1, id);
        ps.setInt(2, e.getKey());
        ps.setLong(3, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store start offsets of replay " + id + ": " + e.getMessage(), e);
    }
  }

  /** {@link #saveStartOffsets}, or empty for a replay started without them. */
  public Map<Integer, Long> startOffsets(String id) {
    Map<Integer, Long> out = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT topic_partition, start_offset FROM replay_start_offset WHERE replay_id = ?"
                    + " ORDER BY topic_partition")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getInt(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read start offsets of replay " + id + ": " + e.getMessage(), e);
    }
  }

  public void setStatus(String id, String status, String error) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE replay SET status = ?, error = ?, updated_at = ? WHERE id = ?")) {
      ps.setString(1, status);
      ps.setString(2, error);
      ps.setLong(3, System.currentTimeMillis());
      ps.setString(4, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update replay " + id + ": " + e.getMessage(), e);
    }
  }

  /** Records acknowledged progress of several pairs in one transaction. */
  public void saveProgress(String id, Map<String, ReplayState.PairProgress> progress) {
    if (progress.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO replay_progress (replay_id, pair, last_open_time, published)"
                  + " VALUES (?, ?, ?, ?) ON CONFLICT (replay_id, pair) DO UPDATE SET last_open_time = excluded.last_open_time,"
                  + " published = excluded.published")) {
        for (Map.Entry<String, ReplayState.PairProgress> e : progress.entrySet()) {
          ps.setString(1, id);
          ps.setString(2, e.getKey());
          ps.setLong(3, e.getValue().lastOpenTime());
          ps.setLong(4, e.getValue().published());
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store progress of replay " + id + ": " + e.getMessage(), e);
    }
  }

  public Optional<ReplayState> find(String id) {
    List<ReplayState> found = query(" WHERE id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  public List<ReplayState> withStatus(String status) {
    return query(" WHERE status = ?", status);
  }

  public List<ReplayState> all() {
    return query("", null);
  }

  private List<ReplayState> query(String where, String arg) {
    List<ReplayState> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, exchange, pairs, timeframe, from_time, to_time, speed, status, total, error"
                    + " FROM replay"
                    + where
                    + " ORDER BY created_at, id")) {
      if (arg != null) {
        ps.setString(1, arg);
      }
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ReplaySpec spec =
              new ReplaySpec(
                  rs.getString(1),
                  rs.getString(2),
                  Arrays.asList(rs.getString(3).split(",")),
                  rs.getString(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  rs.getBigDecimal(7).doubleValue());
          rows.add(new Object[] {spec, rs.getString(8), rs.getLong(9), rs.getString(10)});
        }
      }
      for (Object[] r : rows) {
        ReplaySpec spec = (ReplaySpec) r[0];
        Map<String, ReplayState.PairProgress> progress = progress(c, spec.id());
        long published =
            progress.values().stream().mapToLong(ReplayState.PairProgress::published).sum();
        out.add(
            new ReplayState(spec, (String) r[1], (Long) r[2], published, progress, (String) r[3]));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read replays: " + e.getMessage(), e);
    }
  }

  private static Map<String, ReplayState.PairProgress> progress(Connection c, String id)
      throws SQLException {
    Map<String, ReplayState.PairProgress> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT pair, last_open_time, published FROM replay_progress WHERE replay_id = ? ORDER BY pair")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), new ReplayState.PairProgress(rs.getLong(2), rs.getLong(3)));
        }
      }
    }
    return out;
  }
}
