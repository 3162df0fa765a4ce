package io.tradingsuite.strategy.live;

import io.agroal.api.AgroalDataSource;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live bots' durable state over plain JDBC (SQLite or PostgreSQL, portable SQL): processed
 * candles, sent signals and open trades. Each write is one short transaction.
 */
@ApplicationScoped
public class BotStore {

  @Inject AgroalDataSource ds;

  /** Which bot sent a signal, for which pair, and (for an exit) which trade it closes. */
  public record SignalOwner(String bot, String pair, SignalAction action, String tradeId) {}

  /** The candle is processed and its signals are sent: both recorded together. */
  public void recordCandle(
      String bot,
      String exchange,
      String pair,
      String timeframe,
      long candleTime,
      List<Signal> signals) {
    long now = System.currentTimeMillis();
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO bot_market_state (bot, exchange, pair, timeframe, last_candle_time,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (bot, exchange, pair,"
                      + " timeframe) DO UPDATE SET last_candle_time = excluded.last_candle_time,"
                      + " updated_at = excluded.updated_at WHERE excluded.last_candle_time >"
                      + " bot_market_state.last_candle_time")) {
            ps.setString(1, bot);
            ps.setString(2, exchange);
            ps.setString(3, pair);
            ps.setString(4, timeframe);
            ps.setLong(5, candleTime);
            ps.setLong(6, now);
            ps.executeUpdate();
          }
          for (Signal s : signals) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO bot_signal (id, bot, exchange, pair, action, trade_id,"
                        + " candle_time, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT"
                        + " (id) DO NOTHING")) {
              ps.setString(1, s.id());
              ps.setString(2, bot);
              ps.setString(3, s.exchange());
              ps.setString(4, s.pair());
              ps.setString(5, s.action().name());
              ps.setString(6, s.tradeId());
              ps.setLong(7, s.candleTime().toEpochMilli());
              ps.setLong(8, now);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  public Optional<SignalOwner> signalOwner(String signalId) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT bot, pair, action, trade_id FROM bot_signal WHERE id = ?")) {
            ps.setString(1, signalId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new SignalOwner(
                          rs.getString(1),
                          rs.getString(2),
                          SignalAction.valueOf(rs.getString(3)),
                          rs.getString(4)))
                  : Optional.<SignalOwner>empty();
            }
          }
        });
  }

  /**
   * Upserts an open trade from its entry fill (a later fill of the same trade updates rate and
   * amount). Returns false when the trade is already closed: the entry fill was delivered again
   * (after a restart the fills are read from the last committed offset) and must not reopen it.
   */
  public boolean tradeOpened(
      String bot, String exchange, LiveBot.OpenTrade t, String entrySignalId) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO bot_trade (trade_id, bot, exchange, pair, entry_signal_id,"
                      + " open_rate, amount, fee, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON"
                      + " CONFLICT (trade_id) DO UPDATE SET open_rate = excluded.open_rate, amount"
                      + " = excluded.amount, fee = excluded.fee")) {
            ps.setString(1, t.tradeId());
            ps.setString(2, bot);
            ps.setString(3, exchange);
            ps.setString(4, t.pair());
            ps.setString(5, entrySignalId);
            ps.setString(6, t.openRate().toPlainString());
            ps.setString(7, t.amount().toPlainString());
            ps.setString(8, t.fee() == null ? null : t.fee().toPlainString());
            ps.setLong(9, t.openedAt().toEpochMilli());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT closed_at FROM bot_trade WHERE trade_id = ?")) {
            ps.setString(1, t.tradeId());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() && rs.getObject(1) == null;
            }
          }
        });
  }

  /** Marks the trade closed; returns the owning bot if it was an open trade of one. */
  public Optional<String> tradeClosed(String tradeId, String exitReason, Instant at) {
    return inTransaction(
        c -> {
          String bot = null;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT bot FROM bot_trade WHERE trade_id = ? AND closed_at IS NULL")) {
            ps.setString(1, tradeId);
            try (ResultSet rs = ps.executeQuery()) {
              if (rs.next()) {
                bot = rs.getString(1);
              }
            }
          }
          if (bot == null) {
            return Optional.<String>empty();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE bot_trade SET closed_at = ?, exit_reason = ? WHERE trade_id = ?")) {
            ps.setLong(1, at.toEpochMilli());
            ps.setString(2, exitReason);
            ps.setString(3, tradeId);
            ps.executeUpdate();
          }
          return Optional.of(bot);
        });
  }

  public Map<String, Long> lastProcessed(String bot) {
    return inTransaction(
        c -> {
          Map<String, Long> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pair, last_candle_time FROM bot_market_state WHERE bot = ?")) {
            ps.setString(1, bot);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
              }
            }
          }
          return out;
        });
  }

  public List<LiveBot.OpenTrade> openTrades(String bot) {
    return inTransaction(
        c -> {
          List<LiveBot.OpenTrade> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT trade_id, pair, open_rate, amount, fee, opened_at "
                      + "FROM bot_trade WHERE bot = ? AND closed_at IS NULL ORDER BY opened_at")) {
            ps.setString(1, bot);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new LiveBot.OpenTrade(
                        rs.getString(1),
                        rs.getString(2),
                        dec(rs, 3),
                        dec(rs, 4),
                        dec(rs, 5),
                        Instant.ofEpochMilli(rs.getLong(6))));
              }
            }
          }
          return out;
        });
  }

  /**
   * The signal got its answer without a trade (risk denied it, or its order was rejected): it is
   * not pending after a restart, even when the answer's offset was committed before the crash and
   * the answer is not read again.
   */
  public void signalAnswered(String signalId, long at) {
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE bot_signal SET answered_at = ? WHERE id = ? AND answered_at IS NULL")) {
            ps.setLong(1, at);
            ps.setString(2, signalId);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Entry signals without a trade or another answer yet that are on a candle since {@code
   * sinceCandle} or were sent since {@code sentSince} (ms): what may still be pending after a
   * restart. The bot gives up those that are past both limits on its next candle.
   */
  public Map<String, LiveBot.Pending> pendingEntries(String bot, long sinceCandle, long sentSince) {
    return inTransaction(
        c -> {
          Map<String, LiveBot.Pending> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.id, s.pair, s.candle_time, s.created_at FROM bot_signal s WHERE s.bot ="
                      + " ? AND s.action = 'ENTER_LONG' AND (s.candle_time >= ? OR s.created_at >="
                      + " ?) AND s.answered_at IS NULL AND NOT EXISTS (SELECT 1 FROM bot_trade t"
                      + " WHERE t.entry_signal_id = s.id) ORDER BY s.candle_time")) {
            ps.setString(1, bot);
            ps.setLong(2, sinceCandle);
            ps.setLong(3, sentSince);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(2),
                    new LiveBot.Pending(rs.getString(1), rs.getLong(3), rs.getLong(4)));
              }
            }
          }
          return out;
        });
  }

  /**
   * Exit signals without an answer whose trade is still open, by trade id (the newest per trade):
   * after a restart the bot neither sends a second exit for them nor takes the pair as free.
   */
  public Map<String, LiveBot.Pending> pendingExits(String bot) {
    return inTransaction(
        c -> {
          Map<String, LiveBot.Pending> out = new LinkedHashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT s.id, s.trade_id, s.candle_time, s.created_at FROM bot_signal s JOIN"
                      + " bot_trade t ON t.trade_id = s.trade_id WHERE s.bot = ? AND s.action ="
                      + " 'EXIT_LONG' AND s.answered_at IS NULL AND t.closed_at IS NULL ORDER BY"
                      + " s.candle_time")) {
            ps.setString(1, bot);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getString(2),
                    new LiveBot.Pending(rs.getString(1), rs.getLong(3), rs.getLong(4)));
              }
            }
          }
          return out;
        });
  }

  private static BigDecimal dec(ResultSet rs, int col) throws SQLException {
    String v = rs.getString(col);
    return v == null ? null : new BigDecimal(v);
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
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
      throw new IllegalStateException("bot store: " + e.getMessage(), e);
    }
  }
}
