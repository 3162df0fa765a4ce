package io.tradingsuite.strategy.dca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.ValidatableResponse;
import io.tradingsuite.strategy.testing.FakeServicesResource;
import io.tradingsuite.testing.LocalKafkaResource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The plans' REST API over real HTTP: create (201), list, read, delete, the API key, 400
 * problem+json naming the field, and the simulation against stored candles served by a real local
 * HTTP server playing market-data-service.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class DcaResourceTest {

  static final String KEY = "test-api-key";
  static final String PLANS = "/api/v1/dca-plans";
  static final JsonPathConfig DECIMALS =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

  static String freshPair() {
    return "D"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  static ValidatableResponse post(String body) {
    return given()
        .header("X-API-Key", KEY)
        .contentType(ContentType.JSON)
        .body(body)
        .post(PLANS)
        .then();
  }

  static void badRequest(String body, String field, String detail) {
    post(body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo(field))
        .body("detail", containsString(detail));
  }

  @Test
  void createListReadDelete() {
    String pair = freshPair();
    String location =
        post("{\"pair\":\""
                + pair
                + "\",\"exchange\":\"dcarest\",\"stake_amount\":25.5,"
                + "\"schedule\":{\"every\":12,\"unit\":\"hours\"},\"start\":\"2099-01-01T06:00:"
                + "00Z\","
                + "\"buy_the_dip\":{\"multiplier\":2,\"ma_period\":10}}")
            .statusCode(201)
            .header("Location", startsWith("http"))
            .body("id", startsWith("p"))
            .body("pair", equalTo(pair))
            .body("exchange", equalTo("dcarest"))
            .body("timeframe", equalTo("5m"))
            .body("schedule.every", equalTo(12))
            .body("schedule.unit", equalTo("hours"))
            .body("start", equalTo("2099-01-01T06:00:00Z"))
            .body("end", nullValue())
            .body("buy_the_dip.ma_period", equalTo(10))
            .body("strategy", equalTo("dca"))
            .body("exit_plan.stoploss", equalTo(-1))
            .body("status", equalTo("active"))
            .body("next_due_at", equalTo("2099-01-01T06:00:00Z"))
            .body("last_due_at", nullValue())
            .body("summary.buys_sent", equalTo(0))
            .extract()
            .header("Location");
    String id = location.substring(location.lastIndexOf('/') + 1);
    JsonPath created =
        given().get(PLANS + "/" + id).then().statusCode(200).extract().jsonPath().using(DECIMALS);
    assertThat(created.getObject("stake_amount", BigDecimal.class)).isEqualByComparingTo("25.5");
    assertThat(created.getObject("buy_the_dip.multiplier", BigDecimal.class))
        .isEqualByComparingTo("2");
    assertThat(created.getList("history")).isEmpty();

    given().get(PLANS).then().statusCode(200).body("id", hasItem(id));

    // mutating calls need the key; reads do not
    given().delete(PLANS + "/" + id).then().statusCode(401);
    given().header("X-API-Key", "wrong").delete(PLANS + "/" + id).then().statusCode(401);
    given()
        .contentType(ContentType.JSON)
        .body("{\"pair\":\"BTC/USDT\",\"stake_amount\":1,\"schedule\":\"@daily\"}")
        .post(PLANS)
        .then()
        .statusCode(401);

    given().header("X-API-Key", KEY).delete(PLANS + "/" + id).then().statusCode(204);
    given().get(PLANS + "/" + id).then().statusCode(404).contentType("application/problem+json");
    given().header("X-API-Key", KEY).delete(PLANS + "/" + id).then().statusCode(404);
    given().get(PLANS).then().statusCode(200).body("id", not(hasItem(id)));
  }

  @Test
  void aCronPlanWithAnEnd() {
    String pair = freshPair();
    String id =
        post("{\"pair\":\""
                + pair
                + "\",\"exchange\":\"dcarest\",\"timeframe\":\"1h\",\"stake_amount\":10,"
                + "\"schedule\":\"0 9 * * 1\",\"start\":\"2099-01-01\",\"end\":\"2099-02-01\"}")
            .statusCode(201)
            .body("schedule.cron", equalTo("0 9 * * 1"))
            .body("end", equalTo("2099-02-01T00:00:00Z"))
            // 2099-01-01 is a Thursday: the first Monday is the 5th
            .body("next_due_at", equalTo("2099-01-05T09:00:00Z"))
            .extract()
            .path("id");
    given().header("X-API-Key", KEY).delete(PLANS + "/" + id).then().statusCode(204);
  }

  @Test
  void badInputIsA400NamingTheField() {
    String ok = "\"stake_amount\":10,\"schedule\":\"@daily\"";
    badRequest("{" + ok + "}", "pair", "pair: is required");
    badRequest("{\"pair\":\"btc-usdt\"," + ok + "}", "pair", "BASE/QUOTE");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"schedule\":\"@daily\",\"stake_amount\":0}",
        "stake_amount",
        "stake_amount: must be > 0");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"schedule\":\"@daily\",\"stake_amount\":\"ten\"}",
        "stake_amount",
        "must be a number");
    badRequest("{\"pair\":\"BTC/USDT\",\"stake_amount\":10}", "schedule", "schedule: is required");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":\"0 25 * * *\"}",
        "schedule",
        "hour field");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":{\"every\":2,\"unit\":"
            + "\"fortnights\"}}",
        "schedule.unit",
        "hours or days");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":{\"every\":-1,\"unit\":\"days\"}}",
        "schedule.every",
        "from 1 to 10000");
    badRequest("{\"pair\":\"BTC/USDT\",\"timeframe\":\"7x\"," + ok + "}", "timeframe", "5m, 1h");
    badRequest("{\"pair\":\"BTC/USDT\",\"start\":\"soon\"," + ok + "}", "start", "ISO-8601");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"start\":\"2099-01-02\",\"end\":\"2099-01-01\"," + ok + "}",
        "end",
        "must be after start");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"buy_the_dip\":{\"multiplier\":-2}," + ok + "}",
        "buy_the_dip.multiplier",
        "must be > 0");
    badRequest(
        "{\"pair\":\"BTC/USDT\",\"buy_the_dip\":{\"multiplier\":2,\"ma_period\":5000}," + ok + "}",
        "buy_the_dip.ma_period",
        "from 2 to 1000");
    post("{\"pair\": ").statusCode(400).contentType("application/problem+json");
    given().get(PLANS + "/nope").then().statusCode(404);
    given().get(PLANS + "/nope?limit=0").then().statusCode(400).body("field", equalTo("limit"));
  }

  /** Hourly candles from 2023-12-31 to 2024-01-04 at 100, with a few set by hand. */
  static void storeCandles(String exchange, String pair) {
    long h = 3_600_000L;
    long start = Instant.parse("2023-12-31T00:00:00Z").toEpochMilli();
    long dayTwo = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();
    long dayThree = Instant.parse("2024-01-03T00:00:00Z").toEpochMilli();
    long dip = Instant.parse("2024-01-01T23:00:00Z").toEpochMilli();
    List<double[]> rows = new ArrayList<>();
    for (long t = start; t < start + 4 * 24 * h; t += h) {
      double open = t == dayTwo ? 50 : t == dayThree ? 200 : 100;
      double close = t == dayThree ? 120 : t == dip ? 80 : 100;
      rows.add(new double[] {t, open, Math.max(open, close), Math.min(open, close), close, 1});
    }
    FakeServicesResource.services().candles.put(exchange + "|" + pair + "|1h", rows);
  }

  static String plan(String exchange, String pair, String dip) {
    return post("{\"pair\":\""
            + pair
            + "\",\"exchange\":\""
            + exchange
            + "\",\"timeframe\":\"1h\",\"stake_amount\":100,"
            + "\"schedule\":{\"every\":1,\"unit\":\"days\"},\"start\":\"2099-01-01\""
            + (dip == null ? "" : ",\"buy_the_dip\":" + dip)
            + "}")
        .statusCode(201)
        .extract()
        .path("id");
  }

  static JsonPath simulate(String id, String body, int status) {
    return given()
        .header("X-API-Key", KEY)
        .contentType(ContentType.JSON)
        .body(body)
        .post(PLANS + "/" + id + "/simulate")
        .then()
        .statusCode(status)
        .extract()
        .jsonPath()
        .using(DECIMALS);
  }

  @Test
  void simulatesOverStoredCandles() {
    String exchange = "dcasim";
    String pair = freshPair();
    storeCandles(exchange, pair);
    String id = plan(exchange, pair, null);

    // buys at 00:00 on Jan 1, 2, 3 (opens 100, 50, 200); the last candle (Jan 3 00:00) closes at
    // 120
    JsonPath r = simulate(id, "{\"timerange\":\"20240101-20240103\"}", 200);
    assertThat(r.getInt("buys")).isEqualTo(3);
    assertThat(r.getInt("skipped")).isZero();
    assertThat(r.getString("from")).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(r.getString("to")).isEqualTo("2024-01-03T00:00:00Z");
    assertThat(r.getObject("invested", BigDecimal.class)).isEqualByComparingTo("300");
    assertThat(r.getObject("amount", BigDecimal.class)).isEqualByComparingTo("3.5");
    assertThat(r.getObject("average_entry_price", BigDecimal.class))
        .isEqualByComparingTo("85.71428571");
    assertThat(r.getObject("last_close", BigDecimal.class)).isEqualByComparingTo("120");
    assertThat(r.getObject("value", BigDecimal.class)).isEqualByComparingTo("420");
    assertThat(r.getObject("profit_abs", BigDecimal.class)).isEqualByComparingTo("120");
    assertThat(r.getObject("profit_ratio", BigDecimal.class)).isEqualByComparingTo("0.4");
    assertThat(r.getString("first_buy_at")).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(r.getString("last_buy_at")).isEqualTo("2024-01-03T00:00:00Z");
    // what market-data-service was asked for: the plan's market, timeframe and range
    assertThat(FakeServicesResource.services().requests("GET", "/api/v1/candles"))
        .anyMatch(
            q -> q.query().contains("exchange=" + exchange) && q.query().contains("timeframe=1h"));

    // with a fee of 0.1 % on top of each stake
    JsonPath withFee = simulate(id, "{\"timerange\":\"20240101-20240103\",\"fee\":0.001}", 200);
    assertThat(withFee.getObject("fees", BigDecimal.class)).isEqualByComparingTo("0.3");
    assertThat(withFee.getObject("invested", BigDecimal.class)).isEqualByComparingTo("300.3");
    assertThat(withFee.getObject("profit_abs", BigDecimal.class)).isEqualByComparingTo("119.7");

    // buy the dip: Jan 1 23:00 closes at 80, below its 3-candle average, so Jan 2's buy is doubled
    String dipId = plan(exchange, pair, "{\"multiplier\":2,\"ma_period\":3}");
    JsonPath dip = simulate(dipId, "{\"timerange\":\"20240101-20240103\"}", 200);
    assertThat(dip.getInt("dip_buys")).isEqualTo(1);
    assertThat(dip.getObject("invested", BigDecimal.class)).isEqualByComparingTo("400");
    assertThat(dip.getObject("amount", BigDecimal.class)).isEqualByComparingTo("5.5");
    assertThat(dip.getObject("value", BigDecimal.class)).isEqualByComparingTo("660");
    assertThat(dip.getObject("profit_ratio", BigDecimal.class)).isEqualByComparingTo("0.65");

    // a plan that begins in 2099 is judged on the whole stored history without a timerange
    JsonPath all = simulate(id, "{}", 200);
    assertThat(all.getInt("buys")).isEqualTo(4);
    assertThat(all.getString("from")).isEqualTo("2023-12-31T00:00:00Z");

    // bad input and missing data
    JsonPath badRange = simulate(id, "{\"timerange\":\"2024\"}", 400);
    assertThat(badRange.getString("field")).isEqualTo("timerange");
    assertThat(simulate(id, "{\"fee\":2}", 400).getString("field")).isEqualTo("fee");
    JsonPath empty = simulate(id, "{\"timerange\":\"20300101-\"}", 400);
    assertThat(empty.getString("field")).isEqualTo("timerange");
    assertThat(empty.getString("detail")).contains("no stored 1h candles");
    simulate("nope", "{}", 404);

    for (String p : List.of(id, dipId)) {
      given().header("X-API-Key", KEY).delete(PLANS + "/" + p).then().statusCode(204);
    }
  }
}
