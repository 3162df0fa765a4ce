package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.marketdata.candles.MarketKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The live feed's cursor per series in table {@code feed_cursor}: the last candle the broker
 * acknowledged.
 */
public class FeedCursorStore {
  private final DataSource dataSource;

  public FeedCursorStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public OptionalLong last(MarketKey key) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT last_open_time FROM feed_cursor WHERE exchange = ? AND pair = ? AND timeframe = ?")) {
      ps.setString(1, key.exchange());
      ps.setString(2, key.pair());
      ps.setString(3, key.timeframe());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the feed cursor of " + key + ": " + e.getMessage(), e);
    }
  }

  public void save(MarketKey key, long lastOpenTime) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO feed_cursor (exchange, pair, timeframe, last_open_time) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (exchange, pair, timeframe) DO UPDATE SET last_open_time = excluded.last_open_time")) {
      ps.setString(1, key.exchange());
      ps.setString(2, key.pair());
      ps.setString(3, key.timeframe());
      ps.setLong(4, lastOpenTime);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot store the feed cursor of " + key + ": " + e.getMessage(), e);
    }
  }
}
