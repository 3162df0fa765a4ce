package io.tradingsuite.execution.metrics;

import static io.tradingsuite.execution.Fixtures.EXCHANGE;
import static io.tradingsuite.execution.Fixtures.entryDecision;
import static io.tradingsuite.execution.Fixtures.freshPair;
import static io.tradingsuite.execution.Fixtures.id;
import static io.tradingsuite.execution.Fixtures.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The execution meters on {@code GET /q/metrics} after a paper trade through the real broker: an
 * entry that fills, the same decision delivered again, a rejected order and a take-profit exit.
 * Fills are counted once per fill id by side and status, the candle-to-fill histogram gets the
 * entry (its signal's candle closed minutes ago) and not the exit (its candle closes in the
 * future), and the book's gauges show the open trade, its exposure at the last close and the
 * equity, then the closed book.
 */
@QuarkusTest
@TestProfile(ExecutionMetricsProfile.class)
@QuarkusTestResource(LocalKafkaResource.class)
class ExecutionMetricsTest {
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String SERVICE = "execution-service";
  private static final String FILLS = "suite_fills_total";
  private static final String LATENCY_COUNT = "suite_candle_to_fill_seconds_count";
  private static final String LATENCY_SUM = "suite_candle_to_fill_seconds_sum";

  @InjectKafkaCompanion KafkaCompanion companion;

  @ConfigProperty(name = "mp.messaging.incoming.decisions.topic")
  String decisionsTopic;

  @ConfigProperty(name = "mp.messaging.incoming.candles.topic")
  String candlesTopic;

  @ConfigProperty(name = "mp.messaging.incoming.signals.topic")
  String signalsTopic;

  @ConfigProperty(name = "mp.messaging.outgoing.fills-out.topic")
  String fillsTopic;

