package io.tradingsuite.marketdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tradingsuite.marketdata.candles.Ohlcv;
import io.tradingsuite.marketdata.importing.OhlcvParser;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Import, read, export, gaps, resample and pairs through REST on the real SQLite database. */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
class CandleApiTest {
  private static final String KEY = "test-api-key";
  private static final String INGESTED = "suite_candles_ingested_total";

  static String exchange() {
    return "t" + UUID.randomUUID().toString().substring(0, 8);
  }

  static byte[] fixture(String name) throws Exception {
    try (var in = CandleApiTest.class.getResourceAsStream("/fixtures/" + name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void freqtradeFileImportsByFileNameAndReportsItsGaps() throws Exception {
    String ex = exchange();
    ScrapedMetrics before = ScrapedMetrics.scrape();
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(fixture("ADA_BTC-5m.json"))
        .queryParam("exchange", ex)
        .queryParam("filename", "ADA_BTC-5m.json")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("pair", equalTo("ADA/BTC"))
        .body("timeframe", equalTo("5m"))
        .body("imported", equalTo(24))
        .body("skipped", hasSize(0))
        .body("first", equalTo("2018-01-15T09:35:00Z"));
    // the 24 stored candles are counted as imported, under this service's name
    Map<String, String> imported = Map.of("source", "import", "service", "market-data-service");
    assertThat(ScrapedMetrics.scrape().value(INGESTED, imported) - before.value(INGESTED, imported))
        .isEqualTo(24.0);

    given()
        .queryParam("exchange", ex)
        .queryParam("pair", "ADA/BTC")
        .queryParam("timeframe", "5m")
        .when()
        .get("/api/v1/candles/gaps")
        .then()
        .statusCode(200)
        .body("candles", equalTo(24))
        .body("missing", equalTo(40))
        .body("gaps", hasSize(5))
        .body("gaps[4].missing", equalTo(33));

    JsonPath candles =
        given()
            .queryParam("exchange", ex)
            .queryParam("pair", "ADA/BTC")
            .queryParam("timeframe", "5m")
            .queryParam("from", "2018-01-15T09:35:00Z")
            .queryParam("limit", 2)
            .when()
            .get("/api/v1/candles")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(candles.getList("$")).hasSize(2);
    assertThat(candles.getString("[0].open_time")).isEqualTo("2018-01-15T09:35:00Z");
    assertThat(candles.getString("[0].exchange")).isEqualTo(ex);
    assertThat(new java.math.BigDecimal(candles.getString("[0].open")))
        .isEqualByComparingTo("0.0000606");

    given()
        .queryParam("exchange", ex)
        .when()
        .get("/api/v1/pairs")
        .then()
        .statusCode(200)
        .body("$", hasSize(1))
        .body("[0].pair", equalTo("ADA/BTC"))
        .body("[0].candles", equalTo(24))
        .body("[0].synthetic", equalTo(false));
  }

  @Test
  void exportGivesBackTheSameValuesInEachFormat() throws Exception {
    String ex = exchange();
    byte[] original = fixture("ADA_BTC-5m.json");
    importOk(ex, "ADA/BTC", "5m", original);
    List<Ohlcv> expected = OhlcvParser.parse(original).rows();
    for (String format : List.of("json", "jsongz", "csv")) {
      byte[] exported =
          given()
              .queryParam("exchange", ex)
              .queryParam("pair", "ADA/BTC")
              .queryParam("timeframe", "5m")
              .queryParam("format", format)
              .when()
              .get("/api/v1/candles/export")
              .then()
              .statusCode(200)
              .header("Content-Disposition", containsString("ADA_BTC-5m."))
              .extract()
              .asByteArray();
      List<Ohlcv> back = OhlcvParser.parse(exported).rows();
      assertThat(back).hasSameSizeAs(expected);
      for (int i = 0; i < back.size(); i++) {
        assertThat(back.get(i).sameValues(expected.get(i))).as(format + " row " + i).isTrue();
      }
    }
  }

  @Test
  void gzipAndCsvImport() throws Exception {
    String ex = exchange();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(fixture("ADA_BTC-5m.json"));
    }
    given()
        .header("X-API-Key", KEY)
        .contentType("application/gzip")
        .body(gz.toByteArray())
        .queryParam("exchange", ex)
        .queryParam("filename", "ADA_BTC-5m.json.gz")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(24));
    String csv =
        "date,open,high,low,close,volume\n1704067200000,100,101,99,100.5,3\n2024-01-01T00:05:00Z,100.5,102,100,101,4\n";
    given()
        .header("X-API-Key", KEY)
        .contentType("text/csv")
        .body(csv)
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(2));
  }

