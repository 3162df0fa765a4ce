package io.tradingsuite.notification.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.intake.DailySummaryJob;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The REST surface: filters with 400s naming the field, test messages, the daily summary with a
 * given clock.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(StubServers.class)
class NotificationResourceTest {
  @Inject DailySummaryJob summaries;

  @Test
  void badFiltersAre400sNamingTheField() {
    given()
        .queryParam("kind", "fills")
        .when()
        .get("/api/v1/notifications")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("detail", containsString("kind"));
    given()
        .queryParam("since", "yesterday")
        .when()
        .get("/api/v1/notifications")
        .then()
        .statusCode(400)
        .body("detail", containsString("since"));
    given()
        .queryParam("limit", 0)
        .when()
        .get("/api/v1/notifications/dead-letters")
        .then()
        .statusCode(400)
        .body("detail", containsString("limit"));
  }

  @Test
  void aTestMessageNeedsTheKeyAndReachesTelegram() {
    given()
        .contentType("application/json")
        .body("{\"text\": \"x\"}")
        .when()
        .post("/api/v1/notifications/test")
        .then()
        .statusCode(401);
    String text = "ping " + UUID.randomUUID();
    String id =
        given()
            .header("X-API-Key", "test-api-key")
            .contentType("application/json")
            .body("{\"text\": \"" + text + "\"}")
            .when()
            .post("/api/v1/notifications/test")
            .then()
            .statusCode(202)
            .body("targets", equalTo(2))
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                StubServers.server()
                    .verify(
                        2,
                        WireMock.postRequestedFor(
                                WireMock.urlPathEqualTo(
                                    "/bot" + StubServers.TOKEN + "/sendMessage"))
                            .withRequestBody(WireMock.containing(text))));
    given()
        .queryParam("kind", "test")
        .when()
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("find { it.id == '" + id + "' }.text", equalTo(text));
  }

  @Test
  void channelsShowWhatIsOnWithoutSecrets() {
    String body =
        given()
            .when()
            .get("/api/v1/notifications/channels")
            .then()
            .statusCode(200)
            .body("telegram", equalTo(true))
            .body("telegram_chats", equalTo(2))
            .body("webhooks.name", org.hamcrest.Matchers.contains("good", "down"))
            .body("kinds.entry_fill", equalTo(true))
            .extract()
            .asString();
    assertThat(body)
        .doesNotContain(StubServers.TOKEN)
        .doesNotContain("hook-secret")
        .doesNotContain("/hooks/");
  }

  @Test
  void theDailySummaryGoesOutOnceAfterItsTimeWithAnInjectedClock() {
    // a day no earlier run used (the test database outlives runs)
    // before today, since the outbox schedules deliveries at the given clock's time
    LocalDate day =
        LocalDate.of(1990, 1, 1)
            .plusDays(Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 12_000));
    Instant tooEarly = day.plusDays(1).atTime(0, 1).toInstant(java.time.ZoneOffset.UTC);
    Instant due = day.plusDays(1).atTime(6, 0).toInstant(java.time.ZoneOffset.UTC);
    assertThat(summaries.runAt(tooEarly)).isEmpty();
    Optional<Notification> sent = summaries.runAt(due);
    assertThat(sent).isPresent();
    assertThat(sent.get().text())
        .startsWith("Daily summary " + day + " (UTC)")
        .contains("Closed trades: 0");
    assertThat(summaries.runAt(due.plusSeconds(3600))).isEmpty();
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                StubServers.server()
                    .verify(
                        2,
                        WireMock.postRequestedFor(
                                WireMock.urlPathEqualTo(
                                    "/bot" + StubServers.TOKEN + "/sendMessage"))
                            .withRequestBody(WireMock.containing("Daily summary " + day))));
  }
}