  private void send(String topic, ContractMessage m, String pair) {
    companion
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                topic, Topics.key(EXCHANGE, pair), MessageCodec.instance().encodeToString(m)))
        .awaitCompletion();
  }

  private static Candle candle(String pair, Instant open, String o, String h, String l, String c) {
    return new Candle(
        EXCHANGE,
        pair,
        "5m",
        open,
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(c),
        BigDecimal.TEN);
  }

  private static List<Fill> fills(ConsumerTask<String, String> task, String clientOrderId) {
    return task.getRecords().stream()
        .map(r -> MessageCodec.instance().decode(r.value(), Fill.class))
        .filter(f -> f.clientOrderId().equals(clientOrderId))
        .toList();
  }

  private static Map<String, String> fill(String side, String status) {
    return Map.of("side", side, "status", status, "service", SERVICE);
  }

  private static double delta(
      ScrapedMetrics before, ScrapedMetrics after, String name, Map<String, String> labels) {
    return after.value(name, labels) - before.value(name, labels);
  }

  @Test
  void fillsLatencyAndTheBookAreMetered() {
    String pair = freshPair();
    String trade = id("trade");
    Map<String, String> pairExposure = Map.of("pair", pair, "service", SERVICE);
    // the signal's candle closed 5 to 10 minutes ago; the entry fills on the candle after it
    Instant base =
        Instant.ofEpochMilli(System.currentTimeMillis() / 300_000L * 300_000L).minusSeconds(600);
    Signal sig =
        new Signal(
            id("sig"),
            "TestStrategy",
            EXCHANGE,
            pair,
            "5m",
            base,
            SignalAction.ENTER_LONG,
            null,
            null,
            BigDecimal.ONE,
            new BigDecimal("100"),
            plan("-0.10", 0, "0.02"),
            Instant.now());
    RiskDecision d = entryDecision(id("dec"), sig, id("coid"), trade, Instant.now());
    ConsumerTask<String, String> task =
        companion
            .consumeStrings()
            .withGroupId("exec-metrics-" + UUID.randomUUID())
            .withProp("auto.offset.reset", "earliest")
            .fromTopics(fillsTopic);
    try {
      ScrapedMetrics before = ScrapedMetrics.scrape();

      send(signalsTopic, sig, pair);
      send(decisionsTopic, d, pair);
      send(candlesTopic, candle(pair, base, "99", "101", "98", "100"), pair);
      send(candlesTopic, candle(pair, base.plusSeconds(300), "100", "101", "99.5", "100.5"), pair);
      String entryCoid = d.order().clientOrderId();
      await().atMost(WAIT).until(() -> fills(task, entryCoid).size() == 1);
      assertThat(fills(task, entryCoid).get(0).status()).isEqualTo(FillStatus.FILLED);

      // the same decision again: its fill is published again under the same id, not counted again
      send(decisionsTopic, d, pair);
      await().atMost(WAIT).until(() -> fills(task, entryCoid).size() == 2);

      // an order the venue refuses (not quoted in the stake currency): a rejected fill
      Order foreign =
          new Order(
              id("coid"),
              EXCHANGE,
              "ABC/BTC",
              d.order().side(),
              d.order().type(),
              null,
              BigDecimal.TEN,
              null,
              id("trade"),
              d.order().exitPlan());
      RiskDecision refused =
          new RiskDecision(
              id("dec"),
              id("sig"),
              true,
              null,
              List.of(),
              foreign,
              Instant.now(),
              Instant.now().plusSeconds(3600));
      send(decisionsTopic, refused, "ABC/BTC");
      await().atMost(WAIT).until(() -> fills(task, foreign.clientOrderId()).size() == 1);

      // the open trade: 1 unit bought at 100 (fee 0.1), worth 100.5 at the last close
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                ScrapedMetrics m = ScrapedMetrics.scrape();
                assertThat(m.value("suite_open_trades", Map.of("service", SERVICE))).isEqualTo(1.0);
                assertThat(m.samples("suite_exposure", pairExposure))
                    .singleElement()
                    .extracting(ScrapedMetrics.Sample::value)
                    .isEqualTo(100.5);
                assertThat(m.value("suite_equity", Map.of("currency", "USDT", "service", SERVICE)))
                    .isCloseTo(1_000_000.4, within(1e-6));
              });

      // a candle whose high reaches the 2 % ROI: the take-profit leg fills; that candle closes
      // in the future, so the exit has no candle-to-fill time
      send(
          candlesTopic, candle(pair, base.plusSeconds(3600), "100.5", "103", "100", "102.5"), pair);
      await().atMost(WAIT).until(() -> fills(task, trade + ":tp").size() == 1);
      await()
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                ScrapedMetrics m = ScrapedMetrics.scrape();
                assertThat(m.value("suite_open_trades", Map.of("service", SERVICE))).isEqualTo(0.0);
                assertThat(m.samples("suite_exposure", pairExposure)).isEmpty();
                // profit 2.00000000 after both fees, as PaperVenueBrokerTest proves
                assertThat(m.value("suite_equity", Map.of("currency", "USDT")))
                    .isCloseTo(1_000_002.0, within(1e-6));
              });

      ScrapedMetrics after = ScrapedMetrics.scrape();
      assertThat(delta(before, after, FILLS, fill("buy", "filled"))).isEqualTo(1.0);
      assertThat(delta(before, after, FILLS, fill("buy", "rejected"))).isEqualTo(1.0);
      assertThat(delta(before, after, FILLS, fill("sell", "filled"))).isEqualTo(1.0);
      assertThat(delta(before, after, FILLS, Map.of("service", SERVICE))).isEqualTo(3.0);
      Map<String, String> svc = Map.of("service", SERVICE);
      assertThat(delta(before, after, LATENCY_COUNT, svc)).isEqualTo(1.0);
      // 5 to 10 minutes after the signal's candle closed (plus however long this test took)
      assertThat(delta(before, after, LATENCY_SUM, svc)).isBetween(300.0, 3600.0);
      assertThat(after.samples("suite_candle_to_fill_seconds_bucket", svc))
          .extracting(s -> s.labels().get("le"))
          .contains("0.01", "600.0", "+Inf");
    } finally {
      task.stop();
    }
  }
}
