package io.tradingsuite.strategy.dca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.PostgresProfile;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The same plans on the real PostgreSQL (the {@code postgres} profile): V3 migrates there, and the
 * store's SQL — cursor moves, history, decisions, fills, the report queue — behaves as on SQLite.
 * The scheduler does not run on its own here; the test ticks it on a hand-set clock.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestProfile(DcaPostgresTest.Postgres.class)
class DcaPostgresTest {

  public static class Postgres extends PostgresProfile {
    @Override
    protected String database() {
      return "strategy_dca_test";
    }

    @Override
    protected Map<String, String> extraOverrides() {
      // no consumers of decisions and fills: on a shared broker another risk-service may decide the
      // buys this test publishes; here the store is fed by hand
      return Map.of(
          "suite.dca.enabled",
          "false",
          "mp.messaging.incoming.dca-decisions.enabled",
          "false",
          "mp.messaging.incoming.dca-fills.enabled",
          "false");
    }
  }

  @Inject DcaClock dcaClock;
  @Inject DcaScheduler scheduler;
  @Inject DcaStore store;

  @AfterEach
  void systemClock() {
    dcaClock.use(null);
  }

  @Test
  void plansAndTheirHistoryOnPostgres() {
    MutableClock clock = new MutableClock(Instant.parse("2031-01-01T00:00:30Z"));
    dcaClock.use(clock);
    String pair =
        "P"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
            + "/USDT";
    String id =
        given()
            .header("X-API-Key", "test-api-key")
            .contentType(ContentType.JSON)
            .body(
                "{\"pair\":\""
                    + pair
                    + "\",\"exchange\":\"dcapg\",\"stake_amount\":12.345678901234,"
                    + "\"schedule\":{\"every\":1,\"unit\":\"hours\"},\"start\":\"2031-01-01T00:"
                    + "00:00Z\","
                    + "\"end\":\"2031-01-02T00:00:00Z\",\"buy_the_dip\":{\"multiplier\":1.5,"
                    + "\"ma_period\":7}}")
            .post("/api/v1/dca-plans")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    DcaStore.StoredPlan stored = store.plan(id).orElseThrow();
    assertThat(stored.plan().stakeAmount()).isEqualByComparingTo("12.345678901234");
    assertThat(stored.plan().dip()).isEqualTo(new DipRule(new BigDecimal("1.5"), 7));
    assertThat(stored.plan().end()).isEqualTo(Instant.parse("2031-01-02T00:00:00Z"));

    scheduler.tick();
    clock.set(Instant.parse("2031-01-01T03:00:30Z"));
    scheduler.tick();
    scheduler.tick();

    List<DcaBuy> history = store.history(id, 100);
    assertThat(history)
        .extracting(DcaBuy::status)
        .containsExactly(DcaBuy.SENT, DcaBuy.MISSED, DcaBuy.SENT);
    assertThat(history.get(1).missedCount()).isEqualTo(2L);
    assertThat(history.get(1).missedUntil()).isEqualTo(Instant.parse("2031-01-01T02:00:00Z"));
    assertThat(history.get(1).reportedAt()).isNotNull();
    assertThat(store.plan(id).orElseThrow().cursor())
        .isEqualTo(Instant.parse("2031-01-01T03:00:00Z"));
    // a second claim of a handled due time is refused by the cursor
    assertThat(store.claimBuy(history.get(0))).isFalse();

    String buyId = history.get(0).id();
    DcaBuy denied =
        store
            .recordDecision(
                buyId,
                false,
                "CIRCUIT_BREAKER_OPEN",
                List.of("reason=maintenance"),
                "rd-1",
                null,
                Instant.parse("2031-01-01T03:00:31Z"))
            .orElseThrow();
    assertThat(denied.status()).isEqualTo(DcaBuy.DENIED);
    assertThat(denied.reasons()).containsExactly("reason=maintenance");
    assertThat(denied.needsReport()).isTrue();
    assertThat(store.unreported()).extracting(DcaBuy::id).contains(buyId);
    // the same decision redelivered changes nothing
    assertThat(
            store
                .recordDecision(
                    buyId, false, "CIRCUIT_BREAKER_OPEN", List.of(), "rd-1", null, Instant.now())
                .orElseThrow()
                .reasons())
        .containsExactly("reason=maintenance");
    assertThat(
            store.recordDecision(
                "dca-unknown-1", true, null, List.of(), "rd-2", "t", Instant.now()))
        .isEmpty();

    String firstId = history.get(2).id();
    assertThat(
            store.recordFill(
                firstId,
                "filled",
                new BigDecimal("41000.5"),
                new BigDecimal("0.000301"),
                new BigDecimal("0.0123"),
                "tr-dca-x",
                Instant.now()))
        .isTrue();
    JsonPath plan =
        given().get("/api/v1/dca-plans/" + id).then().statusCode(200).extract().jsonPath();
    assertThat(plan.getString("history[0].status")).isEqualTo("denied");
    assertThat(plan.getString("history[2].status")).isEqualTo("filled");
    assertThat(plan.getString("history[2].trade_id")).isEqualTo("tr-dca-x");
    assertThat(plan.getInt("summary.missed")).isEqualTo(2);
    assertThat(plan.getString("status")).isEqualTo("active");

    given()
        .header("X-API-Key", "test-api-key")
        .delete("/api/v1/dca-plans/" + id)
        .then()
        .statusCode(204);
    assertThat(store.plans(false)).extracting(p -> p.plan().id()).doesNotContain(id);
    assertThat(store.plans(true)).extracting(p -> p.plan().id()).contains(id);
  }
}
