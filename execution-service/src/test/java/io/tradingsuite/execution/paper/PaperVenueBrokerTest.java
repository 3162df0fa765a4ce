package io.tradingsuite.execution.paper;

import static io.restassured.RestAssured.given;
import static io.tradingsuite.execution.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.FtMath;
import io.tradingsuite.core.ProfitCalculator;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paper venue through the real broker: decisions, signals and candles produced with the
 * companion, fills read back from execution.fills.v1, state checked over REST.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class PaperVenueBrokerTest {
  static final Duration WAIT = Duration.ofSeconds(90);

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject ExecutionEngine engine;

  ConsumerTask<String, String> fillsTask;
  ConsumerTask<String, String> signalsTask;

  @BeforeEach
  void listen() {
    fillsTask =
        companion
            .consumeStrings()
            .withGroupId("exec-fills-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.FILLS);
    signalsTask =
        companion
            .consumeStrings()
            .withGroupId("exec-signals-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.SIGNALS);
  }

  @AfterEach
  void stop() {
    fillsTask.stop();
    signalsTask.stop();
  }

  private void send(String topic, String key, String json) {
    companion
        .produceStrings()
        .fromRecords(new ProducerRecord<>(topic, key, json))
        .awaitCompletion();
  }

  private void send(String topic, ContractMessage m, String pair) {
    send(topic, Topics.key(EXCHANGE, pair), MessageCodec.instance().encodeToString(m));
  }

  private void candles(Candle... cs) {
    for (Candle c : cs) {
      send(Topics.CANDLES, c, c.pair());
    }
  }

  /**
   * The fills of one pair seen so far (a redelivered decision may re-emit a fill under the same
   * id).
   */
  private List<Fill> fills(String pair) {
    return fillsTask.getRecords().stream()
        .map(ConsumerRecord::value)
        .map(v -> MessageCodec.instance().decode(v, Fill.class))
        .filter(f -> f.pair().equals(pair))
        .toList();
  }

  private Fill awaitFill(String pair, String clientOrderId) {
    await()
        .atMost(WAIT)
        .until(() -> fills(pair).stream().anyMatch(f -> f.clientOrderId().equals(clientOrderId)));
    return fills(pair).stream()
        .filter(f -> f.clientOrderId().equals(clientOrderId))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The stake-currency effect of every FILLED fill of a pair: buys cost price*amount+fee, sells
   * bring price*amount-fee.
   */
  private BigDecimal walletEffect(String pair) {
    java.util.Map<String, Fill> byId = new java.util.LinkedHashMap<>();
    fills(pair).forEach(f -> byId.put(f.id(), f));
    BigDecimal sum = BigDecimal.ZERO;
    for (Fill f : byId.values()) {
      if (f.status() == FillStatus.FILLED) {
        BigDecimal v = f.price().multiply(f.amount());
        sum =
            f.side() == OrderSide.BUY ? sum.subtract(v.add(f.fee())) : sum.add(v.subtract(f.fee()));
      }
    }
    return sum;
  }

  private BigDecimal usdt() {
    return engine.read(s -> s.balance("USDT"));
  }

  private void awaitCandle(String pair, int slot) {
    await()
        .atMost(WAIT)
        .until(
            () -> {
              var last = engine.read(s -> s.lastCandle(EXCHANGE, pair, "5m"));
              return last != null && last.openTime() >= slot(slot).toEpochMilli();
            });
  }

  @Test
  void entryFillsAtNextOpenAndRoiTakeProfitClosesTheTradeToTheLastDecimal() {
    String pair = freshPair();
    String trade = id("trade");
    Signal sig = entrySignal(id("sig"), pair, 0, "100", plan("-0.10", 0, "0.02"));
    RiskDecision d = entryDecision(id("dec"), sig, id("coid"), trade, Instant.now());
    BigDecimal before = usdt();

    send(Topics.SIGNALS, sig, pair);
    send(Topics.DECISIONS, d, pair);
    candles(
        candle(pair, 0, "99", "101", "98", "100"),
        candle(pair, 1, "100", "101", "99.5", "100.5"), // entry at this open: 100
        candle(pair, 2, "100.5", "103", "100", "102.5")); // ROI 2% after fees reached: exit here

    Fill entry = awaitFill(pair, d.order().clientOrderId());
    assertThat(entry.status()).isEqualTo(FillStatus.FILLED);
    assertThat(entry.price()).isEqualByComparingTo("100");
    assertThat(entry.amount()).isEqualByComparingTo("1");
    assertThat(entry.fee()).isEqualByComparingTo("0.1");
    assertThat(entry.filledAt()).isEqualTo(slot(1));
    assertThat(entry.id()).isEqualTo(d.order().clientOrderId() + ":1");
    assertThat(entry.decisionId()).isEqualTo(d.id());

    Fill exit = awaitFill(pair, trade + ":tp");
    double roiRate =
        ProfitCalculator.roiCloseRate(
            100.0, 0.02, 0.001, 0.001); // (2 + 100.1) / 0.999 = 102.2022...
    assertThat(exit.side()).isEqualTo(OrderSide.SELL);
    assertThat(exit.exitReason()).isEqualTo("roi");
    assertThat(exit.price()).isEqualByComparingTo(FtMath.precise(roiRate));
    assertThat(exit.price().setScale(8, RoundingMode.HALF_EVEN))
        .isEqualByComparingTo("102.20220220");
    assertThat(exit.decisionId()).isEqualTo(d.id());
    assertThat(exit.signalId()).isEqualTo(sig.id());
    assertThat(exit.filledAt()).isEqualTo(slot(2));

    JsonPath t = given().get("/api/v1/trades/" + trade).then().statusCode(200).extract().jsonPath();
    assertThat(t.getString("status")).isEqualTo("closed");
    assertThat(t.getString("exit_reason")).isEqualTo("roi");
    assertThat(new BigDecimal(t.getString("profit_abs"))).isEqualByComparingTo("2.00000000");
    assertThat(new BigDecimal(t.getString("profit_ratio"))).isEqualByComparingTo("0.01998002");
    given().get("/api/v1/trades?status=closed").then().statusCode(200);
    JsonPath orders =
        given().get("/api/v1/orders?trade_id=" + trade).then().statusCode(200).extract().jsonPath();
    assertThat(orders.getList("findAll { it.type == 'stop' }.state")).containsExactly("canceled");
    assertThat(orders.getList("findAll { it.type == 'take_profit' }.state"))
        .containsExactly("filled");
    assertThat(orders.getList("findAll { it.type == 'market' }.state")).containsExactly("filled");

    // the wallet moved by exactly the fills: - (cost + fee) + (proceeds - fee), to the last decimal
    BigDecimal ours =
        exit.price()
            .multiply(exit.amount())
            .subtract(exit.fee())
            .subtract(entry.price().multiply(entry.amount()).add(entry.fee()));
    assertThat(ours.setScale(8, RoundingMode.HALF_EVEN)).isEqualByComparingTo("2.00000000");
    await().atMost(WAIT).until(() -> usdt().subtract(before).compareTo(walletEffect(pair)) == 0);
    given()
        .get("/api/v1/balance")
        .then()
        .statusCode(200)
        .body("mode", equalTo("paper"))
        .body("stake_currency", equalTo("USDT"));
  }

  @Test
  void aPoisonDecisionGoesAloneToTheDeadLetterTopicAndTheDecisionsAroundItFill() {
    String pair = freshPair();
    candles(candle(pair, 0, "10", "11", "9", "10"), candle(pair, 1, "10", "11", "9", "10.5"));
    awaitCandle(pair, 1);
    Signal first = entrySignal(id("sig"), pair, 0, "20", plan("-0.10", 0, "0.5"));
    Signal second = entrySignal(id("sig"), pair, 0, "30", plan("-0.10", 0, "0.5"));
    RiskDecision before = entryDecision(id("dec"), first, id("coid"), id("trade"), Instant.now());
    RiskDecision after = entryDecision(id("dec"), second, id("coid"), id("trade"), Instant.now());
    String poison = "{\"id\": \"" + id("poison") + "\", not json";
    send(Topics.SIGNALS, first, pair);
    send(Topics.SIGNALS, second, pair);
    // one key, so one partition, in this order: most likely one poll, handled in one transaction
    companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                Topics.DECISIONS,
                Topics.key(EXCHANGE, pair),
                MessageCodec.instance().encodeToString(before)),
            new ProducerRecord<>(Topics.DECISIONS, Topics.key(EXCHANGE, pair), poison),
            new ProducerRecord<>(
                Topics.DECISIONS,
                Topics.key(EXCHANGE, pair),
                MessageCodec.instance().encodeToString(after)))
        .awaitCompletion();

    assertThat(awaitFill(pair, before.order().clientOrderId()).status())
        .isEqualTo(FillStatus.FILLED);
    assertThat(awaitFill(pair, after.order().clientOrderId()).status())
        .isEqualTo(FillStatus.FILLED);
    ConsumerTask<String, String> dlq =
        companion
            .consumeStrings()
            .withGroupId("exec-dlq-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(Topics.dlq(Topics.DECISIONS));
    try {
      await()
          .atMost(WAIT)
          .until(() -> dlq.getRecords().stream().anyMatch(r -> poison.equals(r.value())));
      ConsumerRecord<String, String> dead =
          dlq.getRecords().stream().filter(r -> poison.equals(r.value())).findFirst().orElseThrow();
      assertThat(dead.key()).isEqualTo(Topics.key(EXCHANGE, pair));
      assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
      assertThat(
              new String(
                  dead.headers().lastHeader("dead-letter-reason").value(),
                  java.nio.charset.StandardCharsets.UTF_8))
          .contains("malformed JSON");
      // only the poison record went there
      assertThat(
              dlq.getRecords().stream().filter(r -> r.value() != null && r.value().contains(pair)))
          .isEmpty();
    } finally {
      dlq.stop();
    }
  }

  @Test
  void aDecisionArrivingAfterItsNextCandlesFillsAtThatCandleAndCatchesUpWithTheStop() {
    String pair = freshPair();
    String trade = id("trade");
    candles(
        candle(pair, 0, "200", "201", "199", "200"),
        candle(pair, 1, "200", "202", "199", "201"), // entry here, at 200
        candle(pair, 2, "195", "196", "170", "175")); // stop 180 (-10%) is hit: exit at 180
    awaitCandle(pair, 2);

    Signal sig = entrySignal(id("sig"), pair, 0, "50", plan("-0.10", 0, "0.5"));
    RiskDecision d = entryDecision(id("dec"), sig, id("coid"), trade, Instant.now());
    send(Topics.SIGNALS, sig, pair);
    send(Topics.DECISIONS, d, pair);

    Fill entry = awaitFill(pair, d.order().clientOrderId());
    assertThat(entry.price()).isEqualByComparingTo("200");
    assertThat(entry.amount()).isEqualByComparingTo("0.25");
    assertThat(entry.filledAt()).isEqualTo(slot(1));
    Fill exit = awaitFill(pair, trade + ":sl");
    assertThat(exit.exitReason()).isEqualTo("stop_loss");
    assertThat(exit.price()).isEqualByComparingTo("180");
    assertThat(exit.filledAt()).isEqualTo(slot(2));
  }

  @Test
  void aDuplicatedDecisionHasNoEffect() {
    String pair = freshPair();
    String trade = id("trade");
    Signal sig = entrySignal(id("sig"), pair, 0, "10", plan("-0.10", 0, "0.5"));
    RiskDecision d = entryDecision(id("dec"), sig, id("coid"), trade, Instant.now());
    // a second decision with another id but the same client order id: the same order
    RiskDecision again =
        new RiskDecision(
            id("dec"),
            d.signalId(),
            true,
            null,
            List.of(),
            d.order(),
            d.decidedAt(),
            d.expiresAt());
    BigDecimal before = usdt();

    send(Topics.SIGNALS, sig, pair);
    send(Topics.DECISIONS, d, pair);
    send(Topics.DECISIONS, d, pair);
    send(Topics.DECISIONS, again, pair);
    candles(candle(pair, 0, "10", "10", "10", "10"), candle(pair, 1, "10", "10.1", "9.9", "10"));
    awaitFill(pair, d.order().clientOrderId());
    // a later redelivery, after the fill, sends nothing new either
    send(Topics.DECISIONS, d, pair);
    candles(candle(pair, 2, "10", "10.1", "9.9", "10"));
    awaitCandle(pair, 2);

    assertThat(
            engine.read(s -> s.ordersOfTrade(trade)).stream()
                .filter(o -> o.type().equals("MARKET")))
        .hasSize(1);
    assertThat(
            fills(pair).stream()
                .filter(f -> f.clientOrderId().equals(d.order().clientOrderId()))
                .map(Fill::id)
                .distinct())
        .containsExactly(d.order().clientOrderId() + ":1");
    // one debit only for our order (10 USDT + 0.01 fee); the wallet equals the fills of the pair
    // exactly
    Fill ours = awaitFill(pair, d.order().clientOrderId());
    assertThat(ours.price().multiply(ours.amount()).add(ours.fee())).isEqualByComparingTo("10.01");
    await().atMost(WAIT).until(() -> usdt().subtract(before).compareTo(walletEffect(pair)) == 0);
  }

  @Test
  void expiredUnknownPairNegativeAmountAndInsufficientFundsAreRefusedWithAReason()
      throws Exception {
    String pair = freshPair();
    Instant longAgo = Instant.now().minusSeconds(3600);
    Signal sig = entrySignal(id("sig"), pair, 0, "10", plan("-0.10", 0, "0.5"));
    send(Topics.SIGNALS, sig, pair);

    RiskDecision expired =
        new RiskDecision(
            id("dec"),
            sig.id(),
            true,
            null,
            List.of(),
            entryDecision("x", sig, id("coid"), id("trade"), longAgo).order(),
            longAgo,
            longAgo.plusSeconds(30));
    send(Topics.DECISIONS, expired, pair);

    String zzzPair = pair.replace("/USDT", "/ZZZ");
    Signal zzzSig = entrySignal(id("sig"), zzzPair, 0, "10", plan("-0.10", 0, "0.5"));
    RiskDecision unknown = entryDecision(id("dec"), zzzSig, id("coid"), id("trade"), Instant.now());
    send(Topics.DECISIONS, unknown, zzzPair);

    RiskDecision negative =
        exitDecision(id("dec"), sig.id(), pair, id("coid"), id("trade"), "1", Instant.now());
    String negativeJson =
        MessageCodec.instance().encodeToString(negative).replace("\"amount\":1", "\"amount\":-1");
    assertThat(negativeJson).contains("\"amount\":-1");
    send(Topics.DECISIONS, Topics.key(EXCHANGE, pair), negativeJson);

    Signal big = entrySignal(id("sig"), pair, 0, "1000000000", plan("-0.10", 0, "0.5"));
    send(Topics.SIGNALS, big, pair);
    RiskDecision tooBig = entryDecision(id("dec"), big, id("coid"), id("trade"), Instant.now());
    send(Topics.DECISIONS, tooBig, pair);
    candles(candle(pair, 1, "10", "10", "10", "10"));

    Fill f1 = awaitFill(pair, expired.order().clientOrderId());
    assertThat(f1.status()).isEqualTo(FillStatus.REJECTED);
    assertThat(f1.reason()).isEqualTo("expired");
    assertThat(f1.decisionId()).isEqualTo(expired.id());

    Fill f2 = awaitFill(zzzPair, unknown.order().clientOrderId());
    assertThat(f2.status()).isEqualTo(FillStatus.REJECTED);
    assertThat(f2.reason()).startsWith("unknown_pair").contains(zzzPair);

    Fill f3 = awaitFill(pair, negative.order().clientOrderId());
    assertThat(f3.status()).isEqualTo(FillStatus.REJECTED);
    assertThat(f3.reason()).startsWith("invalid_amount").contains("order.amount");
    assertThat(f3.amount()).isEqualByComparingTo("0");

    Fill f4 = awaitFill(pair, tooBig.order().clientOrderId());
    assertThat(f4.status()).isEqualTo(FillStatus.REJECTED);
    assertThat(f4.reason()).startsWith("insufficient_funds");

    given().get("/api/v1/orders?state=rejected&limit=10000").then().statusCode(200);
    given()
        .get("/api/v1/orders?state=bogus")
        .then()
        .statusCode(400)
        .body("detail", org.hamcrest.Matchers.containsString("state"));
    given()
        .get("/api/v1/trades?status=bogus")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void forceExitGoesThroughRiskAsAnExitSignalAndFillsAtTheNextOpen() {
    String pair = freshPair();
    String trade = id("trade");
    Signal sig = entrySignal(id("sig"), pair, 0, "100", plan("-0.50", 0, "5"));
    RiskDecision d = entryDecision(id("dec"), sig, id("coid"), trade, Instant.now());
    send(Topics.SIGNALS, sig, pair);
    send(Topics.DECISIONS, d, pair);
    candles(candle(pair, 0, "20", "20", "20", "20"), candle(pair, 1, "20", "21", "19", "20.5"));
    awaitFill(pair, d.order().clientOrderId());

    given().post("/api/v1/trades/" + trade + "/force-exit").then().statusCode(401);
    given()
        .header("X-API-Key", "test-api-key")
        .post("/api/v1/trades/no-such-trade/force-exit")
        .then()
        .statusCode(404);
    String signalId =
        given()
            .header("X-API-Key", "test-api-key")
            .post("/api/v1/trades/" + trade + "/force-exit")
            .then()
            .statusCode(202)
            .body("trade_id", equalTo(trade))
            .extract()
            .path("signal_id");

    // what risk-service sees: an exit_long signal for the trade, acting on the newest candle
    await()
        .atMost(WAIT)
        .until(() -> signalsTask.getRecords().stream().anyMatch(r -> r.value().contains(signalId)));
    Signal exitSignal =
        signalsTask.getRecords().stream()
            .filter(r -> r.value().contains(signalId))
            .map(r -> MessageCodec.instance().decode(r.value(), Signal.class))
            .findFirst()
            .orElseThrow();
    assertThat(exitSignal.action()).isEqualTo(SignalAction.EXIT_LONG);
    assertThat(exitSignal.exitReason()).isEqualTo("force_exit");
    assertThat(exitSignal.tradeId()).isEqualTo(trade);
    assertThat(exitSignal.candleTime()).isEqualTo(slot(1));
    assertThat(engine.read(s -> s.trade(trade)).isOpen()).isTrue(); // nothing closed around risk

    // risk approves: the exit order fills at the next candle's open
    RiskDecision approve =
        exitDecision(id("dec"), signalId, pair, id("coid"), trade, "5", Instant.now());
    send(Topics.DECISIONS, approve, pair);
    candles(candle(pair, 2, "22", "23", "21", "22"));
    // on the shared broker a running risk-service may approve the same exit signal first: exactly
    // one
    // exit fills, at the next open, with the signal's reason; a second approval is refused
    Fill mine = awaitFill(pair, approve.order().clientOrderId());
    if (mine.status() == FillStatus.REJECTED) {
      assertThat(mine.reason()).matches("(exit_pending|trade_not_open).*");
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                fills(pair).stream()
                    .anyMatch(
                        f ->
                            f.side() == OrderSide.SELL
                                && f.status() == FillStatus.FILLED
                                && trade.equals(f.tradeId())));
    Fill exit =
        fills(pair).stream()
            .filter(
                f ->
                    f.side() == OrderSide.SELL
                        && f.status() == FillStatus.FILLED
                        && trade.equals(f.tradeId()))
            .findFirst()
            .orElseThrow();
    assertThat(exit.exitReason()).isEqualTo("force_exit");
    assertThat(exit.price()).isEqualByComparingTo("22");
    assertThat(exit.amount()).isEqualByComparingTo("5");
    assertThat(exit.filledAt()).isEqualTo(slot(2));
    given()
        .get("/api/v1/trades/" + trade)
        .then()
        .statusCode(200)
        .body("status", equalTo("closed"))
        .body("exit_reason", equalTo("force_exit"));
    given()
        .header("X-API-Key", "test-api-key")
        .post("/api/v1/trades/" + trade + "/force-exit")
        .then()
        .statusCode(409);
    assertThat(
            fills(pair).stream()
                .filter(f -> trade.equals(f.tradeId()) && f.status() == FillStatus.FILLED)
                .map(Fill::id)
                .filter(Objects::nonNull)
                .distinct())
        .hasSize(2);
  }
}
