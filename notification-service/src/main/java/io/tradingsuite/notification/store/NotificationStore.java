package io.tradingsuite.notification.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.tradingsuite.notification.domain.ClosedTrade;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.domain.Position;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The notification database through plain JDBC, portable SQL for SQLite and PostgreSQL. Writes that
 * belong together run in {@link #inTransaction}: the pooled connection is enlisted in one JTA
 * transaction. Never open a second connection while one is held (SQLite runs with one).
 */
@ApplicationScoped
public class NotificationStore {
  private static final TypeReference<LinkedHashMap<String, String>> FIELDS =
      new TypeReference<>() {};
  private final ObjectMapper json = new ObjectMapper();

  @Inject DataSource ds;

  /** A unit of work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  public <T> T inTransaction(Work<T> work) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = ds.getConnection()) {
                return work.apply(c);
              }
            });
  }

  public <T> T read(Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new IllegalStateException("database: " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------ idempotency

  /** Records a consumed message id; false when it was recorded before (a redelivery). */
  public boolean markProcessed(Connection c, String messageId, String topic, Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO processed_message (message_id, topic, processed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, messageId);
      ps.setString(2, topic);
      ps.setTimestamp(3, Timestamp.from(now));
      return ps.executeUpdate() == 1;
    }
  }

  public boolean isProcessed(Connection c, String messageId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM processed_message WHERE message_id = ?")) {
      ps.setString(1, messageId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  // ------------------------------------------------------------ notifications and the outbox

  /** Inserts a notification; false when one with this id exists already. */
  public boolean insertNotification(Connection c, Notification n) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification (id, kind, source_id, severity, title, body, fields, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, n.id());
      ps.setString(2, n.kind().id());
      ps.setString(3, n.sourceId());
      ps.setString(4, n.severity().id());
      ps.setString(5, truncate(n.title(), 300));
      ps.setString(6, n.text());
      ps.setString(7, toJson(n.fields()));
      ps.setLong(8, n.createdAt().toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }

  public void insertDelivery(
      Connection c,
      String notificationId,
      String channel,
      String target,
      String payload,
      Instant now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO delivery (notification_id, channel, target, payload, status, attempts, next_attempt_at,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, notificationId);
      ps.setString(2, channel);
      ps.setString(3, target);
      ps.setString(4, payload);
      ps.setLong(5, now.toEpochMilli());
      ps.setLong(6, now.toEpochMilli());
      ps.setLong(7, now.toEpochMilli());
      ps.executeUpdate();
    }
  }

  /** A delivery waiting for its turn. */
  public record Due(
      long id,
      String notificationId,
      String kind,
      String channel,
      String target,
      String payload,
      int attempts,
      long nextAttemptAt) {}

  public List<Due> due(Instant now, int limit) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT d.id, d.notification_id, n.kind, d.channel, d.target, d.payload, d.attempts, d.next_attempt_at"
                      + " FROM delivery d JOIN notification n ON n.id = d.notification_id"
                      + " WHERE d.status = 'pending' AND d.next_attempt_at <= ? ORDER BY d.next_attempt_at, d.id")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setMaxRows(limit);
            List<Due> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(
                    new Due(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getLong(8)));
              }
            }
            return out;
          }
        });
  }

  /**
   * Takes a due delivery for one attempt: moves its next attempt to {@code leaseUntil}, so that if
   * this process dies mid-send the delivery is tried again then (at least once), and no second
   * worker takes it meanwhile. False when someone else took it.
   */
  public boolean claim(Due d, Instant now, Instant leaseUntil) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE delivery SET next_attempt_at = ?, updated_at = ? WHERE id = ? AND status = 'pending'"
                      + " AND next_attempt_at = ?")) {
            ps.setLong(1, leaseUntil.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, d.id());
            ps.setLong(4, d.nextAttemptAt());
            return ps.executeUpdate() == 1;
          }
        });
  }

  /** Stores the outcome of an attempt: delivered, pending again at {@code next}, or dead. */
  public void recordAttempt(
      long id, String status, int attempts, Instant next, String error, Instant now) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE delivery SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ?, updated_at = ?"
                      + " WHERE id = ?")) {
            ps.setString(1, status);
            ps.setInt(2, attempts);
            ps.setLong(3, next.toEpochMilli());
            if (error == null) {
              ps.setNull(4, Types.VARCHAR);
            } else {
              ps.setString(4, truncate(error, 1000));
            }
            ps.setLong(5, now.toEpochMilli());
            ps.setLong(6, id);
            return ps.executeUpdate();
          }
        });
  }

  /**
   * Puts a dead letter back in the queue, attempts reset. False if there is no such dead letter.
   */
  public boolean requeue(long id, Instant now) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE delivery SET status = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ?"
                      + " WHERE id = ? AND status = 'dead'")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
          }
        });
  }

  // ------------------------------------------------------------ reading for REST

  public record DeliveryView(
      long id,
      String channel,
      String target,
      String status,
      int attempts,
      String lastError,
      Instant updatedAt) {}

  public record NotificationView(
      String id,
      String kind,
      String sourceId,
      String severity,
      String title,
      String text,
      Map<String, String> fields,
      Instant createdAt,
      List<DeliveryView> deliveries) {}

  public record DeadLetter(
      long id,
      String notificationId,
      String kind,
      String channel,
      String target,
      int attempts,
      String lastError,
      String payload,
      Instant createdAt,
      Instant deadAt) {}

  public List<NotificationView> notifications(NotificationKind kind, Instant since, int limit) {
    return read(
        c -> {
          StringBuilder sql =
              new StringBuilder(
                  "SELECT id, kind, source_id, severity, title, body, fields, created_at FROM notification WHERE 1 = 1");
          if (kind != null) {
            sql.append(" AND kind = ?");
          }
          if (since != null) {
            sql.append(" AND created_at >= ?");
          }
          sql.append(" ORDER BY created_at DESC, id");
          List<NotificationView> out = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            if (kind != null) {
              ps.setString(i++, kind.id());
            }
            if (since != null) {
              ps.setLong(i, since.toEpochMilli());
            }
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(
                    new NotificationView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        fromJson(rs.getString(7)),
                        Instant.ofEpochMilli(rs.getLong(8)),
                        new ArrayList<>()));
              }
            }
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, channel, target, status, attempts, last_error, updated_at FROM delivery"
                      + " WHERE notification_id = ? ORDER BY id")) {
            for (NotificationView n : out) {
              ps.setString(1, n.id());
              try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                  n.deliveries()
                      .add(
                          new DeliveryView(
                              rs.getLong(1),
                              rs.getString(2),
                              rs.getString(3),
                              rs.getString(4),
                              rs.getInt(5),
                              rs.getString(6),
                              Instant.ofEpochMilli(rs.getLong(7))));
                }
              }
            }
          }
          return out;
        });
  }

  public List<DeadLetter> deadLetters(int limit) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT d.id, d.notification_id, n.kind, d.channel, d.target, d.attempts, d.last_error, d.payload,"
                      + " d.created_at, d.updated_at FROM delivery d JOIN notification n ON n.id = d.notification_id"
                      + " WHERE d.status = 'dead' ORDER BY d.updated_at DESC, d.id DESC")) {
            ps.setMaxRows(limit);
            List<DeadLetter> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(
                    new DeadLetter(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getString(7),
                        rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)),
                        Instant.ofEpochMilli(rs.getLong(10))));
              }
            }
            return out;
          }
        });
  }

  /** Counts deliveries by status, for metrics and the channels view. */
  public Map<String, Long> deliveryCounts() {
    return read(
        c -> {
          Map<String, Long> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT status, COUNT(*) FROM delivery GROUP BY status");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.put(rs.getString(1), rs.getLong(2));
            }
          }
          return out;
        });
  }

  // ------------------------------------------------------------ trades

  public Optional<Position> position(Connection c, String tradeId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT trade_id, exchange, pair, bought, cost, sold, proceeds, realized_profit, opened_at, closed_at,"
                + " closed_seen_at FROM nt_trade WHERE trade_id = ?")) {
      ps.setString(1, tradeId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Position(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                dec(rs.getString(4)),
                dec(rs.getString(5)),
                dec(rs.getString(6)),
                dec(rs.getString(7)),
                dec(rs.getString(8)),
                instant(rs, 9),
                instant(rs, 10),
                instant(rs, 11)));
      }
    }
  }

  public void savePosition(Connection c, Position p) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO nt_trade (trade_id, exchange, pair, bought, cost, sold, proceeds, realized_profit, opened_at,"
                + " closed_at, closed_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (trade_id) DO UPDATE SET bought = excluded.bought, cost = excluded.cost,"
                + " sold = excluded.sold, proceeds = excluded.proceeds, realized_profit = excluded.realized_profit,"
                + " opened_at = excluded.opened_at, closed_at = excluded.closed_at,"
                + " closed_seen_at = excluded.closed_seen_at")) {
      ps.setString(1, p.tradeId());
      ps.setString(2, p.exchange());
      ps.setString(3, p.pair());
      ps.setString(4, p.bought().toPlainString());
      ps.setString(5, p.cost().toPlainString());
      ps.setString(6, p.sold().toPlainString());
      ps.setString(7, p.proceeds().toPlainString());
      ps.setString(8, p.realizedProfit().toPlainString());
      setInstant(ps, 9, p.openedAt());
      setInstant(ps, 10, p.closedAt());
      setInstant(ps, 11, p.closedSeenAt());
      ps.executeUpdate();
    }
  }

  public List<ClosedTrade> closedBetween(Instant from, Instant to) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT trade_id, pair, realized_profit, cost, closed_seen_at FROM nt_trade"
                      + " WHERE closed_seen_at >= ? AND closed_seen_at < ? ORDER BY closed_seen_at")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, to.toEpochMilli());
            List<ClosedTrade> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ClosedTrade(
                        rs.getString(1),
                        rs.getString(2),
                        dec(rs.getString(3)),
                        dec(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5))));
              }
            }
            return out;
          }
        });
  }

  public int openTrades() {
    return read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT COUNT(*) FROM nt_trade WHERE closed_at IS NULL");
              ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
          }
        });
  }

  // ------------------------------------------------------------ local incidents

  public record IncidentView(String id, String type, String subject, String detail, Instant at) {}

  public boolean insertIncident(
      Connection c, String id, String type, String subject, String detail, Instant at)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO nt_incident (id, type, subject, detail, at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      ps.setString(1, id);
      ps.setString(2, type);
      ps.setString(3, subject);
      ps.setString(4, truncate(detail, 1000));
      ps.setLong(5, at.toEpochMilli());
      return ps.executeUpdate() == 1;
    }
  }

  public int incidentCount(Connection c, String type, String subject) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT COUNT(*) FROM nt_incident WHERE type = ? AND subject = ?")) {
      ps.setString(1, type);
      ps.setString(2, subject);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  public List<IncidentView> incidents(int limit) {
    return read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, type, subject, detail, at FROM nt_incident ORDER BY at DESC, id")) {
            ps.setMaxRows(limit);
            List<IncidentView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next() && out.size() < limit) {
                out.add(
                    new IncidentView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))));
              }
            }
            return out;
          }
        });
  }

  // ------------------------------------------------------------ helpers

  private String toJson(Map<String, String> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, String> fromJson(String text) {
    try {
      return Collections.unmodifiableMap(json.readValue(text, FIELDS));
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static BigDecimal dec(String s) {
    return s == null ? null : new BigDecimal(s);
  }

  private static Instant instant(ResultSet rs, int col) throws SQLException {
    long v = rs.getLong(col);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static void setInstant(PreparedStatement ps, int col, Instant t) throws SQLException {
    if (t == null) {
      ps.setNull(col, Types.BIGINT);
    } else {
      ps.setLong(col, t.toEpochMilli());
    }
  }

  static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
