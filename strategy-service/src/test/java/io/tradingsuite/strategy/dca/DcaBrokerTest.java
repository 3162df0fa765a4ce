package io.tradingsuite.strategy.dca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.strategy.testing.FakeServicesResource;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A plan through the real broker on a hand-moved clock: each due time gives exactly one {@code
 * enter_long} on {@code strategy.signals.v1} (with the dip multiplier where the candles say so),
 * none twice after the scheduler restarts, due times that passed while it was stopped are reported
 * missed (history and an incident on {@code risk.events.v1}) and not bought; risk-service's denial
 * with CIRCUIT_BREAKER_OPEN on {@code risk.decisions.v1} and an approval with its fill end up in
 * the plan's history.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class DcaBrokerTest {

  static final String KEY = "test-api-key";
  static final long M5 = 300_000L;
  static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
  static final Duration WAIT = Duration.ofSeconds(60);

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject DcaClock dcaClock;
  @Inject DcaScheduler scheduler;

  final List<String> plans = new ArrayList<>();

  @AfterEach
  void putTheClockBack() {
    scheduler.start();
    for (String id : plans) {
      given().header("X-API-Key", KEY).delete("/api/v1/dca-plans/" + id);
    }
    dcaClock.use(null);
  }

  static Instant at(String hhmmss) {
    return Instant.parse("2030-01-01T" + hhmmss + "Z");
  }

  static <T extends ContractMessage> List<T> messages(
      ConsumerTask<String, String> task, String key, Class<T> type) {
    return task.getRecords().stream()
        .filter(r -> key.equals(r.key()))
        .map(r -> MessageCodec.instance().decode(r.value(), type))
        .toList();
  }

  void produce(String topic, String key, ContractMessage m) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(topic, key, MessageCodec.instance().encodeToString(m)))
        .awaitCompletion(Duration.ofSeconds(30));
  }

  JsonPath plan(String id) {
    return given()
        .get("/api/v1/dca-plans/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .using(
            JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
  }

  /** 5m candles before 00:00 (closes 100, 100, 100) and before 01:00 (100, 100, 70: a dip). */
  static void storeCandles(String exchange, String pair) {
    List<double[]> rows = new ArrayList<>();
    double[][] byHour = {{100, 100, 100}, {100, 100, 70}};
    for (int h = 0; h < 2; h++) {
      long due = T0.toEpochMilli() + h * 3_600_000L;
      for (int i = 0; i < 3; i++) {
        double close = byHour[h][i];
        rows.add(new double[] {due - (3 - i) * M5, 100, 100, close, close, 1});
      }
    }
    FakeServicesResource.services().candles.put(exchange + "|" + pair + "|5m", rows);
  }

  @Test
  void aPlanBuysOnScheduleNeverTwiceReportsMissedBuysAndRecordsDecisions() {
    String exchange = "dcabroker";
    String pair =
        "B"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
            + "/USDT";
    String key = Topics.key(exchange, pair);
    storeCandles(exchange, pair);
    MutableClock clock = new MutableClock(at("00:00:30"));
    dcaClock.use(clock);

    ConsumerTask<String, String> signals =
        companion
            .consumeStrings()
            .withGroupId("dca-signals-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.SIGNALS);
    ConsumerTask<String, String> events =
        companion
            .consumeStrings()
            .withGroupId("dca-events-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.RISK_EVENTS);
    try {
      ScrapedMetrics before = ScrapedMetrics.scrape();
      String id =
          given()
              .header("X-API-Key", KEY)
              .contentType(ContentType.JSON)
              .body(
                  "{\"pair\":\""
                      + pair
                      + "\",\"exchange\":\""
                      + exchange
                      + "\",\"timeframe\":\"5m\",\"stake_amount\":25,"
                      + "\"schedule\":{\"every\":1,\"unit\":\"hours\"},\"start\":"
                      + "\"2030-01-01T00:00:00Z\","
                      + "\"buy_the_dip\":{\"multiplier\":2,\"ma_period\":3}}")
              .post("/api/v1/dca-plans")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      plans.add(id);

      // created 30 s after its start: the 00:00 buy is due now
      await().atMost(WAIT).until(() -> messages(signals, key, Signal.class).size() >= 1);
      Signal first = messages(signals, key, Signal.class).get(0);
      assertThat(first.id()).isEqualTo(DcaSignals.signalId(id, at("00:00:00")));
      assertThat(first.strategy()).isEqualTo(Dca.STRATEGY);
      assertThat(first.action()).isEqualTo(SignalAction.ENTER_LONG);
      assertThat(first.exchange()).isEqualTo(exchange);
      assertThat(first.timeframe()).isEqualTo("5m");
      assertThat(first.candleTime()).isEqualTo(Instant.parse("2029-12-31T23:55:00Z"));
      assertThat(first.stakeAmount()).isEqualByComparingTo("25");
      assertThat(first.price()).isEqualByComparingTo("100");
      assertThat(first.exitPlan()).isEqualTo(Dca.exitPlan());

      // an hour on: the 01:00 buy, doubled because 00:55 closed below the 3-candle average
      clock.set(at("01:00:10"));
      await().atMost(WAIT).until(() -> messages(signals, key, Signal.class).size() >= 2);
      Signal second = messages(signals, key, Signal.class).get(1);
      assertThat(second.id()).isEqualTo(DcaSignals.signalId(id, at("01:00:00")));
      assertThat(second.stakeAmount()).isEqualByComparingTo("50");
      assertThat(second.price()).isEqualByComparingTo("70");

      // the scheduler restarts at the same time: nothing is bought again; then the 02:00 buy
      scheduler.stop();
      scheduler.start();
      clock.set(at("02:00:05"));
      await().atMost(WAIT).until(() -> messages(signals, key, Signal.class).size() >= 3);

      // stopped from 02:00 to 05:01: 03:00 and 04:00 are missed (reported), 05:00 is within the
      // grace
      scheduler.stop();
      clock.set(at("05:01:00"));
      scheduler.start();
      await().atMost(WAIT).until(() -> messages(signals, key, Signal.class).size() >= 4);
      assertThat(messages(signals, key, Signal.class))
          .extracting(Signal::id)
          .containsExactly(
              DcaSignals.signalId(id, at("00:00:00")),
              DcaSignals.signalId(id, at("01:00:00")),
              DcaSignals.signalId(id, at("02:00:00")),
              DcaSignals.signalId(id, at("05:00:00")));
      // the four buys published are counted once each (none again after the restart)
      Map<String, String> dcaBuys =
          Map.of("action", "enter_long", "strategy", Dca.STRATEGY, "service", "strategy-service");
      assertThat(
              ScrapedMetrics.scrape().value("suite_signals_total", dcaBuys)
                  - before.value("suite_signals_total", dcaBuys))
          .isEqualTo(4.0);
      // no candles stored for 02:00: the plain stake, price unknown
      assertThat(messages(signals, key, Signal.class).get(2).stakeAmount())
          .isEqualByComparingTo("25");

      String missedEventId = "dca-missed-" + DcaSignals.signalId(id, at("03:00:00"));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  messages(events, key, RiskEvent.class).stream()
                      .anyMatch(e -> e.id().equals(missedEventId)));
      RiskEvent missed =
          messages(events, key, RiskEvent.class).stream()
              .filter(e -> e.id().equals(missedEventId))
              .findFirst()
              .orElseThrow();
      assertThat(missed.type()).isEqualTo(RiskEventType.INCIDENT);
      assertThat(missed.severity()).isEqualTo("warning");
      assertThat(missed.context())
          .containsEntry("kind", "dca_missed")
          .containsEntry("plan_id", id)
          .containsEntry("missed_count", "2")
          .containsEntry("missed_until", "2030-01-01T04:00:00Z");

      JsonPath p = plan(id);
      // send_state, not status: on a shared broker another risk-service may already have decided
      // them
      assertThat(p.getList("history.send_state"))
          .containsExactly("sent", "missed", "sent", "sent", "sent");
      assertThat(p.getList("history.due_at", String.class))
          .containsExactly(
              "2030-01-01T05:00:00Z",
              "2030-01-01T03:00:00Z",
              "2030-01-01T02:00:00Z",
              "2030-01-01T01:00:00Z",
              "2030-01-01T00:00:00Z");
      assertThat(p.getInt("history[1].missed_count")).isEqualTo(2);
      assertThat(p.getString("history[1].signal_id")).isNull();
      assertThat(p.getObject("history[3].multiplier", BigDecimal.class)).isEqualByComparingTo("2");
      assertThat(p.getString("history[3].note")).startsWith("dip: close 70 below SMA(3)");
      assertThat(p.getInt("summary.missed")).isEqualTo(2);
      assertThat(p.getInt("summary.buys_sent")).isEqualTo(4);

      // risk-service denies the 05:00 buy: the circuit breaker is open
      String deniedId = DcaSignals.signalId(id, at("05:00:00"));
      produce(
          Topics.DECISIONS,
          key,
          new RiskDecision(
              "rd-" + UUID.randomUUID(),
              deniedId,
              false,
              "CIRCUIT_BREAKER_OPEN",
              List.of("reason=maintenance", "until=disabled", "trading_state=HALTED"),
              null,
              at("05:01:01"),
              at("05:02:01")));
      // and approves the 00:00 buy, which execution-service fills
      String firstId = DcaSignals.signalId(id, at("00:00:00"));
      String tradeId = "tr-dca-" + UUID.randomUUID().toString().substring(0, 8);
      produce(
          Topics.DECISIONS,
          key,
          new RiskDecision(
              "rd-" + UUID.randomUUID(),
              firstId,
              true,
              null,
              List.of("kind=dca"),
              new Order(
                  "ts-1",
                  exchange,
                  pair,
                  OrderSide.BUY,
                  OrderType.MARKET,
                  null,
                  new BigDecimal("25"),
                  null,
                  tradeId,
                  Dca.exitPlan()),
              at("00:00:31"),
              at("00:01:31")));
      produce(
          Topics.FILLS,
          key,
          new Fill(
              "fill-" + UUID.randomUUID(),
              "ts-1",
              "rd-1",
              firstId,
              tradeId,
              exchange,
              pair,
              OrderSide.BUY,
              new BigDecimal("100"),
              new BigDecimal("0.25"),
              new BigDecimal("0.025"),
              "USDT",
              TradingMode.PAPER,
              FillStatus.FILLED,
              null,
              null,
              at("00:05:00")));

      // (eventually: a risk-service of another test run on the same broker may decide them too)
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                JsonPath h = plan(id);
                assertThat(h.getString("history[0].status")).isEqualTo("denied");
                assertThat(h.getString("history[0].rule")).isEqualTo("CIRCUIT_BREAKER_OPEN");
                assertThat(h.getList("history[0].reasons")).contains("reason=maintenance");
              });
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                JsonPath h = plan(id);
                assertThat(h.getString("history[4].status")).isEqualTo("filled");
                assertThat(h.getString("history[4].trade_id")).isEqualTo(tradeId);
                assertThat(h.getObject("history[4].fill_amount", BigDecimal.class))
                    .isEqualByComparingTo("0.25");
                assertThat(h.getInt("summary.filled")).isEqualTo(1);
                assertThat(h.getInt("summary.denied")).isPositive();
                assertThat(h.getObject("summary.average_entry_price", BigDecimal.class))
                    .isEqualByComparingTo("100");
              });

      // operators hear of the denial once, as an incident naming the rule
      String deniedEventId = "dca-denied-" + deniedId + "-CIRCUIT_BREAKER_OPEN";
      await()
          .atMost(WAIT)
          .until(
              () ->
                  messages(events, key, RiskEvent.class).stream()
                      .anyMatch(e -> e.id().equals(deniedEventId)));
      Map<String, String> ctx =
          messages(events, key, RiskEvent.class).stream()
              .filter(e -> e.id().equals(deniedEventId))
              .findFirst()
              .orElseThrow()
              .context();
      assertThat(ctx)
          .containsEntry("kind", "dca_buy_denied")
          .containsEntry("rule", "CIRCUIT_BREAKER_OPEN")
          .containsEntry("signal_id", deniedId);

      // nothing more was bought meanwhile, and nothing twice
      assertThat(messages(signals, key, Signal.class)).hasSize(4);
      assertThat(messages(signals, key, Signal.class).stream().map(Signal::id).toList())
          .doesNotHaveDuplicates();
    } finally {
      signals.stop();
      events.stop();
    }
  }
}
