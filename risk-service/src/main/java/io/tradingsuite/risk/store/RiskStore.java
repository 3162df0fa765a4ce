package io.tradingsuite.risk.store;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.risk.domain.CircuitBreaker;
import io.tradingsuite.risk.domain.OpenTrade;
import io.tradingsuite.risk.domain.RiskEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The risk database through plain JDBC (batched inserts, portable SQL for SQLite and PostgreSQL).
 * Callers run these inside a JTA transaction ({@code QuarkusTransaction}); the pooled connection is
 * enlisted in it, so several calls commit together.
 */
@ApplicationScoped
public class RiskStore {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final long RECENT_KEYS_MS = 7L * 24 * 3600 * 1000;

  @Inject DataSource ds;

  private final ObjectMapper json = MessageCodec.instance().mapper();

  // ------------------------------------------------------------ loading the book

  /** Rebuilds the engine's book from the database: state, trades, pending orders, keys, clocks. */
  public void loadInto(RiskEngine engine, Instant now) throws SQLException {
    try (Connection c = ds.getConnection()) {
      engine.setCircuitBreaker(circuitBreaker(c, now));
      try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT trade_id, exchange, pair, bought, sold, base_fees, open_value, close_value, opened_at, closed_at,"
                      + " exit_reason, profit_abs, profit_ratio FROM risk_trade ORDER BY closed_at, opened_at");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long closedAt = rs.getLong(10);
          boolean closed = !rs.wasNull();
          if (closed) {
            engine.restoreClosedTrade(
                rs.getString(2),
                rs.getString(1),
                rs.getString(3),
                Instant.ofEpochMilli(closedAt),
                dec(rs.getString(12)),
                dec(rs.getString(13)),
                rs.getString(11));
          } else {
            engine.restoreOpenTrade(
                OpenTrade.restore(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    dec(rs.getString(4)),
                    dec(rs.getString(5)),
                    dec(rs.getString(6)),
                    dec(rs.getString(7)),
                    dec(rs.getString(8)),
                    Instant.ofEpochMilli(rs.getLong(9))));
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT signal_id, exchange, pair, action, trade_id, approved, natural_key, stake_amount, decided_at,"
                  + " expires_at, settled FROM decision WHERE decided_at > ? ORDER BY decided_at")) {
        ps.setLong(1, now.toEpochMilli() - RECENT_KEYS_MS);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            engine.restoreDecidedKey(rs.getString(7), rs.getString(1));
            boolean approved = rs.getBoolean(6);
            Instant decided = Instant.ofEpochMilli(rs.getLong(9));
            Instant expires = Instant.ofEpochMilli(rs.getLong(10));
            if (!approved) {
              continue;
            }
            if (decided.isAfter(now.minusSeconds(60))) {
              engine.restoreApproval(rs.getString(2), decided);
            }
            if (!rs.getBoolean(11) && expires.isAfter(now)) {
              String tradeId = rs.getString(5);
              if ("ENTER_LONG".equals(rs.getString(4))) {
                if (!engine.account(rs.getString(2)).openTrades().containsKey(tradeId)) {
                  engine.restorePendingEntry(
                      rs.getString(2), tradeId, rs.getString(3), dec(rs.getString(8)), expires);
                }
              } else {
                engine.restorePendingExit(rs.getString(2), tradeId, expires);
              }
            }
          }
        }
      }
      try (PreparedStatement ps =
              c.prepareStatement("SELECT market_key, timeframe, last_open_time FROM market_clock");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          engine.restoreClock(rs.getString(1), rs.getString(2), rs.getLong(3));
        }
      }
    }
  }

  // ------------------------------------------------------------ decisions

  /** Stored decisions (encoded RiskDecision JSON) of those signal ids that were decided already. */
  public Map<String, String> findDecisions(Collection<String> signalIds) throws SQLException {
    Map<String, String> out = new HashMap<>();
    List<String> ids = new ArrayList<>(signalIds);
    try (Connection c = ds.getConnection()) {
      for (int from = 0; from < ids.size(); from += 200) {
        List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 200));
        String sql =
            "SELECT signal_id, payload FROM decision WHERE signal_id IN ("
                + String.join(",", java.util.Collections.nCopies(chunk.size(), "?"))
                + ")";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getString(2));
            }
          }
        }
      }
    }
    return out;
  }

  public void insertDecisions(List<StoredDecision> decisions) throws SQLException {
    if (decisions.isEmpty()) {
      return;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO decision (signal_id, decision_id, exchange, pair, action, trade_id, approved, rule, natural_key,"
                    + " stake_amount, decided_at, expires_at, settled, payload) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      for (StoredDecision d : decisions) {
        ps.setString(1, d.signalId());
        ps.setString(2, d.decisionId());
        ps.setString(3, d.exchange());
        ps.setString(4, d.pair());
        ps.setString(5, d.action());
        ps.setString(6, d.tradeId());
        ps.setBoolean(7, d.approved());
        ps.setString(8, d.rule());
        ps.setString(9, d.naturalKey());
        ps.setString(10, d.stakeAmount() == null ? null : d.stakeAmount().toPlainString());
        ps.setLong(11, d.decidedAt().toEpochMilli());
        ps.setLong(12, d.expiresAt().toEpochMilli());
        ps.setBoolean(13, false);
        ps.setString(14, d.payload());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  public String findDecision(String signalId) throws SQLException {
    return findDecisions(List.of(signalId)).get(signalId);
  }

  // ------------------------------------------------------------ fills

  /** Records a consumed message id; false when it was already processed (a redelivery). */
  public boolean markProcessed(String messageId, String topic, Instant at) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO processed_message (message_id, topic, processed_at) VALUES (?,?,?) ON CONFLICT (message_id) DO NOTHING")) {
      ps.setString(1, messageId);
      ps.setString(2, topic);
      ps.setTimestamp(3, java.sql.Timestamp.from(at));
      return ps.executeUpdate() == 1;
    }
  }

  public void saveTrade(OpenTrade t, Instant closedAt, String exitReason) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO risk_trade (trade_id, exchange, pair, bought, sold, base_fees, open_value, close_value, opened_at,"
                    + " closed_at, exit_reason, profit_abs, profit_ratio) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                    + " ON CONFLICT (trade_id) DO UPDATE SET bought = excluded.bought, sold = excluded.sold,"
                    + " base_fees = excluded.base_fees, open_value = excluded.open_value, close_value = excluded.close_value,"
                    + " closed_at = excluded.closed_at, exit_reason = excluded.exit_reason, profit_abs = excluded.profit_abs,"
                    + " profit_ratio = excluded.profit_ratio")) {
      ps.setString(1, t.tradeId());
      ps.setString(2, t.exchange());
      ps.setString(3, t.pair());
      ps.setString(4, t.bought().toPlainString());
      ps.setString(5, t.sold().toPlainString());
      ps.setString(6, t.baseFees().toPlainString());
      ps.setString(7, t.openValue().toPlainString());
      ps.setString(8, t.closeValue().toPlainString());
      ps.setLong(9, t.openedAt().toEpochMilli());
      if (closedAt == null) {
        ps.setNull(10, Types.BIGINT);
        ps.setNull(11, Types.VARCHAR);
        ps.setNull(12, Types.VARCHAR);
        ps.setNull(13, Types.VARCHAR);
      } else {
        ps.setLong(10, closedAt.toEpochMilli());
        ps.setString(11, exitReason);
        ps.setString(12, t.profitAbs().toPlainString());
        ps.setString(13, t.profitRatio().toPlainString());
      }
      ps.executeUpdate();
    }
  }

  /** An order got its answer (filled or refused): its decision no longer counts as pending. */
  public void settle(String signalId) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement("UPDATE decision SET settled = ? WHERE signal_id = ?")) {
      ps.setBoolean(1, true);
      ps.setString(2, signalId);
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------ candle clock

  public void saveClocks(Map<String, Long> byMarketAndTimeframe) throws SQLException {
    if (byMarketAndTimeframe.isEmpty()) {
      return;
    }
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO market_clock (market_key, timeframe, last_open_time) VALUES (?,?,?) ON CONFLICT (market_key, timeframe)"
                    + " DO UPDATE SET last_open_time = excluded.last_open_time WHERE excluded.last_open_time > market_clock.last_open_time")) {
      for (Map.Entry<String, Long> e : byMarketAndTimeframe.entrySet()) {
        int bar = e.getKey().lastIndexOf('|');
        ps.setString(1, e.getKey().substring(0, bar));
        ps.setString(2, e.getKey().substring(bar + 1));
        ps.setLong(3, e.getValue());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  // ------------------------------------------------------------ circuit breaker

  public CircuitBreaker circuitBreaker(Instant now) throws SQLException {
    try (Connection c = ds.getConnection()) {
      return circuitBreaker(c, now);
    }
  }

  private CircuitBreaker circuitBreaker(Connection c, Instant now) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT state, reason, changed_at, until_at FROM trading_state WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return CircuitBreaker.closed(now);
      }
      long until = rs.getLong(4);
      Instant untilAt = rs.wasNull() ? null : Instant.ofEpochMilli(until);
      return new CircuitBreaker(
          "HALTED".equals(rs.getString(1)),
          rs.getString(2),
          Instant.ofEpochMilli(rs.getLong(3)),
          untilAt);
    }
  }

  public void saveCircuitBreaker(CircuitBreaker cb) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO trading_state (id, state, reason, changed_at, until_at) VALUES (1,?,?,?,?) ON CONFLICT (id)"
                    + " DO UPDATE SET state = excluded.state, reason = excluded.reason, changed_at = excluded.changed_at,"
                    + " until_at = excluded.until_at")) {
      ps.setString(1, cb.enabled() ? "HALTED" : "ACTIVE");
      ps.setString(2, cb.reason());
      ps.setLong(3, cb.changedAt().toEpochMilli());
      if (cb.until() == null) {
        ps.setNull(4, Types.BIGINT);
      } else {
        ps.setLong(4, cb.until().toEpochMilli());
      }
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------ incidents

  public long insertIncident(Incident i) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO incident (at, kind, severity, rule, message, context, correlation_id) VALUES (?,?,?,?,?,?,?)",
                new String[] {"id"})) {
      ps.setLong(1, i.at().toEpochMilli());
      ps.setString(2, i.kind());
      ps.setString(3, i.severity());
      ps.setString(4, i.rule());
      ps.setString(5, i.message().length() > 1000 ? i.message().substring(0, 1000) : i.message());
      ps.setString(6, json.writeValueAsString(i.context() == null ? Map.of() : i.context()));
      ps.setString(7, i.correlationId());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        return keys.next() ? keys.getLong(1) : -1;
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public List<Incident> incidents(Instant since, String kind, int limit) throws SQLException {
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, at, kind, severity, rule, message, context, correlation_id FROM incident WHERE at >= ?");
    if (kind != null) {
      sql.append(" AND kind = ?");
    }
    sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
    List<Incident> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int p = 1;
      ps.setLong(p++, since == null ? 0 : since.toEpochMilli());
      if (kind != null) {
        ps.setString(p++, kind);
      }
      ps.setInt(p, limit);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, String> ctx;
          try {
            ctx = json.readValue(rs.getString(7), STRING_MAP);
          } catch (Exception e) {
            ctx = Map.of("raw", rs.getString(7));
          }
          out.add(
              new Incident(
                  rs.getLong(1),
                  Instant.ofEpochMilli(rs.getLong(2)),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  new LinkedHashMap<>(ctx),
                  rs.getString(8)));
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------ backtest leases

  /** Marks leases whose TTL passed as expired; returns them. */
  public List<Lease> reclaimExpired(Instant now) throws SQLException {
    List<Lease> expired = new ArrayList<>();
    for (Lease l : leases("released_at IS NULL AND expires_at <= ?", now.toEpochMilli())) {
      expired.add(l);
    }
    if (!expired.isEmpty()) {
      try (Connection c = ds.getConnection();
          PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE backtest_lease SET released_at = ?, release_kind = 'expired' WHERE released_at IS NULL AND expires_at <= ?")) {
        ps.setLong(1, now.toEpochMilli());
        ps.setLong(2, now.toEpochMilli());
        ps.executeUpdate();
      }
    }
    return expired;
  }

  public List<Lease> activeLeases(Instant now) throws SQLException {
    return leases("released_at IS NULL AND expires_at > ?", now.toEpochMilli());
  }

  public Lease lease(String id) throws SQLException {
    List<Lease> l = leases("id = ?", id);
    return l.isEmpty() ? null : l.get(0);
  }

  public void insertLease(Lease l) throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO backtest_lease (id, run_id, strategy, kind, created_at, expires_at, flagged) VALUES (?,?,?,?,?,?,?)")) {
      ps.setString(1, l.id());
      ps.setString(2, l.runId());
      ps.setString(3, l.strategy());
      ps.setString(4, l.kind());
      ps.setLong(5, l.createdAt().toEpochMilli());
      ps.setLong(6, l.expiresAt().toEpochMilli());
      ps.setBoolean(7, false);
      ps.executeUpdate();
    }
  }

  public void releaseLease(String id, Instant at, BigDecimal maxDrawdown, boolean flagged)
      throws SQLException {
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE backtest_lease SET released_at = COALESCE(released_at, ?), release_kind = COALESCE(release_kind, 'released'),"
                    + " max_drawdown = ?, flagged = ? WHERE id = ?")) {
      ps.setLong(1, at.toEpochMilli());
      ps.setString(2, maxDrawdown == null ? null : maxDrawdown.toPlainString());
      ps.setBoolean(3, flagged);
      ps.setString(4, id);
      ps.executeUpdate();
    }
  }

  private List<Lease> leases(String where, Object arg) throws SQLException {
    List<Lease> out = new ArrayList<>();
    try (Connection c = ds.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, run_id, strategy, kind, created_at, expires_at, released_at, release_kind, max_drawdown, flagged"
                    + " FROM backtest_lease WHERE "
                    + where
                    + " ORDER BY created_at")) {
      ps.setObject(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long rel = rs.getLong(7);
          Instant released = rs.wasNull() ? null : Instant.ofEpochMilli(rel);
          out.add(
              new Lease(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  Instant.ofEpochMilli(rs.getLong(5)),
                  Instant.ofEpochMilli(rs.getLong(6)),
                  released,
                  rs.getString(8),
                  dec(rs.getString(9)),
                  rs.getBoolean(10)));
        }
      }
    }
    return out;
  }

  private static BigDecimal dec(String s) {
    return s == null ? null : new BigDecimal(s);
  }
}
