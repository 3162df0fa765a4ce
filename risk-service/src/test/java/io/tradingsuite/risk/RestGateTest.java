package io.tradingsuite.risk;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.testing.LocalKafkaResource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The gate's rules with signals posted to {@code POST /api/v1/signals}. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class RestGateTest extends GateScenarios {
  @InjectKafkaCompanion KafkaCompanion companion;

  @Override
  protected KafkaCompanion companion() {
    return companion;
  }

  @Override
  protected RiskDecision decide(Signal s) {
    String body =
        given()
            .header("X-API-Key", API_KEY)
            .contentType("application/json")
            .body(MessageCodec.instance().encodeToString(s))
            .post("/api/v1/signals")
            .then()
            .statusCode(201)
            .extract()
            .asString();
    return MessageCodec.instance()
        .decode(body.getBytes(StandardCharsets.UTF_8), RiskDecision.class);
  }

  @Test
  void aSignalPostedTwiceGetsItsStoredDecisionBack() {
    String ex = Fixtures.freshExchange();
    Signal s = Fixtures.entry(ex, Fixtures.freshPair(), Fixtures.T0, "10");
    RiskDecision first = decide(s);
    String again =
        given()
            .header("X-API-Key", API_KEY)
            .contentType("application/json")
            .body(MessageCodec.instance().encodeToString(s))
            .post("/api/v1/signals")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(
            MessageCodec.instance()
                .decode(again.getBytes(StandardCharsets.UTF_8), RiskDecision.class))
        .isEqualTo(first);
    String stored =
        given().get("/api/v1/decisions/" + s.id()).then().statusCode(200).extract().asString();
    assertThat(
            MessageCodec.instance()
                .decode(stored.getBytes(StandardCharsets.UTF_8), RiskDecision.class))
        .isEqualTo(first);
  }

  @Test
  void anInvalidSignalIsA400NamingTheField() {
    String json =
        MessageCodec.instance()
            .encodeToString(
                Fixtures.entry(Fixtures.freshExchange(), Fixtures.freshPair(), Fixtures.T0, "10"))
            .replace("\"stake_amount\":10", "\"stake_amount\":-1");
    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body(json)
        .post("/api/v1/signals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", org.hamcrest.Matchers.equalTo("stake_amount"));
    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body("{\"id\":")
        .post("/api/v1/signals")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .contentType("application/json")
        .body(json)
        .post("/api/v1/signals")
        .then()
        .statusCode(401);
  }
}
