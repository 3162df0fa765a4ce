package io.tradingsuite.strategy.dca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.tradingsuite.core.Timeframe;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans and their history over plain JDBC (SQLite or PostgreSQL, portable SQL). Each method is one
 * short transaction; the ones that record a step also move the plan's cursor in it.
 */
@ApplicationScoped
public class DcaStore {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BUY_COLUMNS =
      "id, plan_id, due_at, send_state, missed_until, missed_count, stake_amount, multiplier,"
          + " price, note, decision, rule, reasons, decision_id, trade_id, fill_status, fill_price,"
          + " fill_amount, fill_fee, reported_at, created_at, updated_at";

  @Inject AgroalDataSource ds;

  /** A plan with its cursor and whether it was deleted. */
  public record StoredPlan(DcaPlan plan, Instant cursor, Instant deletedAt) {}

  /** A JDBC step inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  // ------------------------------------------------------------------ plans

  public void insertPlan(DcaPlan p, Instant cursor) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO dca_plan (id, exchange, pair, timeframe, stake_amount,"
                      + " schedule_cron, every_n, every_unit, start_at, end_at, dip_multiplier,"
                      + " dip_ma_period, created_at, last_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                      + " ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, p.id());
            ps.setString(2, p.exchange());
            ps.setString(3, p.pair());
            ps.setString(4, p.timeframe().name());
            ps.setString(5, p.stakeAmount().toPlainString());
            if (p.schedule() instanceof DcaSchedule.Cron cron) {
              ps.setString(6, cron.cron().expression());
              ps.setNull(7, Types.INTEGER);
              ps.setNull(8, Types.VARCHAR);
            } else {
              DcaSchedule.Every every = (DcaSchedule.Every) p.schedule();
              ps.setNull(6, Types.VARCHAR);
              ps.setInt(7, every.n());
              ps.setString(8, every.unit().wireName());
            }
            ps.setLong(9, p.start().toEpochMilli());
            setLong(ps, 10, p.end() == null ? null : p.end().toEpochMilli());
            ps.setString(11, p.dip() == null ? null : p.dip().multiplier().toPlainString());
            if (p.dip() == null) {
              ps.setNull(12, Types.INTEGER);
            } else {
              ps.setInt(12, p.dip().maPeriod());
            }
            ps.setLong(13, p.createdAt().toEpochMilli());
            ps.setLong(14, cursor.toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** Plans oldest first; deleted ones only when asked. */
  public List<StoredPlan> plans(boolean withDeleted) {
    return inTransaction(
        c -> {
          String sql =
              "SELECT * FROM dca_plan"
                  + (withDeleted ? "" : " WHERE deleted_at IS NULL")
                  + " ORDER BY created_at, id";
          List<StoredPlan> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql);
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(plan(rs));
            }
          }
          return out;
        });
  }

  public Optional<StoredPlan> plan(String id) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT * FROM dca_plan WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(plan(rs)) : Optional.<StoredPlan>empty();
            }
          }
        });
  }

  /** Marks the plan deleted (its history stays); false when there is no such live plan. */
  public boolean delete(String id, Instant at) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dca_plan SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  private static StoredPlan plan(ResultSet rs) throws SQLException {
    Instant start = Instant.ofEpochMilli(rs.getLong("start_at"));
    String cron = rs.getString("schedule_cron");
    DcaSchedule schedule =
        cron != null
            ? new DcaSchedule.Cron(CronSchedule.parse(cron))
            : new DcaSchedule.Every(
                rs.getInt("every_n"), DcaSchedule.Unit.parse(rs.getString("every_unit")), start);
    String dipMultiplier = rs.getString("dip_multiplier");
    DipRule dip =
        dipMultiplier == null
            ? null
            : new DipRule(new BigDecimal(dipMultiplier), rs.getInt("dip_ma_period"));
    DcaPlan p =
        new DcaPlan(
            rs.getString("id"),
            rs.getString("exchange"),
            rs.getString("pair"),
            Timeframe.parse(rs.getString("timeframe")),
            new BigDecimal(rs.getString("stake_amount")),
            schedule,
            start,
            instant(rs, "end_at"),
            dip,
            Instant.ofEpochMilli(rs.getLong("created_at")));
    return new StoredPlan(
        p, Instant.ofEpochMilli(rs.getLong("last_due_at")), instant(rs, "deleted_at"));
  }

  // ------------------------------------------------------------------ steps (move the cursor)

  /**
   * Claims a due buy: stores it as {@code sending} and moves the cursor to its due time, in one
   * transaction. False when the due time was already handled (another run got there first): then
   * nothing is sent.
   */
  public boolean claimBuy(DcaBuy b) {
    return inTransaction(
        c -> {
          if (!advance(c, b.planId(), b.dueAt())) {
            return false;
          }
          insert(c, b);
          return true;
        });
  }

  /** Stores a run of missed due times and moves the cursor past it; false when already handled. */
  public boolean recordMissed(DcaBuy b) {
    return inTransaction(
        c -> {
          if (!advance(c, b.planId(), b.missedUntil())) {
            return false;
          }
          insert(c, b);
          return true;
        });
  }

  private static boolean advance(Connection c, String planId, Instant to) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE dca_plan SET last_due_at = ? WHERE id = ? AND last_due_at < ?"
                + " AND deleted_at IS NULL")) {
      ps.setLong(1, to.toEpochMilli());
      ps.setString(2, planId);
      ps.setLong(3, to.toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }

  private static void insert(Connection c, DcaBuy b) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO dca_buy ("
                + BUY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, b.id());
      ps.setString(2, b.planId());
      ps.setLong(3, b.dueAt().toEpochMilli());
      ps.setString(4, b.sendState());
      setLong(ps, 5, b.missedUntil() == null ? null : b.missedUntil().toEpochMilli());
      setLong(ps, 6, b.missedCount());
      ps.setString(7, text(b.stakeAmount()));
      ps.setString(8, text(b.multiplier()));
      ps.setString(9, text(b.price()));
      ps.setString(10, clip(b.note(), 500));
      ps.setString(11, b.decision());
      ps.setString(12, b.rule());
      ps.setString(13, b.reasons().isEmpty() ? null : json(b.reasons()));
      ps.setString(14, b.decisionId());
      ps.setString(15, b.tradeId());
      ps.setString(16, b.fillStatus());
      ps.setString(17, text(b.fillPrice()));
      ps.setString(18, text(b.fillAmount()));
      ps.setString(19, text(b.fillFee()));
      setLong(ps, 20, b.reportedAt() == null ? null : b.reportedAt().toEpochMilli());
      ps.setLong(21, b.createdAt().toEpochMilli());
      ps.setLong(22, b.updatedAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  // ------------------------------------------------------------------ buy updates

  public void markSent(String id, Instant at) {
    update(
        "UPDATE dca_buy SET send_state = 'sent', updated_at = ? WHERE id = ? AND send_state ="
            + " 'sending'",
        at,
        id);
  }

  /** A buy whose publication was never confirmed and whose grace ran out: reported as missed. */
  public void markUnconfirmed(String id, String note, Instant at) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dca_buy SET send_state = 'missed', missed_count = 1, note = ?,"
                      + " updated_at = ? WHERE id = ? AND send_state = 'sending'")) {
            ps.setString(1, clip(note, 500));
            ps.setLong(2, at.toEpochMilli());
            ps.setString(3, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  public void markReported(String id, Instant at) {
    update("UPDATE dca_buy SET reported_at = ? WHERE id = ?", at, id);
  }

  /**
   * Records risk-service's decision on a buy and returns the updated row; empty when the signal is
   * not a stored buy. A new decision clears {@code reported_at} so a denial is told once.
   */
  public Optional<DcaBuy> recordDecision(
      String signalId,
      boolean approved,
      String rule,
      List<String> reasons,
      String decisionId,
      String tradeId,
      Instant at) {
    return inTransaction(
        c -> {
          Optional<DcaBuy> before = buy(c, signalId);
          if (before.isEmpty()) {
            return before;
          }
          String decision = approved ? DcaBuy.APPROVED : DcaBuy.DENIED;
          // risk-service re-emits a stored decision unchanged; only a RISK_STATE_UNAVAILABLE denial
          // (not stored there) is followed by another decision for the same signal and decision id
          boolean same =
              decision.equals(before.get().decision())
                  && Objects.equals(rule, before.get().rule())
                  && Objects.equals(decisionId, before.get().decisionId());
          if (!same) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE dca_buy SET decision = ?, rule = ?, reasons = ?, decision_id = ?,"
                        + " trade_id = COALESCE(?, trade_id), reported_at = NULL, updated_at = ?"
                        + " WHERE id = ?")) {
              ps.setString(1, decision);
              ps.setString(2, rule);
              ps.setString(3, reasons == null || reasons.isEmpty() ? null : json(reasons));
              ps.setString(4, decisionId);
              ps.setString(5, tradeId);
              ps.setLong(6, at.toEpochMilli());
              ps.setString(7, signalId);
              ps.executeUpdate();
            }
          }
          return buy(c, signalId);
        });
  }

  /** Records execution-service's fill of a buy (the latest fill wins); false when not a buy. */
  public boolean recordFill(
      String signalId,
      String status,
      BigDecimal price,
      BigDecimal amount,
      BigDecimal fee,
      String tradeId,
      Instant at) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE dca_buy SET fill_status = ?, fill_price = ?, fill_amount = ?, fill_fee ="
                      + " ?, trade_id = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setString(2, text(price));
            ps.setString(3, text(amount));
            ps.setString(4, text(fee));
            ps.setString(5, tradeId);
            ps.setLong(6, at.toEpochMilli());
            ps.setString(7, signalId);
            return ps.executeUpdate() == 1;
          }
        });
  }

  // ------------------------------------------------------------------ reads

  public Optional<DcaBuy> buy(String id) {
    return inTransaction(c -> buy(c, id));
  }

  private static Optional<DcaBuy> buy(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + BUY_COLUMNS + " FROM dca_buy WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(buy(rs)) : Optional.empty();
      }
    }
  }

  /** The plan's history, newest due time first. */
  public List<DcaBuy> history(String planId, int limit) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + BUY_COLUMNS
                      + " FROM dca_buy WHERE plan_id = ? ORDER BY due_at DESC LIMIT ?")) {
            ps.setString(1, planId);
            ps.setInt(2, limit);
            return buys(ps);
          }
        });
  }

  /** Buys stored but not confirmed as published. */
  public List<DcaBuy> sending() {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + BUY_COLUMNS
                      + " FROM dca_buy WHERE send_state = 'sending' ORDER BY due_at")) {
            return buys(ps);
          }
        });
  }

  /** Missed runs and denied buys operators have not been told about yet. */
  public List<DcaBuy> unreported() {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + BUY_COLUMNS
                      + " FROM dca_buy WHERE reported_at IS NULL AND (decision = 'denied'"
                      + " OR (send_state = 'missed' AND decision IS NULL)) ORDER BY due_at")) {
            return buys(ps);
          }
        });
  }

  private static List<DcaBuy> buys(PreparedStatement ps) throws SQLException {
    List<DcaBuy> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(buy(rs));
      }
    }
    return out;
  }

  private static DcaBuy buy(ResultSet rs) throws SQLException {
    long missedCount = rs.getLong("missed_count");
    Long count = rs.wasNull() ? null : missedCount;
    return new DcaBuy(
        rs.getString("id"),
        rs.getString("plan_id"),
        Instant.ofEpochMilli(rs.getLong("due_at")),
        rs.getString("send_state"),
        instant(rs, "missed_until"),
        count,
        decimal(rs, "stake_amount"),
        decimal(rs, "multiplier"),
        decimal(rs, "price"),
        rs.getString("note"),
        rs.getString("decision"),
        rs.getString("rule"),
        list(rs.getString("reasons")),
        rs.getString("decision_id"),
        rs.getString("trade_id"),
        rs.getString("fill_status"),
        decimal(rs, "fill_price"),
        decimal(rs, "fill_amount"),
        decimal(rs, "fill_fee"),
        instant(rs, "reported_at"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  // ------------------------------------------------------------------ helpers

  private void update(String sql, Instant at, String id) {
    inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
    String v = rs.getString(column);
    return v == null ? null : new BigDecimal(v);
  }

  private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  private static String text(BigDecimal v) {
    return v == null ? null : v.toPlainString();
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static String json(List<String> reasons) {
    try {
      return JSON.writeValueAsString(reasons);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> list(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      return List.of(json);
    }
  }

  <T> T inTransaction(Work<T> work) {
    try (Connection c = ds.getConnection()) {
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
      throw new IllegalStateException("dca store: " + e.getMessage(), e);
    }
  }
}
