package io.tradingsuite.execution.engine;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.execution.engine.Rows.CandleRow;
import io.tradingsuite.execution.engine.Rows.OrderRow;
import io.tradingsuite.execution.engine.Rows.OrderState;
import io.tradingsuite.execution.engine.Rows.SignalRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC access to execution-service's tables, on the connection of one transaction. Portable
 * between SQLite and PostgreSQL (no vendor functions; the one upsert, {@code ON CONFLICT DO
 * NOTHING}, is spelled the same in both). Statements are prepared once per transaction.
 */
public final class Store implements AutoCloseable {
  private final Connection c;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  public Store(Connection c) {
    this.c = c;
  }

  public Connection connection() {
    return c;
  }

  // ---------------------------------------------------------------- idempotency ledger

  /** Records a consumed message id; false when it was recorded before (a redelivery). */
  public boolean markProcessed(String messageId, String topic, long now) {
    return update(
            "INSERT INTO processed_message (message_id, topic, processed_at) VALUES (?, ?, ?) "
                + "ON CONFLICT (message_id) DO NOTHING",
            messageId,
            topic,
            new java.sql.Timestamp(now))
        == 1;
  }

  public boolean isProcessed(String messageId) {
    return exists("SELECT 1 FROM processed_message WHERE message_id = ?", messageId);
  }

  // ---------------------------------------------------------------- signals

  /** Stores a signal the caller found not stored yet. */
  public void insertSignal(SignalRow s) {
    update(
        "INSERT INTO exec_signal (signal_id, strategy, exchange, pair, timeframe, candle_time, action, "
            + "exit_reason, trade_id) VALUES (?,?,?,?,?,?,?,?,?)",
        s.signalId(),
        s.strategy(),
        s.exchange(),
        s.pair(),
        s.timeframe(),
        s.candleTime(),
        s.action(),
        s.exitReason(),
        s.tradeId());
  }

