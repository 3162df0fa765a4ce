package io.tradingsuite.marketdata.candles;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * Candles in table {@code candle} through plain JDBC (bulk paths need batches, not an ORM). Works
 * on SQLite and PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE} is an upsert on both. Open
 * times are epoch milliseconds; prices are NUMERIC(38,12) read back as BigDecimal without trailing
 * zeros.
 */
public class CandleStore {
  public static final int BATCH = 1000;
  private static final String UPSERT =
      "INSERT INTO candle (exchange, pair, timeframe, open_time, open, high, low, close, volume)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exchange, pair, timeframe, open_time) DO UPDATE SET"
          + " open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume";

  private final DataSource dataSource;

  public CandleStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One series: what {@code GET /pairs} lists. */
  public record Series(
      String exchange, String pair, String timeframe, long candles, long first, long last) {}

  /** Upserts all candles in one transaction, in JDBC batches of {@value #BATCH}: all or nothing. */
  public int upsert(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, true);
  }

  /**
   * The benchmark's baseline: the same upsert, one statement execution per row (same transaction).
   */
  public int upsertRowByRow(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, false);
  }

  private int write(MarketKey key, List<Ohlcv> candles, boolean batched) {
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
        int pending = 0;
        for (Ohlcv o : candles) {
          ps.setString(1, key.exchange());
          ps.setString(2, key.pair());
          ps.setString(3, key.timeframe());
          ps.setLong(4, o.openTime());
          ps.setBigDecimal(5, o.open());
          ps.setBigDecimal(6, o.high());
          ps.setBigDecimal(7, o.low());
          ps.setBigDecimal(8, o.close());
          ps.setBigDecimal(9, o.volume());
          if (batched) {
            ps.addBatch();
            if (++pending == BATCH) {
              ps.executeBatch();
              pending = 0;
            }
          } else {
            ps.executeUpdate();
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
      return candles.size();
    } catch (SQLException e) {
      throw new StoreException(
          "storing " + candles.size() + " candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Candles with {@code from <= open_time < to}, ascending; {@code limit <= 0} means all. */
  public List<Ohlcv> find(MarketKey key, long from, long to, int limit) {
    String sql =
        "SELECT open_time, open, high, low, close, volume FROM candle WHERE exchange = ? AND pair = ? AND timeframe = ?"
            + " AND open_time >= ? AND open_time < ? ORDER BY open_time"
            + (limit > 0 ? " LIMIT " + limit : "");
    List<Ohlcv> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      ps.setLong(4, from);
      ps.setLong(5, to);
      ps.setFetchSize(5000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Ohlcv(rs.getLong(1), dec(rs, 2), dec(rs, 3), dec(rs, 4), dec(rs, 5), dec(rs, 6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Ascending open times with {@code from <= open_time < to}. */
  public long[] openTimes(MarketKey key, long from, long to) {
    String sql =
        "SELECT open_time FROM candle WHERE exchange = ? AND pair = ? AND timeframe = ?"
            + " AND open_time >= ? AND open_time < ? ORDER BY open_time";
    long[] out = new long[1024];
    int n = 0;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      ps.setLong(4, from);
      ps.setLong(5, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (n == out.length) {
            out = Arrays.copyOf(out, n * 2);
          }
          out[n++] = rs.getLong(1);
        }
      }
      return Arrays.copyOf(out, n);
    } catch (SQLException e) {
      throw new StoreException("reading candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Open time of the newest stored candle. */
  public OptionalLong last(MarketKey key) {
    String sql =
        "SELECT MAX(open_time) FROM candle WHERE exchange = ? AND pair = ? AND timeframe = ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        long v = rs.getLong(1);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
      }
    } catch (SQLException e) {
      throw new StoreException("reading candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  public long count(MarketKey key, long from, long to) {
    String sql =
        "SELECT COUNT(*) FROM candle WHERE exchange = ? AND pair = ? AND timeframe = ? AND open_time >= ? AND open_time < ?";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bindKey(ps, key);
      ps.setLong(4, from);
      ps.setLong(5, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException("counting candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  /** Every stored series, optionally of one exchange. */
  public List<Series> series(String exchange) {
    String sql =
        "SELECT exchange, pair, timeframe, COUNT(*), MIN(open_time), MAX(open_time) FROM candle"
            + (exchange == null ? "" : " WHERE exchange = ?")
            + " GROUP BY exchange, pair, timeframe ORDER BY exchange, pair, timeframe";
    List<Series> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      if (exchange != null) {
        ps.setString(1, exchange.toLowerCase(java.util.Locale.ROOT));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Series(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("listing series failed: " + e.getMessage(), e);
    }
  }

  private static void bindKey(PreparedStatement ps, MarketKey key) throws SQLException {
    ps.setString(1, key.exchange());
    ps.setString(2, key.pair());
    ps.setString(3, key.timeframe());
  }

  /** NUMERIC(38,12) comes back as 1.500000000000 on PostgreSQL: strip to the value's own scale. */
  private static BigDecimal dec(ResultSet rs, int col) throws SQLException {
    BigDecimal v = rs.getBigDecimal(col);
    if (v == null) {
      return null;
    }
    v = v.stripTrailingZeros();
    return v.scale() < 0 ? v.setScale(0) : v;
  }

  /** A database failure, with what was being done. */
  public static class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
