package io.tradingsuite.marketdata.exchange;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteDataSource;

/**
 * The real XChange Binance and Kraken code paths against a local WireMock server that serves
 * responses shaped like the exchanges' recorded ones (base URL overridden), storing into a real
 * SQLite database migrated with the service's own migrations. Nothing here touches the internet.
 */
class XChangeOfflineTest {
  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z
  private static final long H = 3_600_000L;
  private static WireMockServer wm;
  private static SQLiteDataSource db;
  private CandleStore store;
  private final List<Long> sleeps = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    wm = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    wm.start();
    Path dir = Files.createDirectories(Path.of("target/var"));
    db = new SQLiteDataSource();
    db.setUrl("jdbc:sqlite:" + dir.resolve("xchange-" + UUID.randomUUID() + ".sqlite"));
    Flyway.configure()
        .dataSource(db)
        .locations("classpath:db/migration")
        .placeholders(
            java.util.Map.of("id_pk", "INTEGER PRIMARY KEY AUTOINCREMENT", "json", "TEXT"))
        .load()
        .migrate();
  }

  @AfterAll
  static void stop() {
    wm.stop();
  }

  @BeforeEach
  void reset() {
    wm.resetAll();
    store = new CandleStore(db);
  }

  private static String kline(long openTime, String close) {
    return "[%d,\"100.00\",\"101.50\",\"99.25\",\"%s\",\"12.34500000\",%d,\"1234.5\",42,\"6.1\",\"610.2\",\"0\"]"
        .formatted(openTime, close, openTime + H - 1);
  }

  private void binanceKlines(long startTime, String body) {
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("symbol", equalTo("BTCUSDT"))
            .withQueryParam("interval", equalTo("1h"))
            .withQueryParam("startTime", equalTo(String.valueOf(startTime)))
            .willReturn(okJson(body)));
  }

  @Test
  void binanceHistoryPagesBacksOffOnRateLimitAndResumes() throws Exception {
    binanceKlines(
        T0,
        "["
            + kline(T0, "100.5")
            + ","
            + kline(T0 + H, "100.75")
            + ","
            + kline(T0 + 2 * H, "101")
            + "]");
    // the second page first answers 429 (as Binance does, code -1003), then the data
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("startTime", equalTo(String.valueOf(T0 + 3 * H)))
            .inScenario("rate")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":-1003,\"msg\":\"Too many requests; current limit is 6000 request weight per 1 MINUTE.\"}")));
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("startTime", equalTo(String.valueOf(T0 + 3 * H)))
            .inScenario("rate")
            .whenScenarioStateIs("ok")
            .willReturn(
                okJson("[" + kline(T0 + 3 * H, "99.5") + "," + kline(T0 + 4 * H, "100") + "]")));
    binanceKlines(T0 + 5 * H, "[]");

    String ex = "binance";
    BinanceCandleSource source =
        new BinanceCandleSource(wm.baseUrl(), 30_000, () -> T0 + 100 * H) {
          @Override
          public String exchange() {
            return ex;
          }
        };
    String pair = "BTC/USDT";
    MarketKey key = new MarketKey(ex, pair, "1h");
    long before = store.count(key, 0, Long.MAX_VALUE);
    HistoryDownloader downloader = new HistoryDownloader(store, sleeps::add, 100, 3);
    // the store may hold this series from an earlier run of this test on the same file: start clean
    assertThat(before).isZero();

    HistoryDownloader.Result r =
        downloader.download(source, pair, Timeframe.parse("1h"), T0, T0 + 10 * H);
    assertThat(r.stored()).isEqualTo(5);
    assertThat(r.rateLimited()).isEqualTo(1);
    assertThat(sleeps).containsExactly(100L);
    List<Ohlcv> stored = store.find(key, 0, Long.MAX_VALUE, 0);
    assertThat(stored)
        .extracting(Ohlcv::openTime)
        .containsExactly(T0, T0 + H, T0 + 2 * H, T0 + 3 * H, T0 + 4 * H);
    assertThat(stored.get(0).close()).isEqualByComparingTo("100.5");
    assertThat(stored.get(0).volume()).isEqualByComparingTo("12.345");
    wm.verify(
        getRequestedFor(urlPathEqualTo("/api/v3/klines")).withQueryParam("limit", equalTo("1000")));

    // asked again, it resumes after the last stored candle: only the empty tail page is requested
    wm.resetRequests();
    HistoryDownloader.Result again =
        downloader.download(source, pair, Timeframe.parse("1h"), T0, T0 + 10 * H);
    assertThat(again.stored()).isZero();
    wm.verify(1, getRequestedFor(urlPathEqualTo("/api/v3/klines")));
    wm.verify(
        getRequestedFor(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("startTime", equalTo(String.valueOf(T0 + 5 * H))));
  }

  @Test
  void rateLimitThatNeverEndsGivesUpAfterTheRetries() {
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":-1003,\"msg\":\"Too many requests\"}")));
    BinanceCandleSource source = new BinanceCandleSource(wm.baseUrl(), 30_000, () -> T0 + 100 * H);
    HistoryDownloader downloader = new HistoryDownloader(store, sleeps::add, 100, 3);
    assertThatThrownBy(
            () -> downloader.download(source, "ETH/USDT", Timeframe.parse("1h"), T0, T0 + 10 * H))
        .satisfies(e -> assertThat(RateLimits.isRateLimit(e)).isTrue());
    assertThat(sleeps).containsExactly(100L, 200L, 400L);
  }

  private void krakenMetadata() {
    wm.stubFor(
        get(urlPathEqualTo("/0/public/Assets"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"XXBT":{"aclass":"currency","altname":"XBT","decimals":10,"display_decimals":5},
        "ZUSD":{"aclass":"currency","altname":"USD","decimals":4,"display_decimals":2}}}""")));
    wm.stubFor(
        get(urlPathEqualTo("/0/public/AssetPairs"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency","base":"XXBT",
        "aclass_quote":"currency","quote":"ZUSD","lot":"unit","pair_decimals":1,"lot_decimals":8,"lot_multiplier":1,
        "leverage_buy":[2,3,4,5],"leverage_sell":[2,3,4,5],"fees":[[0,0.26],[50000,0.24]],"fees_maker":[[0,0.16],[50000,0.14]],
        "fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,"ordermin":"0.0001"}}}""")));
  }

  private static String krakenRow(long openMs, String close) {
    return "[%d,\"42000.0\",\"42100.5\",\"41900.0\",\"%s\",\"42010.3\",\"3.25000000\",17]"
        .formatted(openMs / 1000, close);
  }

  @Test
  void krakenHistoryMapsPairsDropsTheFormingCandleAndBacksOff() throws Exception {
    krakenMetadata();
    String since0 = String.valueOf(T0 / 1000 - 1);
    wm.stubFor(
        get(urlPathEqualTo("/0/public/OHLC"))
            .withQueryParam("pair", equalTo("XXBTZUSD"))
            .withQueryParam("interval", equalTo("60"))
            .withQueryParam("since", equalTo(since0))
            .willReturn(
                okJson(
                    "{\"error\":[],\"result\":{\"XXBTZUSD\":["
                        + krakenRow(T0, "42050.0")
                        + ","
                        + krakenRow(T0 + H, "42060.0")
                        + ","
                        + krakenRow(T0 + 2 * H, "42070.0")
                        + "],\"last\":"
                        + (T0 + H) / 1000
                        + "}}")));
    String since2 = String.valueOf((T0 + 2 * H) / 1000 - 1);
    wm.stubFor(
        get(urlPathEqualTo("/0/public/OHLC"))
            .withQueryParam("since", equalTo(since2))
            .inScenario("k")
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(okJson("{\"error\":[\"EAPI:Rate limit exceeded\"]}")));
    wm.stubFor(
        get(urlPathEqualTo("/0/public/OHLC"))
            .withQueryParam("since", equalTo(since2))
            .inScenario("k")
            .whenScenarioStateIs("ok")
            .willReturn(
                okJson(
                    "{\"error\":[],\"result\":{\"XXBTZUSD\":["
                        + krakenRow(T0 + 2 * H, "42070.0")
                        + "],\"last\":"
                        + (T0 + 2 * H) / 1000
                        + "}}")));

    KrakenCandleSource source = new KrakenCandleSource(wm.baseUrl(), 30_000);
    HistoryDownloader downloader = new HistoryDownloader(store, sleeps::add, 50, 3);
    HistoryDownloader.Result r =
        downloader.download(source, "BTC/USD", Timeframe.parse("1h"), T0, T0 + 10 * H);
    assertThat(r.stored()).isEqualTo(2); // T0 and T0+1h; T0+2h is still forming in both answers
    assertThat(r.rateLimited()).isEqualTo(1);
    List<Ohlcv> stored = store.find(new MarketKey("kraken", "BTC/USD", "1h"), 0, Long.MAX_VALUE, 0);
    assertThat(stored).extracting(Ohlcv::openTime).containsExactly(T0, T0 + H);
    assertThat(stored.get(1).close()).isEqualByComparingTo("42060.0");
  }

  @Test
  void liveFeedPublishesEachClosedCandleOnceAcrossPollsAndARestart() throws Exception {
    String ex = "live" + UUID.randomUUID().toString().substring(0, 6);
    long[] now = {T0 + 5 * H + 30 * 60_000};
    BinanceCandleSource source =
        new BinanceCandleSource(wm.baseUrl(), 30_000, () -> now[0]) {
          @Override
          public String exchange() {
            return ex;
          }
        };
    // the exchange's answer from the cursor on: T0+4h closed, T0+5h still forming (until now passes
    // its close)
    binanceKlines(
        T0 + 4 * H, "[" + kline(T0 + 4 * H, "100") + "," + kline(T0 + 5 * H, "101") + "]");
    binanceKlines(T0 + 5 * H, "[" + kline(T0 + 5 * H, "101") + "]");
    List<Candle> published = new ArrayList<>();
    FeedCursorStore cursors = new FeedCursorStore(db);
    LivePoller poller =
        new LivePoller(
            source,
            store,
            cursors,
            c -> {
              published.add(c);
              return CompletableFuture.completedFuture(null);
            },
            () -> now[0]);
    assertThat(poller.poll("BTC/USDT", Timeframe.parse("1h"))).isEqualTo(1);
    assertThat(poller.poll("BTC/USDT", Timeframe.parse("1h"))).isZero();
    // "restart": a new poller with only the database's cursor; time moves past the 5h candle's
    // close
    now[0] = T0 + 6 * H + 60_000;
    LivePoller restarted =
        new LivePoller(
            source,
            store,
            new FeedCursorStore(db),
            c -> {
              published.add(c);
              return CompletableFuture.completedFuture(null);
            },
            () -> now[0]);
    assertThat(restarted.poll("BTC/USDT", Timeframe.parse("1h"))).isEqualTo(1);
    assertThat(published)
        .extracting(c -> c.openTime().toEpochMilli())
        .containsExactly(T0 + 4 * H, T0 + 5 * H);
  }

  /**
   * A stop during a poll (as on shutdown) ends it after the candle the broker acknowledged, with
   * its cursor written; a new poller (the restart) resumes right after it: nothing twice, nothing
   * skipped.
   */
  @Test
  void aStoppedPollEndsAfterTheAcknowledgedCandleAndANewPollerResumes() throws Exception {
    String ex = "stop" + UUID.randomUUID().toString().substring(0, 6);
    long now = T0 + 10 * H + 60_000;
    BinanceCandleSource source =
        new BinanceCandleSource(wm.baseUrl(), 30_000, () -> now) {
          @Override
          public String exchange() {
            return ex;
          }
        };
    MarketKey key = new MarketKey(ex, "BTC/USDT", "1h");
    FeedCursorStore cursors = new FeedCursorStore(db);
    cursors.save(key, T0 + 3 * H); // where an earlier run of the feed got to
    StringBuilder from4 = new StringBuilder("[");
    StringBuilder from6 = new StringBuilder("[");
    for (int i = 4; i <= 10; i++) { // 4h..9h closed, 10h forming
      from4.append(i == 4 ? "" : ",").append(kline(T0 + i * H, "100"));
      if (i >= 6) {
        from6.append(i == 6 ? "" : ",").append(kline(T0 + i * H, "100"));
      }
    }
    binanceKlines(T0 + 4 * H, from4.append(']').toString());
    binanceKlines(T0 + 6 * H, from6.append(']').toString());
    List<Candle> published = new ArrayList<>();
    LivePoller[] first = new LivePoller[1];
    first[0] =
        new LivePoller(
            source,
            store,
            cursors,
            c -> {
              published.add(c);
              if (published.size() == 2) {
                first[0].stop(); // the shutdown arrives while the second candle is in flight
              }
              return CompletableFuture.completedFuture(null);
            },
            () -> now);
    assertThat(first[0].poll("BTC/USDT", Timeframe.parse("1h"))).isEqualTo(2);
    assertThat(cursors.last(key)).hasValue(T0 + 5 * H);
    assertThat(first[0].poll("BTC/USDT", Timeframe.parse("1h"))).isZero();
    LivePoller restarted =
        new LivePoller(
            source,
            store,
            new FeedCursorStore(db),
            c -> {
              published.add(c);
              return CompletableFuture.completedFuture(null);
            },
            () -> now);
    assertThat(restarted.poll("BTC/USDT", Timeframe.parse("1h"))).isEqualTo(4);
    assertThat(published)
        .extracting(c -> c.openTime().toEpochMilli())
        .containsExactly(T0 + 4 * H, T0 + 5 * H, T0 + 6 * H, T0 + 7 * H, T0 + 8 * H, T0 + 9 * H);
  }

  private static long at(String iso) {
    return java.time.Instant.parse(iso).toEpochMilli();
  }

  private static String kline(long openTime, long closeTime, String close) {
    return "[%d,\"100.00\",\"101.50\",\"99.25\",\"%s\",\"12.345\",%d,\"1234.5\",42,\"6.1\",\"610.2\",\"0\"]"
        .formatted(openTime, close, closeTime);
  }

  private void binanceKlines(String interval, long startTime, String... rows) {
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("symbol", equalTo("BTCUSDT"))
            .withQueryParam("interval", equalTo(interval))
            .withQueryParam("startTime", equalTo(String.valueOf(startTime)))
            .willReturn(okJson("[" + String.join(",", rows) + "]")));
  }

  /**
   * 1M candles follow the calendar: after February 2024 (29 days) the feed asks from March 1st (a
   * fixed 30-day month would ask from March 2nd and skip March); the April candle is still open.
   */
  @Test
  void liveMonthlyCandlesResumeOnTheFirstOfTheNextMonth() throws Exception {
    String ex = "month" + UUID.randomUUID().toString().substring(0, 6);
    long now = at("2024-04-15T12:00:00Z");
    BinanceCandleSource source =
        new BinanceCandleSource(wm.baseUrl(), 30_000, () -> now) {
          @Override
          public String exchange() {
            return ex;
          }
        };
    MarketKey key = new MarketKey(ex, "BTC/USDT", "1M");
    FeedCursorStore cursors = new FeedCursorStore(db);
    cursors.save(key, at("2024-02-01T00:00:00Z"));
    binanceKlines(
        "1M",
        at("2024-03-01T00:00:00Z"),
        kline(at("2024-03-01T00:00:00Z"), at("2024-04-01T00:00:00Z") - 1, "100.5"),
        kline(at("2024-04-01T00:00:00Z"), at("2024-05-01T00:00:00Z") - 1, "100.75"));
    List<Candle> published = new ArrayList<>();
    LivePoller poller =
        new LivePoller(
            source,
            store,
            cursors,
            c -> {
              published.add(c);
              return CompletableFuture.completedFuture(null);
            },
            () -> now);
    assertThat(poller.poll("BTC/USDT", Timeframe.parse("1M"))).isEqualTo(1);
    assertThat(published)
        .extracting(Candle::openTime)
        .extracting(java.time.Instant::toString)
        .containsExactly("2024-03-01T00:00:00Z");
    assertThat(published.get(0).timeframe()).isEqualTo("1M");
    assertThat(cursors.last(key)).hasValue(at("2024-03-01T00:00:00Z"));
  }

  /**
   * Binance's weekly klines open on Monday 00:00 UTC: a 1w download stores them (on the epoch grid,
   * which starts on a Thursday, they would be refused as off-grid) and pages on by whole weeks.
   */
  @Test
  void weeklyHistoryIsOnTheMondayGrid() throws Exception {
    long w = 7 * 24 * H;
    long monday = at("2024-01-01T00:00:00Z");
    binanceKlines(
        "1w",
        monday,
        kline(monday, monday + w - 1, "100"),
        kline(monday + w, monday + 2 * w - 1, "100.5"),
        kline(monday + 2 * w, monday + 3 * w - 1, "101"));
    binanceKlines("1w", monday + 3 * w);
    String ex = "week" + UUID.randomUUID().toString().substring(0, 6);
    BinanceCandleSource source =
        new BinanceCandleSource(wm.baseUrl(), 30_000, () -> monday + 10 * w) {
          @Override
          public String exchange() {
            return ex;
          }
        };
    HistoryDownloader downloader = new HistoryDownloader(store, sleeps::add, 100, 3);
    // asked from a Wednesday: the first whole week starts the Monday after
    HistoryDownloader.Result r =
        downloader.download(
            source, "BTC/USDT", Timeframe.parse("1w"), monday - 5 * 24 * H, monday + 10 * w);
    assertThat(r.stored()).isEqualTo(3);
    assertThat(store.find(new MarketKey(ex, "BTC/USDT", "1w"), 0, Long.MAX_VALUE, 0))
        .extracting(Ohlcv::openTime)
        .containsExactly(monday, monday + w, monday + 2 * w);
    wm.verify(
        getRequestedFor(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("startTime", equalTo(String.valueOf(monday))));
  }
}
