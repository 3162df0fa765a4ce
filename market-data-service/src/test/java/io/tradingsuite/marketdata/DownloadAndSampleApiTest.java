package io.tradingsuite.marketdata;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingsuite.marketdata.sample.SampleDataSet;
import io.tradingsuite.marketdata.service.OfflineBootstrap;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * POST /downloads through the real XChange Binance client against the fake exchange; the sample set
 * through REST.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeExchangeResource.class)
class DownloadAndSampleApiTest {
  private static final String KEY = "test-api-key";
  private static final long T0 = 1_704_067_200_000L;
  private static final long H = 3_600_000L;
  private static final String INGESTED = "suite_candles_ingested_total";

  @Inject OfflineBootstrap bootstrap;

  private static String kline(long t) {
    return "[%d,\"100.00\",\"101.50\",\"99.25\",\"100.75\",\"12.345\",%d,\"1234.5\",42,\"6.1\",\"610.2\",\"0\"]"
        .formatted(t, t + H - 1);
  }

  @Test
  void downloadStoresBinanceHistoryThroughXChange() {
    String base =
        "D"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 7)
                .toUpperCase(Locale.ROOT);
    String symbol = base + "USDT";
    var wm = FakeExchangeResource.server;
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam(
                "symbol", com.github.tomakehurst.wiremock.client.WireMock.equalTo(symbol))
            .withQueryParam(
                "startTime",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(T0)))
            .inScenario(symbol)
            .whenScenarioStateIs(Scenario.STARTED)
            .willSetStateTo("ok")
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":-1003,\"msg\":\"Too many requests\"}")));
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam(
                "symbol", com.github.tomakehurst.wiremock.client.WireMock.equalTo(symbol))
            .withQueryParam(
                "startTime",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(T0)))
            .inScenario(symbol)
            .whenScenarioStateIs("ok")
            .willReturn(
                okJson("[" + kline(T0) + "," + kline(T0 + H) + "," + kline(T0 + 2 * H) + "]")));
    wm.stubFor(
        get(urlPathEqualTo("/api/v3/klines"))
            .withQueryParam(
                "symbol", com.github.tomakehurst.wiremock.client.WireMock.equalTo(symbol))
            .withQueryParam(
                "startTime",
                com.github.tomakehurst.wiremock.client.WireMock.equalTo(String.valueOf(T0 + 3 * H)))
            .willReturn(okJson("[]")));
    String pair = base + "/USDT";
    ScrapedMetrics before = ScrapedMetrics.scrape();
    String id =
        given()
            .header("X-API-Key", KEY)
            .contentType("application/json")
            .body(
                Map.of(
                    "exchange",
                    "binance",
                    "pairs",
                    List.of(pair),
                    "timeframes",
                    List.of("1h"),
                    "timerange",
                    "20240101-20240102"))
            .when()
            .post("/api/v1/downloads")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                given()
                    .get("/api/v1/downloads/" + id)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("done"))
                    .body("results[0].stored", equalTo(3))
                    .body("results[0].rate_limited", equalTo(1)));
    // the 3 stored candles are counted as downloaded, once (the rate-limited page stored none)
    assertThat(
            ScrapedMetrics.scrape().value(INGESTED, source("download"))
                - before.value(INGESTED, source("download")))
        .isEqualTo(3.0);
    given()
        .queryParam("exchange", "binance")
        .queryParam("pair", pair)
        .queryParam("timeframe", "1h")
        .when()
        .get("/api/v1/candles")
        .then()
        .statusCode(200)
        .body("$", hasSize(3))
        .body("[2].open_time", equalTo("2024-01-01T02:00:00Z"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("exchange", "mtgox", "pairs", List.of("BTC/USD")))
        .when()
        .post("/api/v1/downloads")
        .then()
        .statusCode(400)
        .body("field", equalTo("exchange"));
    given()
        .header("X-API-Key", KEY)
        .contentType("application/json")
        .body(Map.of("exchange", "binance", "pairs", List.of("BTC/USDT"), "timerange", "2024"))
        .when()
        .post("/api/v1/downloads")
        .then()
        .statusCode(400)
        .body("field", equalTo("timerange"));
  }

  private static Map<String, String> source(String source) {
    return Map.of("source", source, "service", "market-data-service");
  }

  @Test
  void sampleSetIsStoredOnceAndLabelledSynthetic() {
    bootstrap.loadSample();
    bootstrap.loadSample(); // idempotent: a second start does not duplicate
    given()
        .queryParam("exchange", SampleDataSet.EXCHANGE)
        .when()
        .get("/api/v1/pairs")
        .then()
        .statusCode(200)
        .body("$", hasSize(3))
        .body("pair", equalTo(List.of("BTC/USDT", "ETH/USDT", "SOL/USDT")))
        .body("[0].candles", equalTo(SampleDataSet.candlesPerPair()))
        .body("[0].synthetic", equalTo(true))
        .body("[0].first", equalTo("2024-01-01T00:00:00Z"));
    given()
        .queryParam("exchange", "sample")
        .queryParam("pair", "ETH/USDT")
        .queryParam("timeframe", "5m")
        .when()
        .get("/api/v1/candles/gaps")
        .then()
        .statusCode(200)
        .body("missing", equalTo(0));
  }
}
