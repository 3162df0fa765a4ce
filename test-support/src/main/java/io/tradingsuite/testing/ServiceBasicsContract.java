package io.tradingsuite.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.restassured.RestAssured;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What every service must do, whatever its domain: ready with its database and the real broker,
 * metrics, OpenAPI, the API key on mutating calls, problem+json errors, correlation ids. A
 * service's test class extends this and adds {@code @QuarkusTest}.
 */
public abstract class ServiceBasicsContract {
  protected static final String API_KEY = "test-api-key";

  @BeforeAll
  static void logFailures() {
    RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
  }

  @Test
  void readyWithDatabaseAndBroker() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("database schema"))
        .body("checks.name", hasItem("kafka"));
  }

  @Test
  void exposesPrometheusMetrics() {
    given()
        .when()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("jvm_memory_used_bytes"));
  }

  @Test
  void publishesOpenApi() {
    given()
        .accept("application/json")
        .when()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("openapi", containsString("3."));
  }

  @Test
  void mutatingCallWithoutKeyIs401ProblemJson() {
    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/v1/some-mutation")
        .then()
        .statusCode(401)
        .contentType("application/problem+json")
        .body("status", equalTo(401))
        .body("detail", containsString("X-API-Key"));
  }

  @Test
  void mutatingCallWithWrongKeyIs401() {
    given()
        .header("X-API-Key", "not-the-key")
        .contentType("application/json")
        .body("{}")
        .when()
        .delete("/api/v1/some-mutation")
        .then()
        .statusCode(401);
  }

  @Test
  void unknownPathIsProblemJsonWithCorrelationId() {
    given()
        .header("X-Correlation-Id", "corr-basics-1")
        .when()
        .get("/api/v1/no-such-thing")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .header("X-Correlation-Id", "corr-basics-1")
        .body("status", equalTo(404))
        .body("correlation_id", equalTo("corr-basics-1"));
  }
}
