package io.tradingsuite.risk.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.risk.Fixtures;
import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The gate's meters on {@code GET /q/metrics} after real activity: signals produced on the broker
 * and decided ({@code suite_decisions_total} by outcome and rule, redeliveries not counted again),
 * the circuit breaker switched over REST ({@code suite_circuit_breaker_open}), the Kafka client
 * binder's consumer lag per topic, and the {@code service} tag on every meter.
 */
@QuarkusTest
@TestProfile(RiskMetricsProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class RiskMetricsTest {
  private static final String KEY = "test-api-key";
  private static final String DECISIONS = "suite_decisions_total";
  private static final Map<String, String> STALE =
      Map.of("outcome", "denied", "rule", "STALE_MARKET_DATA", "service", "risk-service");
  private static final Map<String, String> APPROVED =
      Map.of("outcome", "approved", "rule", "none", "service", "risk-service");

  @InjectKafkaCompanion KafkaCompanion companion;
  @Inject RiskService risk;

  @ConfigProperty(name = "mp.messaging.incoming.signals.topic")
  String signalsTopic;

  @ConfigProperty(name = "mp.messaging.incoming.candles.topic")
  String candlesTopic;

  @ConfigProperty(name = "mp.messaging.outgoing.decisions-out.topic")
  String decisionsTopic;

  private void produce(String topic, String key, Object message) {
    companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                topic,
                key,
                MessageCodec.instance()
                    .encodeToString((io.tradingsuite.contracts.ContractMessage) message)))
        .awaitCompletion();
  }

  private static List<RiskDecision> decisions(ConsumerTask<String, String> task) {
    return task.getRecords().stream()
        .map(r -> MessageCodec.instance().decode(r.value(), RiskDecision.class))
        .toList();
  }

  @Test
  void decisionsAreCountedByOutcomeAndRuleOnceEach() {
    String ex = Fixtures.freshExchange();
    String pair = Fixtures.freshPair();
    String key = Topics.key(ex, pair);
    ConsumerTask<String, String> task =
        companion
            .consumeStrings()
            .withGroupId("risk-metrics-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(decisionsTopic);
    try {
      ScrapedMetrics before = ScrapedMetrics.scrape();

      // no candle of the market yet: two entries (of two candles) denied as stale
      Signal stale1 = Fixtures.entry(ex, pair, Fixtures.T0, "10");
      Signal stale2 = Fixtures.entry(ex, pair, Fixtures.T0.plusSeconds(60), "20");
      produce(signalsTopic, key, stale1);
      produce(signalsTopic, key, stale2);
      await().atMost(Duration.ofSeconds(60)).until(() -> decisions(task).size() == 2);

      // a candle, then one entry that passes; the same signal again is answered, not decided again
      produce(candlesTopic, key, Fixtures.candle(ex, pair, Fixtures.T0));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                Long last = risk.withBook(e -> e.lastCandle(ex, pair, "5m"));
                return last != null && last >= Fixtures.T0.toEpochMilli();
              });
      Signal ok = Fixtures.entry(ex, pair, Fixtures.T0.plusSeconds(120), "10");
      produce(signalsTopic, key, ok);
      produce(signalsTopic, key, ok);
      await().atMost(Duration.ofSeconds(60)).until(() -> decisions(task).size() == 4);
      assertThat(decisions(task))
          .extracting(RiskDecision::signalId)
          .containsExactly(stale1.id(), stale2.id(), ok.id(), ok.id());
      assertThat(decisions(task).get(0).rule()).isEqualTo("STALE_MARKET_DATA");
      assertThat(decisions(task).get(1).rule()).isEqualTo("STALE_MARKET_DATA");
      assertThat(decisions(task).get(2).approved()).as("%s", decisions(task).get(2)).isTrue();

      ScrapedMetrics after = ScrapedMetrics.scrape();
      assertThat(after.value(DECISIONS, STALE) - before.value(DECISIONS, STALE)).isEqualTo(2.0);
      assertThat(after.value(DECISIONS, APPROVED) - before.value(DECISIONS, APPROVED))
          .isEqualTo(1.0);
      // the total moved by exactly those three: nothing else was decided, the redelivery not
      // counted
      assertThat(
              after.value(DECISIONS, Map.of("service", "risk-service"))
                  - before.value(DECISIONS, Map.of("service", "risk-service")))
          .isEqualTo(3.0);
      // the old counter is gone, the latency timer stays
      assertThat(after.samples("risk_decisions_total")).isEmpty();
      assertThat(
              after.value("risk_decision_latency_seconds_count", Map.of("service", "risk-service")))
          .isGreaterThanOrEqualTo(4.0);

      // the Kafka client binder: consumer lag of every consumer of this service
      assertThat(
              after.samples(
                  "kafka_consumer_fetch_manager_records_lag_max",
                  Map.of("service", "risk-service", "client_id", "kafka-consumer-signals")))
          .isNotEmpty();
    } finally {
      task.stop();
    }
  }

  @Test
  void theCircuitBreakerGaugeFollowsTheBreaker() {
    Map<String, String> gauge = Map.of("service", "risk-service");
    try {
      given()
          .header("X-API-Key", KEY)
          .contentType("application/json")
          .body(Map.of("reason", "metrics test"))
          .post("/api/v1/circuit-breaker/enable")
          .then()
          .statusCode(200);
      assertThat(ScrapedMetrics.scrape().samples("suite_circuit_breaker_open", gauge))
          .singleElement()
          .extracting(ScrapedMetrics.Sample::value)
          .isEqualTo(1.0);
    } finally {
      given()
          .header("X-API-Key", KEY)
          .contentType("application/json")
          .body("{}")
          .post("/api/v1/circuit-breaker/disable")
          .then()
          .statusCode(200);
    }
    assertThat(ScrapedMetrics.scrape().samples("suite_circuit_breaker_open", gauge))
        .singleElement()
        .extracting(ScrapedMetrics.Sample::value)
        .isEqualTo(0.0);
  }

  /**
   * The binder adds the per-partition lag (labels topic and partition) once the client has it and
   * the binder's periodic refresh (a minute) has run, so this waits for it.
   */
  @Test
  void consumerLagIsExportedPerTopic() {
    // Kafka names the topic as it is and, in its older metric, with dots replaced
    List<String> names = List.of(signalsTopic, signalsTopic.replace('.', '_'));
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                ScrapedMetrics.scrape()
                    .samples(
                        "kafka_consumer_fetch_manager_records_lag_max",
                        Map.of("service", "risk-service"))
                    .stream()
                    .anyMatch(s -> names.contains(s.labels().getOrDefault("topic", ""))));
  }

  @Test
  void everyMeterCarriesTheServiceTag() {
    List<ScrapedMetrics.Sample> all = ScrapedMetrics.scrape().all();
    assertThat(all).isNotEmpty();
    assertThat(all)
        .allSatisfy(s -> assertThat(s.labels()).containsEntry("service", "risk-service"));
  }
}
