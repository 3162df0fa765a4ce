package io.tradingsuite.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.marketdata.candles.MarketKey;
import io.tradingsuite.marketdata.exchange.FeedCursorStore;
import io.tradingsuite.marketdata.service.LiveFeed;
import io.tradingsuite.marketdata.service.MarketClock;
import io.tradingsuite.support.db.SchemaMigrator;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live feed as the service runs it (LiveFeed bean, XChange Binance client, SQLite cursor, the
 * service's publisher) against the local fake exchange serving recorded-shaped klines that advance,
 * read back from the real broker topic {@code market.candles.v1}.
 *
 * <p>Time is the test's: the service's {@link MarketClock} is replaced by a clock the test sets
 * (nothing else is replaced), so "the candle is still open" and "now it is closed" are exact. What
 * reached the broker is read by offset: a poll returns only after the broker acknowledged what it
 * published, so reading every partition up to its end offset after a poll sees all of it, without
 * waiting and guessing.
 *
 * <p>The restart is the service's own path inside one JVM: {@link LiveFeed#stop()} as on shutdown
 * (waits for a poll in progress), then {@link LiveFeed#start()} as at start-up (a new feed instance
 * that knows only the cursors in the database).
 */
@QuarkusTest
@TestProfile(LiveFeedBrokerTest.LiveFeedOn.class)
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeExchangeResource.class)
class LiveFeedBrokerTest {
  private static final long M = 60_000L;

