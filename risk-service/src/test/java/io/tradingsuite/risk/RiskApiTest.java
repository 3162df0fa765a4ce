package io.tradingsuite.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tradingsuite.risk.store.Lease;
import io.tradingsuite.risk.store.RiskStore;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Circuit breaker, backtest leases, incidents and limits over REST. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class RiskApiTest {
  private static final String KEY = "test-api-key";

  @Inject RiskStore store;

  @BeforeEach
  @AfterEach
  void clean() {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/circuit-breaker/disable")
        .then()
        .statusCode(200);
    List<String> active =
        given()
            .get("/api/v1/backtest-leases")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("id", String.class);
    for (String id : active) {
      given()
          .header("X-API-Key", KEY)
          .delete("/api/v1/backtest-leases/" + id)
          .then()
          .statusCode(200);
    }
  }

  private static io.restassured.specification.RequestSpecification keyed() {
    return given().header("X-API-Key", KEY).contentType("application/json");
  }

  @Test
  void circuitBreakerEnableStatusDisableWithIncidents() {
    Instant start = Instant.now().minusSeconds(1);
    String reason = "incident-" + UUID.randomUUID();
    keyed()
        .body(Map.of("reason", reason, "minutes", 60))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("trading_state", equalTo("HALTED"))
        .body("reason", equalTo(reason))
        .body("until", notNullValue());
    given()
        .get("/api/v1/circuit-breaker")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true))
        .body("remaining_seconds", org.hamcrest.Matchers.greaterThan(3500));
    given()
        .get("/api/v1/limits")
        .then()
        .statusCode(200)
        .body("trading_state", equalTo("HALTED"))
        .body("circuit_breaker_open", equalTo(true));
    keyed()
        .body("{}")
        .post("/api/v1/circuit-breaker/disable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("trading_state", equalTo("ACTIVE"))
        .body("until", nullValue());

    JsonPath incidents =
        given()
            .queryParam("since", start.toString())
            .queryParam("kind", "circuit_breaker")
            .get("/api/v1/incidents")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> messages = incidents.getList("message");
    assertThat(messages).contains("circuit breaker enabled: " + reason);
    assertThat(incidents.getList("kind")).containsOnly("circuit_breaker");
    assertThat(
            incidents.getList(
                "findAll { it.message == 'circuit breaker enabled: " + reason + "' }.severity"))
        .containsExactly("critical");
    assertThat(
            incidents.getList(
                "findAll { it.message == 'circuit breaker enabled: "
                    + reason
                    + "' }.context.reason"))
        .containsExactly(reason);
  }

  @Test
  void circuitBreakerAutoExpiresAfterItsMinutes() {
    String reason = "short-" + UUID.randomUUID();
    // 0.03 minutes = 1.8 s
    keyed()
        .body(Map.of("reason", reason, "minutes", 0.03))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(true));
    String expired = "circuit breaker disabled: expired after its duration (was: " + reason + ")";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                given()
                    .queryParam("kind", "circuit_breaker")
                    .get("/api/v1/incidents")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("message")
                    .contains(expired));
    given()
        .get("/api/v1/circuit-breaker")
        .then()
        .statusCode(200)
        .body("enabled", equalTo(false))
        .body("reason", equalTo(expired.substring("circuit breaker disabled: ".length())));
  }

  @Test
  void circuitBreakerInputIsValidatedAndNeedsTheKey() {
    given()
        .contentType("application/json")
        .body(Map.of("reason", "x"))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(401);
    keyed()
        .body(Map.of("reason", " "))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("reason"));
    keyed()
        .body(Map.of("reason", "x", "minutes", -5))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(400)
        .body("field", equalTo("minutes"));
    keyed()
        .body("{\"reason\": \"x\", \"minutes\": \"soon\"}")
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(400)
        .body("field", equalTo("minutes"));
    given().get("/api/v1/circuit-breaker").then().statusCode(200).body("enabled", equalTo(false));
  }

  @Test
  void backtestLeasesAreLimitedAndRefusedWithTheirRule() {
    String run = "run-" + UUID.randomUUID();
    String first =
        keyed()
            .body(
                Map.of("run_id", run + "-1", "strategy", "MaCrossoverStrategy", "kind", "backtest"))
            .post("/api/v1/backtest-leases")
            .then()
            .statusCode(201)
            .body("run_id", equalTo(run + "-1"))
            .body("expires_at", notNullValue())
            .extract()
            .path("id");
    // the same run asking again gets the same lease
    keyed()
        .body(Map.of("run_id", run + "-1", "strategy", "MaCrossoverStrategy", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(201)
        .body("id", equalTo(first));
    keyed()
        .body(Map.of("run_id", run + "-2", "strategy", "MaCrossoverStrategy", "kind", "hyperopt"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(201);
    keyed()
        .body(Map.of("run_id", run + "-3", "strategy", "MaCrossoverStrategy", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("MAX_CONCURRENT_BACKTESTS"))
        .body("detail", containsString("RISK_MAX_CONCURRENT_BACKTESTS=2"));

    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/" + first + "?max_drawdown=0.23")
        .then()
        .statusCode(200)
        .body("released", equalTo(true))
        .body("flagged", equalTo(true));
    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/" + first + "?max_drawdown=0.23")
        .then()
        .statusCode(200)
        .body("flagged", equalTo(true));
    given()
        .queryParam("kind", "backtest_drawdown")
        .get("/api/v1/incidents")
        .then()
        .statusCode(200)
        .body("context.run_id", hasItem(run + "-1"))
        .body("rule", hasItem("MAX_BACKTEST_DRAWDOWN"));
    assertThat(
            given()
                .queryParam("kind", "backtest_drawdown")
                .get("/api/v1/incidents")
                .then()
                .extract()
                .<List<String>>path("context.run_id"))
        .containsOnlyOnce(run + "-1");

    String third =
        keyed()
            .body(Map.of("run_id", run + "-3", "strategy", "S", "kind", "backtest"))
            .post("/api/v1/backtest-leases")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/" + third + "?max_drawdown=0.1")
        .then()
        .statusCode(200)
        .body("flagged", equalTo(false));
  }

  @Test
  void circuitBreakerRefusesBacktestLeases() {
    keyed()
        .body(Map.of("reason", "no backtests now"))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(200);
    keyed()
        .body(Map.of("run_id", "run-" + UUID.randomUUID(), "strategy", "S", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("rule", equalTo("CIRCUIT_BREAKER_OPEN"))
        .body("detail", containsString("RISK_ALLOW_WHEN_CB"));
  }

  @Test
  void expiredLeasesAreReclaimed() throws Exception {
    Instant past = Instant.now().minusSeconds(3600);
    String id = "bl-expired-" + UUID.randomUUID();
    io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
        .call(
            () -> {
              store.insertLease(
                  new Lease(
                      id,
                      "old-run",
                      "S",
                      "backtest",
                      past,
                      past.plusSeconds(900),
                      null,
                      null,
                      null,
                      false));
              store.insertLease(
                  new Lease(
                      id + "b",
                      "old-run-b",
                      "S",
                      "backtest",
                      past,
                      past.plusSeconds(900),
                      null,
                      null,
                      null,
                      false));
              return null;
            });
    keyed()
        .body(Map.of("run_id", "r-" + UUID.randomUUID(), "strategy", "S", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(201);
    keyed()
        .body(Map.of("run_id", "r-" + UUID.randomUUID(), "strategy", "S", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(201);
    given()
        .queryParam("kind", "lease_expired")
        .get("/api/v1/incidents")
        .then()
        .statusCode(200)
        .body("context.lease_id", hasItem(id));
  }

  @Test
  void leaseInputIsValidated() {
    keyed()
        .body(Map.of("strategy", "S", "kind", "backtest"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(400)
        .body("field", equalTo("run_id"));
    keyed()
        .body(Map.of("run_id", "r", "strategy", "S", "kind", "live"))
        .post("/api/v1/backtest-leases")
        .then()
        .statusCode(400)
        .body("field", equalTo("kind"));
    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/nope")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/nope?max_drawdown=lots")
        .then()
        .statusCode(400)
        .body("field", equalTo("max_drawdown"));
    given()
        .header("X-API-Key", KEY)
        .delete("/api/v1/backtest-leases/nope?max_drawdown=23")
        .then()
        .statusCode(400)
        .body("field", equalTo("max_drawdown"));
  }

  @Test
  void incidentQueriesAreValidated() {
    given()
        .queryParam("since", "yesterday")
        .get("/api/v1/incidents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("since"));
    given()
        .queryParam("kind", "DROP TABLE")
        .get("/api/v1/incidents")
        .then()
        .statusCode(400)
        .body("field", equalTo("kind"));
    given()
        .queryParam("since", "2024-01-01")
        .queryParam("limit", 5)
        .get("/api/v1/incidents")
        .then()
        .statusCode(200);
  }

  @Test
  void limitsShowEveryKnob() {
    given()
        .get("/api/v1/limits")
        .then()
        .statusCode(200)
        .body("knobs.RISK_MAX_CONCURRENT_BACKTESTS", equalTo(2))
        .body("knobs.RISK_LIVE_MAX_CONCURRENT_TRADES", equalTo(3))
        .body("knobs.RISK_MAX_ORDERS_PER_MINUTE", equalTo(3))
        .body("knobs.RISK_ALLOW_WHEN_CB", equalTo(0))
        .body("knobs.RISK_STALE_DATA_CLOCK", equalTo("market"))
        .body("knobs.RISK_DECISION_TTL_SEC", equalTo(60))
        .body("knobs.RISK_CONCURRENCY_TTL_SEC", equalTo(900))
        .body("knobs.RISK_PROTECTIONS", containsString("StoplossGuard"));
  }
}
