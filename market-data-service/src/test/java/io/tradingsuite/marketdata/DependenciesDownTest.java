package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With no broker and no usable database the service still starts, answers REST and says what is
 * missing.
 */
@QuarkusTest
@TestProfile(DependenciesDownTest.NothingReachable.class)
class DependenciesDownTest {

  public static class NothingReachable implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "kafka.bootstrap.servers", "127.0.0.1:1",
          "quarkus.datasource.jdbc.acquisition-timeout", "2S",
          "quarkus.datasource.jdbc.url", "jdbc:sqlite:/proc/no-such-dir/market-data.sqlite");
    }
  }

  @Test
  void readinessIsDownAndNamesKafkaAndTheDatabase() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("status", equalTo("DOWN"))
        .body("checks.find { it.name == 'database schema' }.status", equalTo("DOWN"))
        .body("checks.find { it.name == 'kafka' }.status", equalTo("DOWN"));
  }

  @Test
  void restStillAnswers() {
    given()
        .contentType("application/json")
        .body("[]")
        .when()
        .post("/api/v1/candles/publish")
        .then()
        .statusCode(401);
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
  }
}
