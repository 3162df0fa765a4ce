package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.importing.OhlcvParser;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.PostgresProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Stored candles on the real PostgreSQL (the {@code postgres} profile), through the service's REST
 * API: bulk imports go through {@code COPY} into a staging table and one upserting move, small ones
 * through the JDBC batch, and both store every decimal exactly with the same upsert outcome.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestProfile(CandlePostgresTest.Postgres.class)
class CandlePostgresTest {
  private static final String KEY = "test-api-key";
  private static final String DB = "market_data_copy_test";
  private static final long T0 = 1_704_067_200_000L;
  private static final long M = 60_000L;

  public static class Postgres extends PostgresProfile {
    @Override
    protected String database() {
      return DB;
    }
  }

  @Inject CandleStore store;

  @Test
  void bulkImportGoesThroughCopyAndStoresEveryDecimalExactly() throws Exception {
    assertThat(store.copyAvailable()).isTrue();
    String ex = CandleApiTest.exchange();
    int n = 50_000;
    List<Ohlcv> candles = randomCandles(new SplittableRandom(7), n);
    byte[] body = json(candles, new SplittableRandom(8));
    long copies = store.copyWrites();

    importCandles(ex, "BTC/USDT", body, n);

    assertThat(store.copyWrites()).as("one COPY write").isEqualTo(copies + 1);
    // read back through the service: every value equal (BigDecimal.equals, scale included)
    List<Ohlcv> back = export(ex, "BTC/USDT");
    assertThat(back).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(back.get(i)).as("candle %d", i).isEqualTo(candles.get(i));
    }
    // and in the table itself, as PostgreSQL prints the NUMERIC(38,12)
    Map<Long, String[]> stored = storedText(ex, "BTC/USDT");
    assertThat(stored).hasSize(n);
    for (Ohlcv c : candles) {
      assertThat(stored.get(c.openTime()))
          .as("stored text at %d", c.openTime())
          .containsExactly(
              text(c.open()), text(c.high()), text(c.low()), text(c.close()), text(c.volume()));
    }
  }

  @Test
  void reImportIsIdempotentAndAConflictingValueOverwritesOnlyItsCandle() throws Exception {
    String ex = CandleApiTest.exchange();
    int n = 2_000;
    List<Ohlcv> candles = randomCandles(new SplittableRandom(11), n);
    long copies = store.copyWrites();
    importCandles(ex, "ETH/USDT", json(candles, new SplittableRandom(12)), n);
    Map<Long, String> versions = rowVersions(ex, "ETH/USDT");

    // the same file again: every candle reported, nothing duplicated, no row rewritten
    importCandles(ex, "ETH/USDT", json(candles, new SplittableRandom(13)), n);
    assertThat(export(ex, "ETH/USDT")).isEqualTo(candles);
    assertThat(rowVersions(ex, "ETH/USDT")).isEqualTo(versions);

    // one candle with other values, one new candle: both stored, the other candles untouched
    List<Ohlcv> changed = new ArrayList<>(candles);
    Ohlcv old = candles.get(700);
    Ohlcv updated =
        new Ohlcv(
            old.openTime(),
            old.open(),
            old.high(),
            old.low(),
            old.low(),
            normal(old.volume().add(new BigDecimal("0.000000000001"))));
    changed.set(700, updated);
    Ohlcv extra = candle(T0 + n * M, "1", "2", "0.5", "1.5", "10");
    changed.add(extra);
    importCandles(ex, "ETH/USDT", json(changed, new SplittableRandom(14)), n + 1);
    assertThat(store.copyWrites()).as("three COPY writes").isEqualTo(copies + 3);
    assertThat(export(ex, "ETH/USDT")).isEqualTo(changed);
    Map<Long, String> after = rowVersions(ex, "ETH/USDT");
    assertThat(after).hasSize(n + 1);
    for (Ohlcv c : candles) {
      if (c.openTime() == old.openTime()) {
        assertThat(after.get(c.openTime())).isNotEqualTo(versions.get(c.openTime()));
      } else {
        assertThat(after.get(c.openTime())).isEqualTo(versions.get(c.openTime()));
      }
    }
    given()
        .queryParam("exchange", ex)
        .when()
        .get("/api/v1/pairs")
        .then()
        .statusCode(200)
        .body("[0].candles", equalTo(n + 1));
  }

  @Test
  void smallImportsTakeTheBatchPathWithTheSameUpsert() throws Exception {
    String ex = CandleApiTest.exchange();
    long copies = store.copyWrites();
    long batches = store.batchWrites();
    importCandles(
        ex, "SOL/USDT", "[[1704067200000,100,101,99,100.5,3]]".getBytes(StandardCharsets.UTF_8), 1);
    importCandles(
        ex,
        "SOL/USDT",
        "[[1704067200000,100,101,99,100.25,4],[1704067260000,1,1,1,1,1]]"
            .getBytes(StandardCharsets.UTF_8),
        2);
    assertThat(store.copyWrites()).isEqualTo(copies);
    assertThat(store.batchWrites()).isEqualTo(batches + 2);
    assertThat(export(ex, "SOL/USDT"))
        .containsExactly(
            candle(T0, "100", "101", "99", "100.25", "4"), candle(T0 + M, "1", "1", "1", "1", "1"));
  }

  /**
   * The two write paths side by side on the same input: a repeated open time in one call (the later
   * one wins), a value with more decimals than the column keeps (both round it the same).
   */
  @Test
  void copyAndBatchPathsStoreTheSame() {
    String ex = CandleApiTest.exchange();
    List<Ohlcv> input =
        List.of(
            candle(T0, "1", "2", "0.5", "1.5", "10"),
            candle(T0 + M, "1", "2", "0.5", "1.5", "0.1234567890125"),
            candle(T0, "3", "4", "2.5", "3.5", "30"),
            candle(T0 + 2 * M, "1", "1", "1", "1", "0.0000000000004"));
    MarketKey copyKey = new MarketKey(ex, "AAA/USDT", "1m");
    MarketKey batchKey = new MarketKey(ex, "BBB/USDT", "1m");
    assertThat(store.upsertCopy(copyKey, input)).isEqualTo(4);
    assertThat(store.upsertBatched(batchKey, input)).isEqualTo(4);
    List<Ohlcv> viaCopy = store.find(copyKey, 0, Long.MAX_VALUE / 2, 0);
    assertThat(viaCopy).isEqualTo(store.find(batchKey, 0, Long.MAX_VALUE / 2, 0));
    assertThat(viaCopy)
        .containsExactly(
            candle(T0, "3", "4", "2.5", "3.5", "30"),
            candle(T0 + M, "1", "2", "0.5", "1.5", "0.123456789013"),
            candle(T0 + 2 * M, "1", "1", "1", "1", "0"));
  }

  /** A COPY write that fails stores nothing, and the next one on the pool works. */
  @Test
  void aFailedCopyWriteStoresNothing() {
    String ex = CandleApiTest.exchange();
    MarketKey key = new MarketKey(ex, "CCC/USDT", "1m");
    List<Ohlcv> ok = randomCandles(new SplittableRandom(3), 1_500);
    List<Ohlcv> tooBig = new ArrayList<>(ok);
    // 27 digits before the point: more than NUMERIC(38,12) holds
    tooBig.set(1_000, candle(T0 + 1_000 * M, "1", "1" + "0".repeat(26), "1", "1", "1"));
    assertThatThrownBy(() -> store.upsert(key, tooBig))
        .isInstanceOf(CandleStore.StoreException.class)
        .hasMessageContaining("storing 1500 candles of");
    assertThat(store.count(key, 0, Long.MAX_VALUE / 2)).isZero();
    for (int i = 0; i < 3; i++) { // the staging table is gone after each transaction
      assertThat(store.upsert(key, ok)).isEqualTo(1_500);
    }
    assertThat(store.find(key, 0, Long.MAX_VALUE / 2, 0)).isEqualTo(ok);
  }

  /**
   * A concurrent writer stores a candle of the range after the check that found the range empty:
   * the straight COPY into the table meets its key (and waits for that transaction), then the write
   * goes through the staging table and the upserting move instead. Nothing is lost; the given
   * values win, as with the batch upsert.
   */
  @Test
  void aConcurrentWriterSendsTheCopyThroughTheStagingTable() throws Exception {
    String ex = CandleApiTest.exchange();
    MarketKey key = new MarketKey(ex, "DDD/USDT", "1m");
    List<Ohlcv> given = randomCandles(new SplittableRandom(5), 1_200);
    long t = given.get(600).openTime();
    long copies = store.copyWrites();
    try (Connection other = db()) {
      other.setAutoCommit(false);
      try (PreparedStatement ps =
          other.prepareStatement(
              "INSERT INTO candle (exchange, pair, timeframe, open_time, open, high, low, close,"
                  + " volume) VALUES (?, ?, '1m', ?, 7, 7, 7, 7, 7)")) {
        ps.setString(1, ex);
        ps.setString(2, key.pair());
        ps.setLong(3, t);
        ps.executeUpdate();
      }
      CompletableFuture<Integer> write =
          CompletableFuture.supplyAsync(() -> store.upsert(key, given));
      await().atMost(Duration.ofSeconds(60)).until(CandlePostgresTest::aWriterWaitsForALock);
      other.commit();
      assertThat(write.get(60, TimeUnit.SECONDS)).isEqualTo(1_200);
    }
    assertThat(store.copyWrites()).isEqualTo(copies + 1);
    assertThat(store.find(key, 0, Long.MAX_VALUE / 2, 0)).isEqualTo(given);
  }

  private static boolean aWriterWaitsForALock() throws SQLException {
    try (Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
      ps.setString(1, DB);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1) > 0;
      }
    }
  }

  private static Ohlcv candle(long t, String o, String h, String l, String c, String v) {
    return new Ohlcv(t, dec(o), dec(h), dec(l), dec(c), dec(v));
  }

  private static BigDecimal dec(String v) {
    return normal(new BigDecimal(v));
  }

  /** As the store reads a value back: no trailing zeros, scale not negative. */
  private static BigDecimal normal(BigDecimal v) {
    BigDecimal s = v.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * Valid 1m candles with decimals of every shape NUMERIC(38,12) holds: 0 to 12 decimals, tiny
   * values, values with 25 digits before the point, zero.
   */
  static List<Ohlcv> randomCandles(SplittableRandom rnd, int n) {
    List<Ohlcv> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BigDecimal low = value(rnd);
      BigDecimal high = normal(low.add(value(rnd)));
      boolean up = rnd.nextBoolean();
      out.add(new Ohlcv(T0 + i * M, up ? low : high, high, low, up ? high : low, value(rnd)));
    }
    return out;
  }

  private static BigDecimal value(SplittableRandom rnd) {
    int kind = rnd.nextInt(10);
    BigDecimal v;
    if (kind < 7) { // price-like
      v = BigDecimal.valueOf(rnd.nextLong(1, 1_000_000_000_000L), rnd.nextInt(13));
    } else if (kind == 7) { // 25 digits before the point, 12 after
      StringBuilder digits = new StringBuilder().append(1 + rnd.nextInt(9));
      for (int d = 1; d < 37; d++) {
        digits.append(rnd.nextInt(10));
      }
      v = new BigDecimal(new BigInteger(digits.toString()), 12);
    } else if (kind == 8) { // tiny
      v = BigDecimal.valueOf(rnd.nextLong(1, 1000), 12);
    } else {
      v = BigDecimal.valueOf(rnd.nextInt(3));
    }
    return normal(v);
  }

  /** Freqtrade JSON, some values written with an exponent ({@code 533e-7}) as pandas may. */
  static byte[] json(List<Ohlcv> candles, SplittableRandom rnd) {
    StringBuilder b = new StringBuilder(candles.size() * 120).append('[');
    for (int i = 0; i < candles.size(); i++) {
      Ohlcv c = candles.get(i);
      b.append(i == 0 ? "[" : ",[").append(c.openTime());
      for (BigDecimal v : List.of(c.open(), c.high(), c.low(), c.close(), c.volume())) {
        b.append(',');
        if (v.scale() > 0 && rnd.nextInt(5) == 0) {
          b.append(v.unscaledValue()).append("e-").append(v.scale());
        } else {
          b.append(v.toPlainString());
        }
      }
      b.append(']');
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void importCandles(String ex, String pair, byte[] body, int expected) {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body)
        .queryParam("exchange", ex)
        .queryParam("pair", pair)
        .queryParam("timeframe", "1m")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(expected))
        .body("duplicates_dropped", equalTo(0));
  }

  private static List<Ohlcv> export(String ex, String pair) {
    byte[] file =
        given()
            .queryParam("exchange", ex)
            .queryParam("pair", pair)
            .queryParam("timeframe", "1m")
            .queryParam("format", "json")
            .when()
            .get("/api/v1/candles/export")
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    return OhlcvParser.parse(file).rows();
  }

  /** How PostgreSQL prints a NUMERIC(38,12) holding {@code v}. */
  private static String text(BigDecimal v) {
    return v.setScale(12).toPlainString();
  }

  private static Connection db() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + PostgresProfile.host() + ":" + PostgresProfile.port() + "/" + DB,
        "postgres",
        "");
  }

  /** Open time → the five values as text, straight from the table. */
  private static Map<Long, String[]> storedText(String ex, String pair) throws SQLException {
    Map<Long, String[]> out = new HashMap<>();
    try (Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT open_time, open::text, high::text, low::text, close::text, volume::text"
                    + " FROM candle WHERE exchange = ? AND pair = ? AND timeframe = '1m'")) {
      ps.setString(1, ex);
      ps.setString(2, pair);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(
              rs.getLong(1),
              new String[] {
                rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)
              });
        }
      }
    }
    return out;
  }

  /** Open time → the row version ({@code xmin}): it changes only when the row is rewritten. */
  private static Map<Long, String> rowVersions(String ex, String pair) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    try (Connection c = db();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT open_time, xmin::text FROM candle WHERE exchange = ? AND pair = ?"
                    + " AND timeframe = '1m'")) {
      ps.setString(1, ex);
      ps.setString(2, pair);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getLong(1), rs.getString(2));
        }
      }
    }
    return out;
  }
}
