package io.tradingsuite.notification.it;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.testing.LocalKafkaResource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Through the real broker, against local HTTP servers standing in for Telegram, webhook receivers,
 * risk- and execution-service ({@link StubServers}).
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(StubServers.class)
class NotificationBrokerTest {
  private static final String SEND = "/bot" + StubServers.TOKEN + "/sendMessage";
  private static final String UPDATES = "/bot" + StubServers.TOKEN + "/getUpdates";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final ObjectMapper json = new ObjectMapper();

  @InjectKafkaCompanion KafkaCompanion companion;

  private static WireMockServer stub() {
    return StubServers.server();
  }

  private static String freshPair() {
    return "N"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  private void produce(String topic, String key, ContractMessage... messages) {
    ProducerRecord<String, String>[] records = new ProducerRecord[messages.length];
    for (int i = 0; i < messages.length; i++) {
      records[i] =
          new ProducerRecord<>(topic, key, MessageCodec.instance().encodeToString(messages[i]));
    }
    companion.produceStrings().fromRecords(records).awaitCompletion();
  }

  /** Telegram messages sent to {@code chat} whose text contains all of {@code parts}. */
  private List<String> telegramTexts(String chat, String... parts) {
    return stub().findAll(postRequestedFor(urlPathEqualTo(SEND))).stream()
        .map(r -> readJson(r.getBodyAsString()))
        .filter(b -> b.path("chat_id").asText().equals(chat))
        .map(b -> b.path("text").asText())
        .filter(t -> List.of(parts).stream().allMatch(t::contains))
        .toList();
  }

  private List<JsonNode> webhookBodies(String path, String containing) {
    return stub().findAll(postRequestedFor(urlPathEqualTo(path))).stream()
        .map(LoggedRequest::getBodyAsString)
        .filter(b -> b.contains(containing))
        .map(this::readJson)
        .toList();
  }

  private JsonNode readJson(String s) {
    try {
      return json.readTree(s);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + s, e);
    }
  }

