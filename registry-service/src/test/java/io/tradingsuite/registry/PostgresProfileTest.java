package io.tradingsuite.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.PostgresProfile;
import org.junit.jupiter.api.Test;

/** The service on the real PostgreSQL: Flyway migrates the schema and readiness reports it. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@TestProfile(PostgresProfileTest.Postgres.class)
class PostgresProfileTest {

  public static class Postgres extends PostgresProfile {
    @Override
    protected String database() {
      return "registry_foundation_test";
    }
  }

  @Test
  void migratesOnPostgresAndIsReady() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("checks.find { it.name == 'database schema' }.status", equalTo("UP"))
        .body(
            "checks.find { it.name == 'database schema' }.data.url",
            equalTo(
                "jdbc:postgresql://"
                    + PostgresProfile.host()
                    + ":"
                    + PostgresProfile.port()
                    + "/registry_foundation_test"));
  }
}
