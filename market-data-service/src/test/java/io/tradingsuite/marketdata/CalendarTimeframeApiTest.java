package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tradingsuite.testing.LocalKafkaResource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * 1w and 1M through REST on the real SQLite database: resampled from stored daily candles on the
 * calendar grid, read back, gap-checked, imported under Freqtrade's {@code 1Mo} file name; the
 * timeframes that have no calendar grid, and sources that do not nest, are 400s naming the field.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CalendarTimeframeApiTest {
  private static final String KEY = "test-api-key";

  private static long day(String date) {
    return LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * Daily candles from Monday 2024-01-29 to Sunday 2024-03-10, Wednesday 02-07 missing; day i
   * (0-based) opens at 10+i, closes at 10.5+i, high 11+i, low 9.5+i, volume 1 (2 on Thursdays).
   */
  private static byte[] days() {
    StringBuilder b = new StringBuilder("[");
    LocalDate d = LocalDate.parse("2024-01-29");
    for (int i = 0; d.isBefore(LocalDate.parse("2024-03-11")); i++, d = d.plusDays(1)) {
      if (d.equals(LocalDate.parse("2024-02-07"))) {
        continue;
      }
      int volume = d.getDayOfWeek().getValue() == 4 ? 2 : 1;
      b.append(b.length() > 1 ? "," : "")
          .append('[')
          .append(d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
          .append(',')
          .append(10 + i)
          .append(',')
          .append(11 + i)
          .append(',')
          .append(9.5 + i)
          .append(',')
          .append(10.5 + i)
          .append(',')
          .append(volume)
          .append(']');
    }
    return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void resample(String ex, String from, String to, int stored) {
    given()
        .header("X-API-Key", KEY)
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("from_timeframe", from)
        .queryParam("timeframe", to)
        .when()
        .post("/api/v1/candles/resample")
        .then()
        .statusCode(200)
        .body("timeframe", equalTo(to))
        .body("stored", equalTo(stored));
  }

  private static JsonPath candles(String ex, String timeframe) {
    return given()
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", timeframe)
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void assertNumber(JsonPath json, String path, String expected) {
    assertThat(new BigDecimal(json.getString(path))).as(path).isEqualByComparingTo(expected);
  }

  @Test
  void dailyCandlesResampleIntoMondayWeeksAndCalendarMonths() {
    String ex = CandleApiTest.exchange();
    CandleApiTest.importOk(ex, "BTC/USDT", "1d", days());

    resample(ex, "1d", "1w", 6); // 6 weeks from Monday 01-29 to Sunday 03-10
    JsonPath weeks = candles(ex, "1w");
    assertThat(weeks.getList("open_time"))
        .containsExactly(
            "2024-01-29T00:00:00Z",
            "2024-02-05T00:00:00Z",
            "2024-02-12T00:00:00Z",
            "2024-02-19T00:00:00Z",
            "2024-02-26T00:00:00Z",
            "2024-03-04T00:00:00Z");
    // week 1 crosses into February: days 0..6
    assertNumber(weeks, "[0].open", "10");
    assertNumber(weeks, "[0].high", "17");
    assertNumber(weeks, "[0].low", "9.5");
    assertNumber(weeks, "[0].close", "16.5");
    assertNumber(weeks, "[0].volume", "8");
    // week 2 has its Wednesday missing: days 7, 8, 10..13 (6 days, Thursday counts 2)
    assertNumber(weeks, "[1].open", "17");
    assertNumber(weeks, "[1].high", "24");
    assertNumber(weeks, "[1].low", "16.5");
    assertNumber(weeks, "[1].close", "23.5");
    assertNumber(weeks, "[1].volume", "7");

    resample(ex, "1d", "1M", 3); // January (3 days), February (28 of 29), March (10)
    JsonPath months = candles(ex, "1M");
    assertThat(months.getList("open_time"))
        .containsExactly("2024-01-01T00:00:00Z", "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
    assertNumber(months, "[0].open", "10");
    assertNumber(months, "[0].close", "12.5");
    assertNumber(months, "[0].volume", "3");
    assertNumber(months, "[1].open", "13"); // 02-01 is day 3
    assertNumber(months, "[1].high", "42"); // 02-29 is day 31
    assertNumber(months, "[1].low", "12.5");
    assertNumber(months, "[1].close", "41.5");
    assertNumber(months, "[1].volume", "33"); // 28 days, 5 of them Thursdays (02-01 .. 02-29)
    assertNumber(months, "[2].open", "42"); // 03-01 is day 32
    assertNumber(months, "[2].close", "51.5");
    assertNumber(months, "[2].volume", "11"); // 10 days, one Thursday

    given()
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "1M")
        .when()
        .get("/api/v1/candles/gaps")
        .then()
        .statusCode(200)
        .body("candles", equalTo(3))
        .body("missing", equalTo(0));
  }

  @Test
  void calendarCandlesImportOnTheirGridAndUnsupportedOnesAre400() {
    String ex = CandleApiTest.exchange();
    String jan = String.valueOf(day("2024-01-01"));
    String mar = String.valueOf(day("2024-03-01"));
    // Freqtrade names monthly files 1Mo (case-insensitive file systems): 1M; February is missing
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("[[" + jan + ",1,2,0.5,1.5,10],[" + mar + ",1.5,3,1,2.5,20]]")
        .queryParam("exchange", ex)
        .queryParam("filename", "BTC_USDT-1Mo.json")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("timeframe", equalTo("1M"))
        .body("imported", equalTo(2));
    given()
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "1M")
        .when()
        .get("/api/v1/candles/gaps")
        .then()
        .statusCode(200)
        .body("missing", equalTo(1))
        .body("gaps[0].from", equalTo("2024-02-01T00:00:00Z"))
        .body("gaps[0].to", equalTo("2024-02-01T00:00:00Z"));

    // 1w candles open on Mondays; 2024-01-04 is a Thursday (where the epoch grid would put it)
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("[[" + day("2024-01-01") + ",1,2,0.5,1.5,10],[" + day("2024-01-04") + ",1,2,1,1,1]]")
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "1w")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(400)
        .body("field", equalTo("row 2"))
        .body("detail", containsString("not on the 1w grid"));

    for (String bad : new String[] {"2w", "3M"}) {
      given()
          .queryParam("exchange", ex)
          .queryParam("pair", "BTC/USDT")
          .queryParam("timeframe", bad)
          .when()
          .get("/api/v1/candles")
          .then()
          .statusCode(400)
          .body("field", equalTo("timeframe"))
          .body("detail", containsString("1w and 1M only"));
    }
    CandleApiTest.importOk(
        ex,
        "ETH/USDT",
        "1w",
        ("[[" + day("2024-01-01") + ",1,2,0.5,1.5,10]]").getBytes(StandardCharsets.UTF_8));
    given()
        .header("X-API-Key", KEY)
        .queryParam("exchange", ex)
        .queryParam("pair", "ETH/USDT")
        .queryParam("from_timeframe", "1w")
        .queryParam("timeframe", "1M")
        .when()
        .post("/api/v1/candles/resample")
        .then()
        .statusCode(400)
        .body("field", equalTo("timeframe"))
        .body("detail", containsString("divides a day"));
  }
}