  private static JsonPath notifications(String kind, Instant since) {
    return given()
        .queryParam("kind", kind)
        .queryParam("since", since.toString())
        .queryParam("limit", 1000)
        .when()
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static Fill fill(
      String id, String trade, String pair, OrderSide side, String price, String fee, Instant at) {
    return new Fill(
        id,
        "co-" + id,
        "dec-" + id,
        "sig-" + id,
        trade,
        "binance",
        pair,
        side,
        new BigDecimal(price),
        BigDecimal.ONE,
        new BigDecimal(fee),
        "USDT",
        TradingMode.PAPER,
        FillStatus.FILLED,
        side == OrderSide.SELL ? "roi" : null,
        null,
        at);
  }

  @Test
  void aFillIsToldExactlyOnceEvenWhenRedeliveredAndTheExitCarriesItsProfit() {
    String pair = freshPair();
    String run = UUID.randomUUID().toString();
    Instant since = Instant.now().minusSeconds(5);
    Instant opened = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3900);
    Fill entry = fill("fe-" + run, "trade-" + run, pair, OrderSide.BUY, "100", "0.1", opened);
    Fill exit =
        fill(
            "fx-" + run,
            "trade-" + run,
            pair,
            OrderSide.SELL,
            "110",
            "0.11",
            opened.plusSeconds(3900));
    String key = Topics.key("binance", pair);

    // the entry twice (a redelivery), then the exit on the same partition
    produce(Topics.FILLS, key, entry, entry, exit);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(telegramTexts(StubServers.CHAT_A, "Exit filled", pair)).hasSize(1);
              assertThat(telegramTexts(StubServers.CHAT_B, "Exit filled", pair)).hasSize(1);
              assertThat(webhookBodies("/hooks/good", exit.id())).hasSize(1);
              JsonPath entries = notifications("entry_fill", since);
              assertThat(
                      entries.getList(
                          "findAll { it.source_id == '"
                              + entry.id()
                              + "' }.deliveries.flatten().status"))
                  .containsExactly("delivered", "delivered", "delivered");
            });
    // the exit came after the redelivered entry on one partition: the duplicate was consumed and
    // told nothing
    assertThat(telegramTexts(StubServers.CHAT_A, "Entry filled", pair)).hasSize(1);
    assertThat(telegramTexts(StubServers.CHAT_B, "Entry filled", pair)).hasSize(1);
    assertThat(webhookBodies("/hooks/good", entry.id())).hasSize(1);
    assertThat(
            notifications("entry_fill", since)
                .getList("findAll { it.source_id == '" + entry.id() + "' }"))
        .hasSize(1);

    String exitText = telegramTexts(StubServers.CHAT_A, "Exit filled", pair).get(0);
    assertThat(exitText).contains("Profit: 9.79000000 USDT (9.78%)", "Duration: 1h 5m", "roi");
    JsonNode hook = webhookBodies("/hooks/good", exit.id()).get(0);
    assertThat(hook.path("event").asText()).isEqualTo("exit_fill");
    assertThat(hook.path("pair").asText()).isEqualTo(pair);
    assertThat(hook.path("profit").asText()).isEqualTo("9.79000000");
    assertThat(hook.path("text").asText()).isEqualTo(exitText);
    stub()
        .verify(
            postRequestedFor(urlPathEqualTo("/hooks/good"))
                .withRequestBody(containing(exit.id()))
                .withHeader("Authorization", equalTo("Bearer hook-secret")));
  }

  @Test
  void aFailingWebhookIsRetriedThenDeadLetteredWhileLaterEventsAreStillDelivered() {
    String run = UUID.randomUUID().toString();
    Instant now = Instant.now();
    RiskEvent first =
        new RiskEvent(
            "inc-" + run + "-1",
            RiskEventType.INCIDENT,
            "disk \"full\"\non " + run,
            "critical",
            Map.of("run", run),
            null,
            now);
    RiskEvent later =
        new RiskEvent(
            "inc-" + run + "-2",
            RiskEventType.INCIDENT,
            "second " + run,
            "warning",
            null,
            null,
            now);
    produce(Topics.RISK_EVENTS, null, first);
    produce(Topics.RISK_EVENTS, null, later);

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath dead =
                  given()
                      .queryParam("limit", 1000)
                      .when()
                      .get("/api/v1/notifications/dead-letters")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              List<Map<String, Object>> mine =
                  dead.getList("findAll { it.notification_id == 'incident:" + first.id() + "' }");
              assertThat(mine).hasSize(1);
              assertThat(mine.get(0))
                  .containsEntry("channel", "webhook")
                  .containsEntry("target", "down")
                  .containsEntry("attempts", 3)
                  .containsEntry("last_error", "HTTP 503");
            });
    // three attempts (max-attempts=3), then no more
    assertThat(webhookBodies("/hooks/down", first.id())).hasSize(3);

    // the healthy receiver and Telegram got both incidents, the later one too
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(webhookBodies("/hooks/good", later.id())).hasSize(1);
              assertThat(telegramTexts(StubServers.CHAT_A, "second " + run)).hasSize(1);
            });
    JsonNode body = webhookBodies("/hooks/good", first.id()).get(0);
    assertThat(body.path("reason").asText()).isEqualTo("disk \"full\"\non " + run);
    assertThat(body.path("event").asText()).isEqualTo("incident");
    assertThat(
            telegramTexts(StubServers.CHAT_B, "[CRITICAL] Incident: disk \"full\"", "run: " + run))
        .hasSize(1);
  }

  @Test
  void aCommandFromAnUnknownChatDoesNothingButIsRecordedAsAnIncident() {
    long updateId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    String stranger = "77" + (updateId % 1_000_000);
    String reason = "intruder-" + updateId;
    stub()
        .stubFor(
            get(urlPathEqualTo(UPDATES))
                .willReturn(okJson(updates(updateId, stranger, "/stopentry " + reason))));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              JsonPath incidents =
                  given()
                      .queryParam("limit", 1000)
                      .when()
                      .get("/api/v1/notifications/incidents")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath();
              assertThat(
                      incidents.getList(
                          "findAll { it.id == 'telegram_unknown_chat:" + updateId + "' }.subject"))
                  .containsExactly(stranger);
            });
    // handled (the incident is written before anything could act): nothing was called, nothing
    // answered
    stub()
        .verify(
            0,
            postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/enable"))
                .withRequestBody(containing(reason)));
    assertThat(telegramTexts(stranger)).isEmpty();
    // operators hear of the new chat (once), on the configured chats only
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(telegramTexts(StubServers.CHAT_A, "unknown chat " + stranger))
                    .hasSize(1));
  }

  @Test
  void stopEntryTripsTheBreakerThroughRiskServiceWithTheApiKeyAndForceExitGoesToExecution() {
    long updateId = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000_000L);
    String reason = "volatility spike " + updateId;
    String trade = "t-" + updateId;
    stub()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post(
                    urlPathEqualTo("/api/v1/trades/" + trade + "/force-exit"))
                .willReturn(
                    okJson("{\"trade_id\": \"" + trade + "\", \"status\": \"exit_requested\"}")));
    stub()
        .stubFor(
            get(urlPathEqualTo(UPDATES))
                .willReturn(
                    okJson(
                        "{\"ok\": true, \"result\": ["
                            + update(updateId, StubServers.CHAT_A, "/stopentry " + reason)
                            + ","
                            + update(updateId + 1, StubServers.CHAT_B, "/forceexit " + trade)
                            + "]}")));

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              stub()
                  .verify(
                      1,
                      postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/enable"))
                          .withHeader("X-API-Key", equalTo("test-api-key"))
                          .withRequestBody(
                              equalToJson("{\"reason\": \"" + reason + "\", \"minutes\": 1440}")));
              stub()
                  .verify(
                      1,
                      postRequestedFor(urlPathEqualTo("/api/v1/trades/" + trade + "/force-exit"))
                          .withHeader("X-API-Key", equalTo("test-api-key")));
              assertThat(telegramTexts(StubServers.CHAT_A, "Circuit breaker tripped", reason))
                  .hasSize(1);
              assertThat(
                      telegramTexts(StubServers.CHAT_B, "Force exit requested for trade " + trade))
                  .hasSize(1);
            });
    stub()
        .verify(
            postRequestedFor(urlPathEqualTo("/api/v1/circuit-breaker/enable"))
                .withRequestBody(matchingJsonPath("$.reason", equalTo(reason))));
  }

  private static String updates(long updateId, String chat, String text) {
    return "{\"ok\": true, \"result\": [" + update(updateId, chat, text) + "]}";
  }

  private static String update(long updateId, String chat, String text) {
    return "{\"update_id\": "
        + updateId
        + ", \"message\": {\"message_id\": 5, \"date\": 1700000000,"
        + " \"chat\": {\"id\": "
        + chat
        + ", \"type\": \"private\"}, \"text\": \""
        + text
        + "\"}}";
  }
}
