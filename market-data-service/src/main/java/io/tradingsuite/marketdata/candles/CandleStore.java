package io.tradingsuite.marketdata.candles;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Candles in table {@code candle} through plain JDBC (bulk paths need batches, not an ORM). Works
 * on SQLite and PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE} is an upsert on both. Open
 * times are epoch milliseconds; prices are NUMERIC(38,12) read back as BigDecimal without trailing
 * zeros.
 *
 * <p>Bulk writes on PostgreSQL ({@value #COPY_MIN_ROWS} candles or more) take the {@code COPY}
 * path: the candles stream into a temporary staging table with {@code COPY ... FROM STDIN} (text
 * format, each decimal as {@link BigDecimal#toPlainString()}), then one {@code INSERT ... SELECT
 * ... ON CONFLICT DO UPDATE} moves them into {@code candle}, in the same transaction. When the
 * series has no stored candle in the time range being written (a first import, a download that
 * appends), the candles are copied straight into {@code candle} instead, inside a savepoint: if a
 * concurrent writer stored one of those candles meanwhile, the primary key refuses the copy and the
 * write goes the staging way. The outcome is the one of the JDBC batch upsert: new candles are
 * inserted, a stored candle is overwritten by the given values (a candle with equal values is left
 * as it is, which stores the same), when one call gives the same open time twice the later one
 * wins, and the call reports every candle it was given. SQLite and smaller writes keep the JDBC
 * batch.
 */
public class CandleStore {
  public static final int BATCH = 1000;

  /** Writes of at least this many candles go through {@code COPY} on PostgreSQL. */
  public static final int COPY_MIN_ROWS = BATCH;

  private static final String UPSERT =
      "INSERT INTO candle (exchange, pair, timeframe, open_time, open, high, low, close, volume)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (exchange, pair, timeframe, open_time) DO UPDATE SET"
          + " open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume";

  /**
   * The staging table of one COPY write: this session's own, dropped when the transaction ends.
   * Unconstrained NUMERIC keeps each value exactly as sent; the move into {@code candle} coerces it
   * to NUMERIC(38,12) as the batch path's bound parameter is.
   */
  private static final String STAGE =
      "CREATE TEMP TABLE candle_stage (open_time BIGINT NOT NULL, open NUMERIC NOT NULL,"
          + " high NUMERIC NOT NULL, low NUMERIC NOT NULL, close NUMERIC NOT NULL,"
          + " volume NUMERIC NOT NULL) ON COMMIT DROP";

  private static final String COPY_STAGE =
      "COPY candle_stage (open_time, open, high, low, close, volume) FROM STDIN";

  private static final String COPY_DIRECT =
      "COPY candle (exchange, pair, timeframe, open_time, open, high, low, close, volume) FROM STDIN";

  private static final String ANY_STORED =
      "SELECT 1 FROM candle WHERE exchange = ? AND pair = ? AND timeframe = ?"
          + " AND open_time >= ? AND open_time <= ? LIMIT 1";

  /** SQLSTATE of a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String MOVE =
      "INSERT INTO candle (exchange, pair, timeframe, open_time, open, high, low, close, volume)"
          + " SELECT CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR), open_time, open,"
          + " high, low, close, volume FROM candle_stage"
          + " ON CONFLICT (exchange, pair, timeframe, open_time) DO UPDATE SET"
          + " open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume"
          + " WHERE (candle.open, candle.high, candle.low, candle.close, candle.volume)"
          + " IS DISTINCT FROM (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)";

  private final DataSource dataSource;
  private final AtomicLong copyWrites = new AtomicLong();
  private final AtomicLong batchWrites = new AtomicLong();

  public CandleStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** One series: what {@code GET /pairs} lists. */
  public record Series(
      String exchange, String pair, String timeframe, long candles, long first, long last) {}

  /**
   * Upserts all candles in one transaction, all or nothing: through {@code COPY} on PostgreSQL when
   * there are at least {@value #COPY_MIN_ROWS}, else in JDBC batches of {@value #BATCH}. Returns
   * the number of candles given.
   */
  public int upsert(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, candles.size() >= COPY_MIN_ROWS ? Path.AUTO : Path.BATCH);
  }

  /** The JDBC batch upsert whatever the database and size (SQLite's path; a bench comparison). */
  public int upsertBatched(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, Path.BATCH);
  }

  /** The {@code COPY} upsert whatever the size; PostgreSQL only. */
  public int upsertCopy(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, Path.COPY);
  }

  /**
   * The benchmark's baseline: the same upsert, one statement execution per row (same transaction).
   */
  public int upsertRowByRow(MarketKey key, List<Ohlcv> candles) {
    return write(key, candles, Path.ROW_BY_ROW);
  }

  /** Whether the database takes the {@code COPY} path (PostgreSQL through pgjdbc). */
  public boolean copyAvailable() {
    try (Connection c = dataSource.getConnection()) {
      return c.isWrapperFor(PGConnection.class);
    } catch (SQLException e) {
      throw new StoreException("opening a connection failed: " + e.getMessage(), e);
    }
  }

  /** Writes done through {@code COPY} since start (each a whole call of an upsert method). */
  public long copyWrites() {
    return copyWrites.get();
  }

  /** Writes done through JDBC statements (batch or row by row) since start. */
  public long batchWrites() {
    return batchWrites.get();
  }

  private enum Path {
    AUTO,
    BATCH,
    COPY,
    ROW_BY_ROW
  }

  private int write(MarketKey key, List<Ohlcv> candles, Path path) {
    try (Connection c = dataSource.getConnection()) {
      boolean copy = path == Path.COPY || (path == Path.AUTO && c.isWrapperFor(PGConnection.class));
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        if (copy) {
          copy(c, key, candles);
        } else {
          statements(c, key, candles, path != Path.ROW_BY_ROW);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
      (copy ? copyWrites : batchWrites).incrementAndGet();
      return candles.size();
    } catch (SQLException e) {
      throw new StoreException(
          "storing " + candles.size() + " candles of " + key + " failed: " + e.getMessage(), e);
    }
  }

  private static void statements(Connection c, MarketKey key, List<Ohlcv> candles, boolean batched)
      throws SQLException {
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
    }
  }

  /**
   * Straight into the candle table when none of the range is stored yet, else (or when a concurrent
   * writer got there first) through the staging table and one upserting move.
   */
  private static void copy(Connection c, MarketKey key, List<Ohlcv> candles) throws SQLException {
    if (candles.isEmpty()) {
      return;
    }
    List<Ohlcv> rows = lastPerOpenTime(candles);
    if (!anyStored(c, key, rows)) {
      Savepoint before = c.setSavepoint();
      try {
        copyRows(c, COPY_DIRECT, keyColumns(key), rows);
        c.releaseSavepoint(before);
        return;
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        c.rollback(before);
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute(STAGE);
    }
    copyRows(c, COPY_STAGE, new byte[0], rows);
    try (PreparedStatement ps = c.prepareStatement(MOVE)) {
      bindKey(ps, key);
      ps.executeUpdate();
    }
  }

  private static boolean anyStored(Connection c, MarketKey key, List<Ohlcv> rows)
      throws SQLException {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (Ohlcv o : rows) {
      min = Math.min(min, o.openTime());
      max = Math.max(max, o.openTime());
    }
    try (PreparedStatement ps = c.prepareStatement(ANY_STORED)) {
      bindKey(ps, key);
      ps.setLong(4, min);
      ps.setLong(5, max);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static void copyRows(Connection c, String sql, byte[] prefix, List<Ohlcv> rows)
      throws SQLException {
    CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      CopyText text = new CopyText(in, prefix);
      for (Ohlcv o : rows) {
        text.row(o);
      }
      text.flush();
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  /** {@code exchange TAB pair TAB timeframe TAB} in COPY text format, UTF-8. */
  static byte[] keyColumns(MarketKey key) {
    return (escape(key.exchange())
            + '\t'
            + escape(key.pair())
            + '\t'
            + escape(key.timeframe())
            + '\t')
        .getBytes(StandardCharsets.UTF_8);
  }

  /** COPY text escaping: a backslash, tab, newline or carriage return in a value. */
  static String escape(String v) {
    StringBuilder b = new StringBuilder(v.length());
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
    return b.toString();
  }

  /**
   * The candles with one per open time, the last one given winning (as the batch path's repeated
   * upsert leaves it): a single {@code INSERT ... ON CONFLICT DO UPDATE} may not touch a row twice.
   */
  static List<Ohlcv> lastPerOpenTime(List<Ohlcv> candles) {
    boolean ascending = true;
    for (int i = 1; i < candles.size() && ascending; i++) {
      ascending = candles.get(i).openTime() > candles.get(i - 1).openTime();
    }
    if (ascending) {
      return candles;
    }
    Map<Long, Ohlcv> last = new HashMap<>();
    for (Ohlcv o : candles) {
      last.put(o.openTime(), o);
    }
    return new ArrayList<>(last.values());
  }

  /**
   * COPY text format, written into a reused byte buffer: {@code [key columns] open_time TAB open
   * ... LF}. Numbers need no escaping; decimals are their plain text, so the server parses exactly
   * what was given.
   */
  static final class CopyText {
    private static final int FLUSH_AT = 60 * 1024;
    private final CopyIn in;
    private final byte[] prefix;
    private byte[] buf = new byte[64 * 1024 + 512];
    private int len;

    CopyText(CopyIn in, byte[] prefix) {
      this.in = in;
      this.prefix = prefix;
    }

    void row(Ohlcv o) throws SQLException {
      if (len + prefix.length > buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2 + prefix.length);
      }
      System.arraycopy(prefix, 0, buf, len, prefix.length);
      len += prefix.length;
      number(o.openTime());
      buf[len++] = '\t';
      decimal(o.open());
      buf[len++] = '\t';
      decimal(o.high());
      buf[len++] = '\t';
      decimal(o.low());
      buf[len++] = '\t';
      decimal(o.close());
      buf[len++] = '\t';
      decimal(o.volume());
      buf[len++] = '\n';
      if (len >= FLUSH_AT) {
        flush();
      }
    }

    void flush() throws SQLException {
      if (len > 0) {
        in.writeToCopy(buf, 0, len);
        len = 0;
      }
    }

    private void number(long v) {
      ascii(Long.toString(v));
    }

    private void decimal(BigDecimal v) {
      ascii(v.toPlainString());
    }

    private void ascii(String s) {
      int n = s.length();
      if (len + n + 1 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
      }
      for (int i = 0; i < n; i++) {
        buf[len++] = (byte) s.charAt(i);
      }
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