  /**
   * The live feed on, 1m candles of three fresh pairs on Binance, no scheduled poll in the test.
   */
  public static class LiveFeedOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "market-data.live.enabled", "true",
          "market-data.live.exchange", "binance",
          "market-data.live.pairs", fresh() + "," + fresh() + "," + fresh(),
          "market-data.live.timeframe", "1m",
          // the schedule fires at start-up (before the test's clock is in place: nothing is stubbed
          // for then) and then not within the test; the test polls itself
          "market-data.live.poll-interval", "6h");
    }

    private static String fresh() {
      return "L"
          + UUID.randomUUID().toString().replace("-", "").substring(0, 7).toUpperCase(Locale.ROOT)
          + "/USDT";
    }
  }

  /** The test's clock in place of the wall clock. */
  static class TestClock extends MarketClock {
    volatile long now;

    @Override
    public long millis() {
      return now;
    }
  }

  @Inject LiveFeed feed;
  @Inject AgroalDataSource dataSource;
  @Inject @Readiness SchemaMigrator schema;

  @ConfigProperty(name = "market-data.live.pairs")
  List<String> pairs;

  private final TestClock clock = new TestClock();
  private KafkaConsumer<String, String> consumer;
  private List<TopicPartition> partitions;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  @BeforeEach
  void setUp() {
    QuarkusMock.installMockForType(clock, MarketClock.class);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!schema.isMigrated()) {
      if (System.nanoTime() > deadline) {
        fail("the schema was not migrated within 60 s");
      }
      pause();
    }
    consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafkaResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                "false"),
            new StringDeserializer(),
            new StringDeserializer());
    partitions =
        consumer.partitionsFor(Topics.CANDLES, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition()))
            .toList();
    assertThat(partitions).as("partitions of " + Topics.CANDLES).isNotEmpty();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions); // only what this test publishes from here on
    partitions.forEach(consumer::position);
  }

  @AfterEach
  void tearDown() {
    consumer.close();
    feed.start(); // a test that stopped the feed leaves it running for the next
  }

  @Test
  void eachClosedCandleOnceTheOpenOneOnlyWhenClosedAcrossPollsAndARestart() {
    String pair = pairs.get(0).trim();
    String symbol = pair.replace("/", "");
    long t0 = Instant.parse("2024-03-04T10:00:00Z").toEpochMilli();

    // a fresh series: the feed starts with the latest closed candle; t0 is still forming
    klines(symbol, t0 - M, closed(t0 - M, 1), open(t0));
    clock.now = t0 + 20_000;
    feed.pollOnce();
    assertThat(openTimes(pair)).containsExactly(t0 - M);

    // five minutes on: five closed candles (t0 with its final values) and t0+5m still forming
    klines(symbol, t0, closed(t0, 5), open(t0 + 5 * M));
    clock.now = t0 + 5 * M + 20_000;
    feed.pollOnce();
    feed.pollOnce(); // nothing new since: nothing is sent again
    assertThat(openTimes(pair))
        .containsExactly(t0 - M, t0, t0 + M, t0 + 2 * M, t0 + 3 * M, t0 + 4 * M);
    assertThat(candle(pair, t0).close()).isEqualByComparingTo(FINAL_CLOSE);

    // the service stops (as on shutdown); time passes; the service starts again
    feed.stop();
    klines(symbol, t0 + 5 * M, closed(t0 + 5 * M, 4), open(t0 + 9 * M));
    clock.now = t0 + 9 * M + 20_000;
    assertThat(feed.pollOnce()).as("a stopped feed polls nothing").isZero();
    assertThat(openTimes(pair)).hasSize(6);
    feed.start();
    feed.pollOnce();

    List<Long> expected = new ArrayList<>();
    for (long t = t0 - M; t <= t0 + 8 * M; t += M) {
      expected.add(t);
    }
    assertThat(openTimes(pair)).containsExactlyElementsOf(expected); // once each, in order
    assertThat(openTimes(pair)).doesNotContain(t0 + 9 * M); // still forming
    // the candle that was open before the restart went out once, with its closed values
    assertThat(candle(pair, t0 + 5 * M).close()).isEqualByComparingTo(FINAL_CLOSE);
    assertThat(candle(pair, t0 + 5 * M).timeframe()).isEqualTo("1m");
    // after the restart the feed asked the exchange from its stored resume point, not from "now"
    FakeExchangeResource.server.verify(
        getRequestedFor(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam("symbol", equalTo(symbol))
            .withQueryParam("startTime", equalTo(String.valueOf(t0 + 5 * M))));
    // and stored what it published
    given()
        .queryParam("exchange", "binance")
        .queryParam("pair", pair)
        .queryParam("timeframe", "1m")
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(200)
        .body("$", org.hamcrest.Matchers.hasSize(expected.size()));
  }

  /**
   * A restart while a poll is fetching a backlog: the stop waits for that poll, and the new feed
   * instance resumes from what the old one recorded. Whichever way the two interleave, each closed
   * candle reaches the broker once.
   */
  @Test
  void aRestartDuringAPollNeitherRepeatsNorSkipsACandle() throws Exception {
    String pair = pairs.get(1).trim();
    String symbol = pair.replace("/", "");
    long t1 = Instant.parse("2024-03-05T10:00:00Z").toEpochMilli();
    MarketKey key = new MarketKey("binance", pair, "1m");
    FeedCursorStore cursors = new FeedCursorStore(dataSource);

    klines(symbol, t1 - M, closed(t1 - M, 1), open(t1));
    clock.now = t1 + 20_000;
    feed.pollOnce();
    assertThat(cursors.last(key)).hasValue(t1 - M);

    // 40 candles closed while nobody polled: the exchange answers from any resume point in them;
    // the first answer from t1 is slow, so the restart below lands while the poll waits for it
    int n = 40;
    WireMockServer wm = FakeExchangeResource.server;
    for (int i = 0; i <= n; i++) {
      long from = t1 + i * M;
      String body = page(closed(from, n - i), open(t1 + n * M));
      if (i == 0) {
        wm.stubFor(
            klinesFrom(symbol, from)
                .inScenario("slow " + symbol)
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("served")
                .willReturn(okJson(body).withFixedDelay(3000)));
        wm.stubFor(
            klinesFrom(symbol, from)
                .inScenario("slow " + symbol)
                .whenScenarioStateIs("served")
                .willReturn(okJson(body)));
      } else {
        wm.stubFor(klinesFrom(symbol, from).willReturn(okJson(body)));
      }
    }
    clock.now = t1 + n * M + 20_000;

    CompletableFuture<Integer> inFlight = CompletableFuture.supplyAsync(feed::pollOnce);
    awaitRequest(wm, symbol, t1);
    feed.restart();
    // the stop waited for the poll in progress: the old instance has nothing more to record
    OptionalLong afterStop = cursors.last(key);
    inFlight.get(60, TimeUnit.SECONDS);
    assertThat(cursors.last(key)).isEqualTo(afterStop);
    feed.pollOnce(); // the new instance, from the stored cursor
    feed.pollOnce(); // and nothing more

    List<Long> expected = new ArrayList<>();
    for (long t = t1 - M; t < t1 + n * M; t += M) {
      expected.add(t);
    }
    assertThat(openTimes(pair)).containsExactlyElementsOf(expected);
    assertThat(cursors.last(key)).hasValue(t1 + (n - 1) * M);
  }

  /**
   * A kill between the broker's acknowledgement of a candle and the write of its cursor: the cursor
   * is taken back one candle, as such a kill leaves it, while the candle is on the topic. The feed
   * started again reads the topic's tail and does not send that candle a second time.
   */
  @Test
  void aKillBeforeTheCursorWriteSendsNothingTwice() {
    String pair = pairs.get(2).trim();
    String symbol = pair.replace("/", "");
    long t2 = Instant.parse("2024-03-06T10:00:00Z").toEpochMilli();
    MarketKey key = new MarketKey("binance", pair, "1m");
    FeedCursorStore cursors = new FeedCursorStore(dataSource);

    klines(symbol, t2 - M, closed(t2 - M, 1), open(t2));
    clock.now = t2 + 20_000;
    feed.pollOnce();
    klines(symbol, t2, closed(t2, 3), open(t2 + 3 * M));
    clock.now = t2 + 3 * M + 20_000;
    feed.pollOnce();
    assertThat(openTimes(pair)).containsExactly(t2 - M, t2, t2 + M, t2 + 2 * M);

    feed.stop();
    cursors.save(key, t2 + M); // the last cursor write lost
    // the exchange answers from either resume point
    klines(symbol, t2 + 2 * M, closed(t2 + 2 * M, 3), open(t2 + 5 * M));
    klines(symbol, t2 + 3 * M, closed(t2 + 3 * M, 2), open(t2 + 5 * M));
    clock.now = t2 + 5 * M + 20_000;
    feed.start();
    assertThat(cursors.last(key)).as("cursor caught up from the topic").hasValue(t2 + 2 * M);
    feed.pollOnce();

    assertThat(openTimes(pair))
        .containsExactly(t2 - M, t2, t2 + M, t2 + 2 * M, t2 + 3 * M, t2 + 4 * M);
  }

  // ---------------------------------------------------------------- the fake exchange's answers

  private static final String OPEN_CLOSE = "100.5";
  private static final String FINAL_CLOSE = "101.25";

  /** Closed 1m klines from {@code from}, {@code count} of them. */
  private static List<String> closed(long from, int count) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(kline(from + i * M, FINAL_CLOSE));
    }
    return rows;
  }

  /** The kline still forming: Binance sends it last, its close time not reached yet. */
  private static String open(long openTime) {
    return kline(openTime, OPEN_CLOSE);
  }

  private static String kline(long openTime, String close) {
    return "[%d,\"100.00\",\"101.50\",\"99.25\",\"%s\",\"12.34500000\",%d,\"1234.5\",42,\"6.1\",\"610.2\",\"0\"]"
        .formatted(openTime, close, openTime + M - 1);
  }

  private static String page(List<String> closed, String open) {
    List<String> rows = new ArrayList<>(closed);
    rows.add(open);
    return "[" + String.join(",", rows) + "]";
  }

  private static com.github.tomakehurst.wiremock.client.MappingBuilder klinesFrom(
      String symbol, long startTime) {
    return get(urlPathEqualTo("/api/v3/klines"))
        .withQueryParam("symbol", equalTo(symbol))
        .withQueryParam("interval", equalTo("1m"))
        .withQueryParam("startTime", equalTo(String.valueOf(startTime)));
  }

  /** What the exchange answers to a klines request from {@code startTime}. */
  private static void klines(String symbol, long startTime, List<String> closed, String open) {
    FakeExchangeResource.server.stubFor(
        klinesFrom(symbol, startTime).willReturn(okJson(page(closed, open))));
  }

  private static void awaitRequest(WireMockServer wm, String symbol, long startTime) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (wm.findAll(
            getRequestedFor(urlPathEqualTo("/api/v3/klines"))
                .withQueryParam("symbol", equalTo(symbol))
                .withQueryParam("startTime", equalTo(String.valueOf(startTime))))
        .isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("the feed did not ask for klines from " + startTime);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- what reached the broker

  /** Open times of the candles of {@code pair} on the topic since the test began, in order. */
  private List<Long> openTimes(String pair) {
    return received(pair).stream().map(c -> c.openTime().toEpochMilli()).toList();
  }

  private Candle candle(String pair, long openTime) {
    List<Candle> found =
        received(pair).stream().filter(c -> c.openTime().toEpochMilli() == openTime).toList();
    assertThat(found).as("candles at " + Instant.ofEpochMilli(openTime)).hasSize(1);
    return found.get(0);
  }

  private List<Candle> received(String pair) {
    drain();
    String key = Topics.key("binance", pair);
    return seen.stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> MessageCodec.instance().decode(r.value(), Candle.class))
        .peek(c -> assertThat(Topics.key(c.exchange(), c.pair())).isEqualTo(key))
        .collect(Collectors.toList());
  }

  /** Reads every partition up to its current end: all the broker has acknowledged so far. */
  private void drain() {
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      if (System.nanoTime() > deadline) {
        fail("could not read " + Topics.CANDLES + " up to " + end);
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
  }
}
