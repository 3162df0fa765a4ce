package io.tradingsuite.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.testing.LocalKafkaResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gate's rules with signals produced on {@code strategy.signals.v1} and decisions read from
 * {@code risk.decisions.v1}.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class BrokerGateTest extends GateScenarios {
  @InjectKafkaCompanion KafkaCompanion companion;

  static TopicTap decisions;
  static TopicTap events;
  static TopicTap deadLetters;

  @BeforeAll
  static void tap() {
    decisions = new TopicTap(Topics.DECISIONS);
    events = new TopicTap(Topics.RISK_EVENTS);
    deadLetters = new TopicTap(Topics.dlq(Topics.SIGNALS));
  }

  @AfterAll
  static void untap() {
    decisions.close();
    events.close();
    deadLetters.close();
  }

  @Override
  protected KafkaCompanion companion() {
    return companion;
  }

  private void produce(Signal s, String correlation) {
    ProducerRecord<String, String> r =
        new ProducerRecord<>(
            Topics.SIGNALS,
            Topics.key(s.exchange(), s.pair()),
            MessageCodec.instance().encodeToString(s));
    r.headers().add(MessageHeaders.CORRELATION_ID, correlation.getBytes(StandardCharsets.UTF_8));
    companion.produceStrings().fromRecords(r).awaitCompletion();
  }

  private static List<ConsumerRecord<String, String>> decisionsOf(String signalId) {
    return decisions.containing("\"signal_id\":\"" + signalId + "\"");
  }

  private static RiskDecision decode(ConsumerRecord<String, String> r) {
    return MessageCodec.instance()
        .decode(r.value().getBytes(StandardCharsets.UTF_8), RiskDecision.class);
  }

  @Override
  protected RiskDecision decide(Signal s) {
    produce(s, "corr-" + s.id());
    await().atMost(Duration.ofSeconds(60)).until(() -> !decisionsOf(s.id()).isEmpty());
    ConsumerRecord<String, String> r = decisionsOf(s.id()).get(0);
    assertThat(r.key()).isEqualTo(Topics.key(s.exchange(), s.pair()));
    assertThat(
            new String(
                r.headers().lastHeader(MessageHeaders.CORRELATION_ID).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("corr-" + s.id());
    return decode(r);
  }

  @Test
  void aRedeliveredSignalGetsItsStoredDecisionAgainNeverASecondOne() {
    String ex = Fixtures.freshExchange();
    String pair = Fixtures.freshPair();
    candles(ex, pair, Fixtures.T0);
    Signal s = Fixtures.entry(ex, pair, Fixtures.T0, "10");
    RiskDecision first = decide(s);
    assertThat(first.approved()).isTrue();
    produce(s, "corr-again");
    produce(s, "corr-again");
    await().atMost(Duration.ofSeconds(60)).until(() -> decisionsOf(s.id()).size() >= 3);
    Set<RiskDecision> distinct =
        decisionsOf(s.id()).stream().map(BrokerGateTest::decode).collect(Collectors.toSet());
    assertThat(distinct).containsExactly(first);
  }

  @Test
  void poisonSignalsGoToTheDeadLetterTopicAndTheStreamGoesOn() {
    String ex = Fixtures.freshExchange();
    String pair = Fixtures.freshPair();
    String key = Topics.key(ex, pair);
    Signal bad = Fixtures.entry(ex, pair, Fixtures.T0, "10");
    String negativeStake =
        MessageCodec.instance()
            .encodeToString(bad)
            .replace("\"stake_amount\":10", "\"stake_amount\":-5");
    companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(Topics.SIGNALS, key, "{not json " + ex),
            new ProducerRecord<>(Topics.SIGNALS, key, negativeStake))
        .awaitCompletion();
    Signal good = Fixtures.entry(ex, pair, Fixtures.T0, "10");
    assertThat(decide(good).rule()).isEqualTo("STALE_MARKET_DATA");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deadLetters.records().stream().filter(r -> key.equals(r.key())).count() == 2);
    List<ConsumerRecord<String, String>> dead =
        deadLetters.records().stream().filter(r -> key.equals(r.key())).toList();
    assertThat(dead.get(0).value()).isEqualTo("{not json " + ex);
    assertThat(
            new String(
                dead.get(1).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8))
        .contains("stake_amount");
    assertThat(decisionsOf(bad.id())).isEmpty();
  }

  @Test
  void circuitBreakerChangesArePublishedOnRiskEvents() {
    String reason = "events-test " + Fixtures.freshExchange();
    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body(Map.of("reason", reason))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(200);
    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body(Map.of("reason", "done " + reason))
        .post("/api/v1/circuit-breaker/disable")
        .then()
        .statusCode(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> events.containing(reason).size() >= 2);
    List<RiskEvent> got =
        events.containing(reason).stream()
            .map(
                r ->
                    MessageCodec.instance()
                        .decode(r.value().getBytes(StandardCharsets.UTF_8), RiskEvent.class))
            .toList();
    assertThat(got)
        .extracting(RiskEvent::type)
        .containsExactly(
            RiskEventType.CIRCUIT_BREAKER_ENABLED, RiskEventType.CIRCUIT_BREAKER_DISABLED);
    assertThat(got.get(0).severity()).isEqualTo("critical");
    assertThat(got.get(0).context()).containsEntry("kind", "circuit_breaker");
  }
}