  @Test
  void aBadRowRefusesTheWholeFileNamingRowAndReason() {
    String ex = exchange();
    String body =
        "[[1704067200000,100,101,99,100.5,3],[1704067500000,100,99,101,100,1],[1704067800000,1,2,0.5,1,1]]";
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body)
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("field", equalTo("row 2"))
        .body("detail", containsString("high 99 < low 101"))
        .body("detail", containsString("nothing was imported"));
    given()
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(200)
        .body("$", hasSize(0));
  }

  @Test
  void eachKindOfBadInputIs400() {
    Map<String, String> cases =
        Map.of(
            "[[1704067200000,NaN,101,99,100.5,3]]", "open is NaN",
            "[[1704067200000,100,101,99,100.5,-3]]", "negative",
            "[[1704067200000,100,101,99,102,3]]", "close 102 outside",
            "[[1704067200000,98,101,99,100,3]]", "open 98 outside",
            "[[1704067500000,100,101,99,100,3],[1704067200000,100,101,99,100,3]]", "sorted",
            "[[1704067200000,100,101,99,100,3],[1704067200000,100,101,99,100.5,3]]",
                "duplicate time",
            "[[1704067260000,100,101,99,100,3]]", "not on the 5m grid");
    cases.forEach(
        (body, reason) ->
            given()
                .header("X-API-Key", KEY)
                .contentType("application/json")
                .body(body)
                .queryParam("exchange", exchange())
                .queryParam("pair", "BTC/USDT")
                .queryParam("timeframe", "5m")
                .when()
                .post("/api/v1/candles/import")
                .then()
                .statusCode(400)
                .body("field", containsString("row "))
                .body("detail", containsString(reason)));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("{\"not\": \"candles\"}")
        .queryParam("exchange", exchange())
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(400)
        .body("field", equalTo("body"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body("[]")
        .queryParam("exchange", exchange())
        .queryParam("pair", "BTCUSDT")
        .queryParam("timeframe", "5m")
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(400)
        .body("field", equalTo("pair"));
    given()
        .queryParam("exchange", "x")
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5x")
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(400)
        .body("field", equalTo("timeframe"));
    given()
        .queryParam("exchange", "x")
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .queryParam("from", "yesterday")
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
  }

  @Test
  void skipBadRowsImportsTheRestAndListsWhatWasSkipped() {
    String ex = exchange();
    String body =
        "[[1704067200000,100,101,99,100.5,3],[1704067500000,100,99,101,100,1],[1704067800000,1,2,0.5,1,1],[1704068100000,null,2,0.5,1,1]]";
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body)
        .queryParam("exchange", ex)
        .queryParam("pair", "BTC/USDT")
        .queryParam("timeframe", "5m")
        .queryParam("skip_bad_rows", true)
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200)
        .body("imported", equalTo(2))
        .body("skipped.row", equalTo(List.of(2, 4)))
        .body("skipped[1].reason", equalTo("open is null"));
  }

  @Test
  void reImportUpsertsInsteadOfDuplicating() {
    String ex = exchange();
    importOk(
        ex,
        "BTC/USDT",
        "5m",
        "[[1704067200000,100,101,99,100.5,3]]".getBytes(StandardCharsets.UTF_8));
    importOk(
        ex,
        "BTC/USDT",
        "5m",
        "[[1704067200000,100,101,99,100.25,4],[1704067500000,1,1,1,1,1]]"
            .getBytes(StandardCharsets.UTF_8));
    JsonPath got =
        given()
            .queryParam("exchange", ex)
            .queryParam("pair", "BTC/USDT")
            .queryParam("timeframe", "5m")
            .when()
            .get("/api/v1/candles")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(got.getList("$")).hasSize(2);
    assertThat(got.getString("[0].close")).isEqualTo("100.25");
  }

  @Test
  void resamplesStoredCandlesIntoALargerTimeframe() {
    String ex = exchange();
    StringBuilder body = new StringBuilder("[");
    long t0 = 1_704_067_200_000L;
    for (int i = 0; i < 12; i++) { // 12 x 5m = one hour, closes 1..12
      body.append(i == 0 ? "" : ",")
          .append("[")
          .append(t0 + i * 300_000L)
          .append(",")
          .append(i + 1)
          .append(",")
          .append(i + 1.5)
          .append(",")
          .append(i + 0.5)
          .append(",")
          .append(i + 1)
          .append(",2]");
    }
    importOk(ex, "ETH/USDT", "5m", body.append("]").toString().getBytes(StandardCharsets.UTF_8));
    given()
        .header("X-API-Key", KEY)
        .queryParam("exchange", ex)
        .queryParam("pair", "ETH/USDT")
        .queryParam("from_timeframe", "5m")
        .queryParam("timeframe", "1h")
        .when()
        .post("/api/v1/candles/resample")
        .then()
        .statusCode(200)
        .body("source_candles", equalTo(12))
        .body("stored", equalTo(1));
    JsonPath got =
        given()
            .queryParam("exchange", ex)
            .queryParam("pair", "ETH/USDT")
            .queryParam("timeframe", "1h")
            .when()
            .get("/api/v1/candles")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(got.getString("[0].open_time")).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(new java.math.BigDecimal(got.getString("[0].open"))).isEqualByComparingTo("1");
    assertThat(new java.math.BigDecimal(got.getString("[0].high"))).isEqualByComparingTo("12.5");
    assertThat(new java.math.BigDecimal(got.getString("[0].low"))).isEqualByComparingTo("0.5");
    assertThat(new java.math.BigDecimal(got.getString("[0].close"))).isEqualByComparingTo("12");
    assertThat(new java.math.BigDecimal(got.getString("[0].volume"))).isEqualByComparingTo("24");
    given()
        .header("X-API-Key", KEY)
        .queryParam("exchange", ex)
        .queryParam("pair", "ETH/USDT")
        .queryParam("from_timeframe", "1h")
        .queryParam("timeframe", "5m")
        .when()
        .post("/api/v1/candles/resample")
        .then()
        .statusCode(400)
        .body("field", equalTo("timeframe"));
  }

  static void importOk(String exchange, String pair, String timeframe, byte[] body) {
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(body)
        .queryParam("exchange", exchange)
        .queryParam("pair", pair)
        .queryParam("timeframe", timeframe)
        .when()
        .post("/api/v1/candles/import")
        .then()
        .statusCode(200);
  }
}