  public SignalRow signal(String id) {
    return one(
        "SELECT signal_id, strategy, exchange, pair, timeframe, candle_time, action, exit_reason, trade_id "
            + "FROM exec_signal WHERE signal_id = ?",
        rs ->
            new SignalRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getLong(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9)),
        id);
  }

  // ---------------------------------------------------------------- candles

  /** Stores a candle; false when this market/slot was stored (and processed) before. */
  public boolean insertCandle(Candle k) {
    if (exists(
        "SELECT 1 FROM paper_candle WHERE exchange = ? AND pair = ? AND timeframe = ? AND open_time = ?",
        k.exchange(),
        k.pair(),
        k.timeframe(),
        k.openTime().toEpochMilli())) {
      return false;
    }
    update(
        "INSERT INTO paper_candle (exchange, pair, timeframe, open_time, open, high, low, close) "
            + "VALUES (?,?,?,?,?,?,?,?)",
        k.exchange(),
        k.pair(),
        k.timeframe(),
        k.openTime().toEpochMilli(),
        k.open(),
        k.high(),
        k.low(),
        k.close());
    return true;
  }

  /** Candles of a market with {@code from < open_time <= to}, oldest first. */
  public List<CandleRow> candles(
      String exchange, String pair, String timeframe, long fromExclusive, long toInclusive) {
    return many(
        "SELECT open_time, open, high, low, close FROM paper_candle WHERE exchange = ? AND pair = ? AND "
            + "timeframe = ? AND open_time > ? AND open_time <= ? ORDER BY open_time",
        Store::candle,
        exchange,
        pair,
        timeframe,
        fromExclusive,
        toInclusive);
  }

  public CandleRow firstCandleAfter(String exchange, String pair, String timeframe, long after) {
    return one(
        "SELECT open_time, open, high, low, close FROM paper_candle WHERE exchange = ? AND pair = ? AND "
            + "timeframe = ? AND open_time > ? ORDER BY open_time LIMIT 1",
        Store::candle,
        exchange,
        pair,
        timeframe,
        after);
  }

  public CandleRow lastCandle(String exchange, String pair, String timeframe) {
    return one(
        "SELECT open_time, open, high, low, close FROM paper_candle WHERE exchange = ? AND pair = ? AND "
            + "timeframe = ? ORDER BY open_time DESC LIMIT 1",
        Store::candle,
        exchange,
        pair,
        timeframe);
  }

  private static CandleRow candle(ResultSet rs) throws SQLException {
    return new CandleRow(
        rs.getLong(1),
        rs.getBigDecimal(2),
        rs.getBigDecimal(3),
        rs.getBigDecimal(4),
        rs.getBigDecimal(5));
  }

  // ---------------------------------------------------------------- orders

  private static final String ORDER_COLS =
      "client_order_id, decision_id, signal_id, trade_id, exchange, pair, side, "
          + "type, amount, stake_amount, limit_price, state, mode, exchange_order_id, filled_amount, average_price, fee, "
          + "exit_reason, reason, fill_seq, exit_plan, created_at, updated_at";

  public boolean orderExists(String clientOrderId) {
    return exists("SELECT 1 FROM exec_order WHERE client_order_id = ?", clientOrderId);
  }

  public OrderRow order(String clientOrderId) {
    return one(
        "SELECT " + ORDER_COLS + " FROM exec_order WHERE client_order_id = ?",
        Store::order,
        clientOrderId);
  }

  public void insertOrder(OrderRow o) {
    update(
        "INSERT INTO exec_order ("
            + ORDER_COLS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        o.clientOrderId(),
        o.decisionId(),
        o.signalId(),
        o.tradeId(),
        o.exchange(),
        o.pair(),
        o.side(),
        o.type(),
        o.amount(),
        o.stakeAmount(),
        o.limitPrice(),
        o.state().name(),
        o.mode(),
        o.exchangeOrderId(),
        o.filledAmount(),
        o.averagePrice(),
        o.fee(),
        o.exitReason(),
        o.reason(),
        o.fillSeq(),
        o.exitPlan(),
        o.createdAt(),
        o.updatedAt());
  }

  public void updateOrder(OrderRow o) {
    update(
        "UPDATE exec_order SET limit_price = ?, state = ?, exchange_order_id = ?, filled_amount = ?, "
            + "average_price = ?, fee = ?, exit_reason = ?, reason = ?, fill_seq = ?, updated_at = ? "
            + "WHERE client_order_id = ?",
        o.limitPrice(),
        o.state().name(),
        o.exchangeOrderId(),
        o.filledAmount(),
        o.averagePrice(),
        o.fee(),
        o.exitReason(),
        o.reason(),
        o.fillSeq(),
        o.updatedAt(),
        o.clientOrderId());
  }

  /** Market orders of a market still resting in the paper book, oldest first. */
  public List<OrderRow> openMarketOrders(String exchange, String pair) {
    return many(
        "SELECT "
            + ORDER_COLS
            + " FROM exec_order WHERE state = 'OPEN' AND type = 'MARKET' AND "
            + "exchange = ? AND pair = ? ORDER BY created_at, client_order_id",
        Store::order,
        exchange,
        pair);
  }

  /** The signals of the market orders resting in the book. */
  public List<String> signalsOfOpenMarketOrders() {
    return many(
        "SELECT DISTINCT signal_id FROM exec_order WHERE state = 'OPEN' AND type = 'MARKET'",
        rs -> rs.getString(1));
  }

  public List<OrderRow> ordersInStates(List<OrderState> states) {
    StringBuilder in = new StringBuilder();
    for (OrderState s : states) {
      in.append(in.isEmpty() ? "" : ",").append('\'').append(s.name()).append('\'');
    }
    return many(
        "SELECT " + ORDER_COLS + " FROM exec_order WHERE state IN (" + in + ") ORDER BY created_at",
        Store::order);
  }

  public boolean hasOrdersOfTrade(String tradeId) {
    return exists("SELECT 1 FROM exec_order WHERE trade_id = ? LIMIT 1", tradeId);
  }

  /** Moves a protective leg that still rests in the book to {@code price}. */
  public void repriceOpenLeg(String clientOrderId, BigDecimal price, long now) {
    update(
        "UPDATE exec_order SET limit_price = ?, updated_at = ? WHERE client_order_id = ? AND state = 'OPEN'",
        price,
        now,
        clientOrderId);
  }

  public List<OrderRow> ordersOfTrade(String tradeId) {
    return many(
        "SELECT "
            + ORDER_COLS
            + " FROM exec_order WHERE trade_id = ? ORDER BY created_at, client_order_id",
        Store::order,
        tradeId);
  }

  public List<OrderRow> orders(String state, String tradeId, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + ORDER_COLS + " FROM exec_order WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (state != null) {
      sql.append(" AND state = ?");
      args.add(state);
    }
    if (tradeId != null) {
      sql.append(" AND trade_id = ?");
      args.add(tradeId);
    }
    sql.append(" ORDER BY created_at DESC, client_order_id LIMIT ").append(limit);
    return many(sql.toString(), Store::order, args.toArray());
  }

  public long countOrders() {
    return one("SELECT COUNT(*) FROM exec_order", rs -> rs.getLong(1));
  }

  private static OrderRow order(ResultSet rs) throws SQLException {
    return new OrderRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getBigDecimal(9),
        rs.getBigDecimal(10),
        rs.getBigDecimal(11),
        OrderState.valueOf(rs.getString(12)),
        rs.getString(13),
        rs.getString(14),
        rs.getBigDecimal(15),
        rs.getBigDecimal(16),
        rs.getBigDecimal(17),
        rs.getString(18),
        rs.getString(19),
        rs.getInt(20),
        rs.getString(21),
        rs.getLong(22),
        rs.getLong(23));
  }

  // ---------------------------------------------------------------- trades

  private static final String TRADE_COLS =
      "trade_id, exchange, pair, timeframe, strategy, status, mode, "
          + "entry_client_order_id, decision_id, signal_id, open_time, open_rate, amount, stake_amount, fee_ratio, "
          + "entry_fee, exit_plan, last_candle_time, stop_price, take_profit_price, close_time, close_rate, exit_fee, "
          + "exit_reason, profit_abs, profit_ratio, exit_client_order_id";

  public TradeRow trade(String tradeId) {
    return one(
        "SELECT " + TRADE_COLS + " FROM exec_trade WHERE trade_id = ?", Store::trade, tradeId);
  }

  public void insertTrade(TradeRow t) {
    update(
        "INSERT INTO exec_trade ("
            + TRADE_COLS
            + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        t.tradeId(),
        t.exchange(),
        t.pair(),
        t.timeframe(),
        t.strategy(),
        t.status(),
        t.mode(),
        t.entryClientOrderId(),
        t.decisionId(),
        t.signalId(),
        t.openTime(),
        t.openRate(),
        t.amount(),
        t.stakeAmount(),
        t.feeRatio(),
        t.entryFee(),
        t.exitPlan(),
        t.lastCandleTime(),
        t.stopPrice(),
        t.takeProfitPrice(),
        t.closeTime(),
        t.closeRate(),
        t.exitFee(),
        t.exitReason(),
        t.profitAbs(),
        t.profitRatio(),
        t.exitClientOrderId());
  }

  public void updateTradeProgress(
      String tradeId, long lastCandleTime, BigDecimal stop, BigDecimal takeProfit) {
    update(
        "UPDATE exec_trade SET last_candle_time = ?, stop_price = ?, take_profit_price = ? WHERE trade_id = ?",
        lastCandleTime,
        stop,
        takeProfit,
        tradeId);
  }

  public void closeTrade(
      String tradeId,
      long closeTime,
      BigDecimal closeRate,
      BigDecimal exitFee,
      String exitReason,
      BigDecimal profitAbs,
      BigDecimal profitRatio,
      String exitClientOrderId) {
    update(
        "UPDATE exec_trade SET status = 'closed', close_time = ?, close_rate = ?, exit_fee = ?, exit_reason = ?, "
            + "profit_abs = ?, profit_ratio = ?, exit_client_order_id = ? WHERE trade_id = ?",
        closeTime,
        closeRate,
        exitFee,
        exitReason,
        profitAbs,
        profitRatio,
        exitClientOrderId,
        tradeId);
  }

  public List<TradeRow> openTrades(String exchange, String pair, String timeframe) {
    return many(
        "SELECT "
            + TRADE_COLS
            + " FROM exec_trade WHERE status = 'open' AND exchange = ? AND pair = ? "
            + "AND timeframe = ? ORDER BY open_time, trade_id",
        Store::trade,
        exchange,
        pair,
        timeframe);
  }

  public List<TradeRow> trades(String status, int limit) {
    if (status == null) {
      return many(
          "SELECT "
              + TRADE_COLS
              + " FROM exec_trade ORDER BY open_time DESC, trade_id LIMIT "
              + limit,
          Store::trade);
    }
    return many(
        "SELECT "
            + TRADE_COLS
            + " FROM exec_trade WHERE status = ? ORDER BY open_time DESC, trade_id LIMIT "
            + limit,
        Store::trade,
        status);
  }

  private static TradeRow trade(ResultSet rs) throws SQLException {
    long close = rs.getLong(21);
    Long closeTime = rs.wasNull() ? null : close;
    return new TradeRow(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getLong(11),
        rs.getBigDecimal(12),
        rs.getBigDecimal(13),
        rs.getBigDecimal(14),
        rs.getBigDecimal(15),
        rs.getBigDecimal(16),
        rs.getString(17),
        rs.getLong(18),
        rs.getBigDecimal(19),
        rs.getBigDecimal(20),
        closeTime,
        rs.getBigDecimal(22),
        rs.getBigDecimal(23),
        rs.getString(24),
        rs.getBigDecimal(25),
        rs.getBigDecimal(26),
        rs.getString(27));
  }

  // ---------------------------------------------------------------- fills (outbox)

  public boolean fillExists(String fillId) {
    return exists("SELECT 1 FROM exec_fill WHERE fill_id = ?", fillId);
  }

  public boolean exchangeTradeSeen(String clientOrderId, String exchangeTradeId) {
    return exists(
        "SELECT 1 FROM exec_fill WHERE client_order_id = ? AND exchange_trade_id = ?",
        clientOrderId,
        exchangeTradeId);
  }

  public void insertFill(Fill f, int seq, String exchangeTradeId, long now) {
    update(
        "INSERT INTO exec_fill (fill_id, client_order_id, seq, exchange_trade_id, body, published, created_at) "
            + "VALUES (?,?,?,?,?,0,?)",
        f.id(),
        f.clientOrderId(),
        seq,
        exchangeTradeId,
        MessageCodec.instance().encodeToString(f),
        now);
  }

  public List<Fill> fillsOfOrder(String clientOrderId) {
    return many(
        "SELECT body FROM exec_fill WHERE client_order_id = ? ORDER BY seq",
        rs -> MessageCodec.instance().decode(rs.getString(1), Fill.class),
        clientOrderId);
  }

  public List<Fill> unpublishedFills(int limit, long createdBefore) {
    return many(
        "SELECT body FROM exec_fill WHERE published = 0 AND created_at <= ? ORDER BY created_at, fill_id "
            + "LIMIT "
            + limit,
        rs -> MessageCodec.instance().decode(rs.getString(1), Fill.class),
        createdBefore);
  }

  /** Marks fills published, one JDBC batch. */
  public void markPublished(List<String> fillIds) {
    String sql = "UPDATE exec_fill SET published = 1 WHERE fill_id = ?";
    try {
      PreparedStatement ps = prepared(sql);
      for (String id : fillIds) {
        ps.setString(1, id);
        ps.addBatch();
      }
      ps.executeBatch();
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  // ---------------------------------------------------------------- paper wallet

  public BigDecimal balance(String currency) {
    BigDecimal b =
        one(
            "SELECT amount FROM paper_balance WHERE currency = ?",
            rs -> rs.getBigDecimal(1),
            currency);
    return b == null ? BigDecimal.ZERO : b;
  }

  public boolean hasWallet() {
    return exists("SELECT 1 FROM paper_balance");
  }

  public void insertBalance(String currency, BigDecimal amount) {
    update("INSERT INTO paper_balance (currency, amount) VALUES (?, ?)", currency, amount);
  }

  public void updateBalance(String currency, BigDecimal amount) {
    update("UPDATE paper_balance SET amount = ? WHERE currency = ?", amount, currency);
  }

  public Map<String, BigDecimal> balances() {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    many(
        "SELECT currency, amount FROM paper_balance ORDER BY currency",
        rs -> out.put(rs.getString(1), rs.getBigDecimal(2)));
    return out;
  }

  // ---------------------------------------------------------------- JDBC plumbing

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private boolean exists(String sql, Object... args) {
    return one(sql, rs -> Boolean.TRUE, args) != null;
  }

  /**
   * The prepared statement of {@code sql}, compiled once per transaction: sqlite-jdbc compiles
   * every statement it prepares, and a transaction of a whole poll runs the same few statements
   * hundreds of times.
   */
  private PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    return ps;
  }

  private <T> T one(String sql, RowMapper<T> mapper, Object... args) {
    try {
      PreparedStatement ps = prepared(sql);
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? mapper.map(rs) : null;
      }
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  private <T> List<T> many(String sql, RowMapper<T> mapper, Object... args) {
    try {
      PreparedStatement ps = prepared(sql);
      bind(ps, args);
      List<T> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  private int update(String sql, Object... args) {
    try {
      PreparedStatement ps = prepared(sql);
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException(sql, e);
    }
  }

  /** Closes the statements of this transaction (the connection stays with its pool). */
  @Override
  public void close() {
    for (PreparedStatement ps : statements.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // closing the connection closes it too
      }
    }
    statements.clear();
  }

  private static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a == null) {
        ps.setNull(i + 1, Types.NULL);
      } else if (a instanceof BigDecimal b) {
        ps.setBigDecimal(i + 1, b);
      } else if (a instanceof Long l) {
        ps.setLong(i + 1, l);
      } else if (a instanceof Integer n) {
        ps.setInt(i + 1, n);
      } else if (a instanceof java.sql.Timestamp t) {
        ps.setTimestamp(i + 1, t);
      } else {
        ps.setString(i + 1, a.toString());
      }
    }
  }

  /** A database failure, with the statement that failed. */
  public static final class StoreException extends RuntimeException {
    StoreException(String sql, SQLException cause) {
      super(cause.getMessage() + " [" + sql + "]", cause);
    }
  }
}
