package io.tradingsuite.execution.live;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.execution.config.LiveModeGuard;
import io.tradingsuite.execution.live.ExchangeGateway.GatewayException;
import io.tradingsuite.execution.live.ExchangeGateway.PlaceRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The XChange gateway against a local HTTP server replaying responses shaped like the exchanges'
 * recorded ones (base URL overridden; never the internet).
 */
class XChangeGatewayWireMockTest {
  WireMockServer server;

  @BeforeEach
  void start() {
    server = new WireMockServer(options().dynamicPort());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  private String base() {
    return "http://127.0.0.1:" + server.port();
  }

  private static String binanceOrder(String status, String executed, String quote) {
    return """
        {"symbol":"BTCUSDT","orderId":28457,"orderListId":-1,"clientOrderId":"coid-1","price":"0.00000000",
         "origQty":"0.00200000","executedQty":"%s","cummulativeQuoteQty":"%s","status":"%s",
         "timeInForce":"GTC","type":"MARKET","side":"BUY","stopPrice":"0.00000000","icebergQty":"0.00000000",
         "time":1700000000000,"updateTime":1700000001000,"isWorking":true,"origQuoteOrderQty":"0.00000000"}
        """
        .formatted(executed, quote, status);
  }

  @Test
  void binanceMarketOrderCarriesTheClientIdAndPartialFillsArePolled() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .willReturn(
                okJson(
                    """
        {"symbol":"BTCUSDT","orderId":28457,"orderListId":-1,"clientOrderId":"coid-1","transactTime":1700000000000,
         "price":"0.00000000","origQty":"0.00200000","executedQty":"0.00100000","cummulativeQuoteQty":"36.00000000",
         "status":"PARTIALLY_FILLED","timeInForce":"GTC","type":"MARKET","side":"BUY",
         "fills":[{"price":"36000.00","qty":"0.00100000","commission":"0.00000100","commissionAsset":"BTC","tradeId":56}]}
        """)));
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .inScenario("fill")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(okJson(binanceOrder("PARTIALLY_FILLED", "0.00100000", "36.00000000")))
            .willSetStateTo("filled"));
    server.stubFor(
        get(urlPathEqualTo("/api/v3/order"))
            .inScenario("fill")
            .whenScenarioStateIs("filled")
            .willReturn(okJson(binanceOrder("FILLED", "0.00200000", "72.10000000"))));
    server.stubFor(
        delete(urlPathEqualTo("/api/v3/order"))
            .willReturn(
                okJson(
                    """
        {"symbol":"BTCUSDT","origClientOrderId":"coid-1","orderId":28457,"orderListId":-1,"clientOrderId":"cancel-1",
         "price":"0.00000000","origQty":"0.00200000","executedQty":"0.00200000","cummulativeQuoteQty":"72.10000000",
         "status":"CANCELED","timeInForce":"GTC","type":"MARKET","side":"BUY"}
        """)));

    XChangeGateway gw =
        new XChangeGateway(
            "binance", base(), "test-key", "test-secret", 1000, Duration.ofSeconds(2));
    String id =
        gw.place(
            new PlaceRequest("coid-1", "BTC/USDT", OrderSide.BUY, new BigDecimal("0.002"), null));
    assertThat(id).isEqualTo("28457");
    server.verify(
        postRequestedFor(urlPathEqualTo("/api/v3/order"))
            .withHeader("X-MBX-APIKEY", equalTo("test-key"))
            .withRequestBody(containing("newClientOrderId=coid-1"))
            .withRequestBody(containing("type=MARKET"))
            .withRequestBody(containing("quantity=0.002")));

    ExchangeGateway.Report partial = gw.query("BTC/USDT", id);
    assertThat(partial.status()).isEqualTo("partially_filled");
    assertThat(partial.filledAmount()).isEqualByComparingTo("0.001");
    ExchangeGateway.Report filled = gw.query("BTC/USDT", id);
    assertThat(filled.status()).isEqualTo("filled");
    assertThat(filled.filledAmount()).isEqualByComparingTo("0.002");
    assertThat(filled.averagePrice()).isEqualByComparingTo("36050");
    assertThat(gw.cancel("BTC/USDT", id)).isTrue();
    assertThat(gw.toString()).doesNotContain("test-key").doesNotContain("test-secret");
  }

  @Test
  void binanceLimitOrderAndErrorsBecomeReasonCodes() throws Exception {
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .withRequestBody(containing("LIMIT"))
            .willReturn(
                okJson(
                    """
        {"symbol":"BTCUSDT","orderId":28458,"orderListId":-1,"clientOrderId":"coid-2","transactTime":1700000000000,
         "price":"36000.00","origQty":"0.00100000","executedQty":"0","cummulativeQuoteQty":"0","status":"NEW",
         "timeInForce":"GTC","type":"LIMIT","side":"SELL","fills":[]}
        """)));
    XChangeGateway gw =
        new XChangeGateway("binance", base(), "k", "s", 1000, Duration.ofSeconds(5));
    assertThat(
            gw.place(
                new PlaceRequest(
                    "coid-2",
                    "BTC/USDT",
                    OrderSide.SELL,
                    new BigDecimal("0.001"),
                    new BigDecimal("36000"))))
        .isEqualTo("28458");
    server.verify(
        postRequestedFor(urlPathEqualTo("/api/v3/order"))
            .withRequestBody(containing("timeInForce=GTC"))
            .withRequestBody(containing("price=36000"))
            .withRequestBody(containing("newClientOrderId=coid-2")));

    server.resetAll();
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":-1003,\"msg\":\"Too many requests\"}")));
    assertThatThrownBy(
            () ->
                gw.place(
                    new PlaceRequest("coid-3", "BTC/USDT", OrderSide.BUY, BigDecimal.ONE, null)))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.code()).isEqualTo("rate_limited");
              assertThat(e.outcomeUnknown()).isFalse();
              assertThat(e.retryable()).isTrue();
            });

    server.resetAll();
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"code\":-2010,\"msg\":\"Account has insufficient balance for requested action.\"}")));
    assertThatThrownBy(
            () ->
                gw.place(
                    new PlaceRequest("coid-4", "BTC/USDT", OrderSide.BUY, BigDecimal.ONE, null)))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo("insufficient_funds"));

    // a timeout is not a failure: the order may exist, reconciliation decides
    server.resetAll();
    server.stubFor(
        post(urlPathEqualTo("/api/v3/order")).willReturn(okJson("{}").withFixedDelay(3000)));
    XChangeGateway impatient =
        new XChangeGateway("binance", base(), "k", "s", 1000, Duration.ofMillis(500));
    assertThatThrownBy(
            () ->
                impatient.place(
                    new PlaceRequest("coid-5", "BTC/USDT", OrderSide.BUY, BigDecimal.ONE, null)))
        .isInstanceOfSatisfying(
            GatewayException.class,
            e -> {
              assertThat(e.code()).isEqualTo("timeout");
              assertThat(e.outcomeUnknown()).isTrue();
            });
  }

  @Test
  void krakenOrderCarriesTheUserReferenceAndIsPolled() throws Exception {
    server.stubFor(
        get(urlPathEqualTo("/0/public/Assets"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"XXBT":{"aclass":"currency","altname":"XBT","decimals":10,"display_decimals":5},
         "ZUSD":{"aclass":"currency","altname":"USD","decimals":4,"display_decimals":2}}}""")));
    server.stubFor(
        get(urlPathEqualTo("/0/public/AssetPairs"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"XXBTZUSD":{"altname":"XBTUSD","wsname":"XBT/USD","aclass_base":"currency",
         "base":"XXBT","aclass_quote":"currency","quote":"ZUSD","lot":"unit","pair_decimals":1,"lot_decimals":8,
         "lot_multiplier":1,"leverage_buy":[],"leverage_sell":[],"fees":[[0,0.26]],"fees_maker":[[0,0.16]],
         "fee_volume_currency":"ZUSD","margin_call":80,"margin_stop":40,"ordermin":"0.0001"}}}""")));
    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"descr":{"order":"buy 0.00100000 XBTUSD @ market"},"txid":["OUF4EM-FRGI2-MQMWZD"]}}""")));
    String userref = XChangeGateway.krakenUserRef("coid-k1");
    server.stubFor(
        post(urlPathEqualTo("/0/private/QueryOrders"))
            .willReturn(
                okJson(
                    """
        {"error":[],"result":{"OUF4EM-FRGI2-MQMWZD":{"refid":null,"userref":%s,"status":"closed","reason":null,
         "opentm":1700000000.1,"closetm":1700000001.2,"starttm":0,"expiretm":0,
         "descr":{"pair":"XBTUSD","type":"buy","ordertype":"market","price":"0","price2":"0","leverage":"none",
          "order":"buy 0.00100000 XBTUSD @ market","close":""},
         "vol":"0.00100000","vol_exec":"0.00100000","cost":"36.00000","fee":"0.09360","price":"36000.0",
         "stopprice":"0.00000","limitprice":"0.00000","misc":"","oflags":"fciq"}}}"""
                        .formatted(userref))));

    String secret =
        java.util.Base64.getEncoder()
            .encodeToString("kraken-test-secret".getBytes(StandardCharsets.UTF_8));
    XChangeGateway gw =
        new XChangeGateway("kraken", base(), "kraken-key", secret, 1000, Duration.ofSeconds(2));
    String id =
        gw.place(
            new PlaceRequest("coid-k1", "BTC/USD", OrderSide.BUY, new BigDecimal("0.001"), null));
    assertThat(id).isEqualTo("OUF4EM-FRGI2-MQMWZD");
    server.verify(
        postRequestedFor(urlPathEqualTo("/0/private/AddOrder"))
            .withHeader("API-Key", equalTo("kraken-key"))
            .withRequestBody(containing("userref=" + userref))
            .withRequestBody(containing("ordertype=market")));
    ExchangeGateway.Report r = gw.query("BTC/USD", id);
    assertThat(r.status()).isEqualTo("filled");
    assertThat(r.filledAmount()).isEqualByComparingTo("0.001");
    assertThat(r.averagePrice()).isEqualByComparingTo("36000");

    server.stubFor(
        post(urlPathEqualTo("/0/private/AddOrder"))
            .willReturn(okJson("{\"error\":[\"EAPI:Rate limit exceeded\"]}")));
    assertThatThrownBy(
            () ->
                gw.place(
                    new PlaceRequest("coid-k2", "BTC/USD", OrderSide.BUY, BigDecimal.ONE, null)))
        .isInstanceOfSatisfying(
            GatewayException.class, e -> assertThat(e.code()).isEqualTo("rate_limited"));
  }

  @Test
  void liveModeCannotStartByAccident() {
    assertThat(LiveModeGuard.problems("paper", false, null, null, null)).isEmpty();
    assertThat(LiveModeGuard.problems("live", false, "binance", "k", "s"))
        .anyMatch(p -> p.contains("LIVE_TRADING_CONFIRMED=true"));
    assertThat(LiveModeGuard.problems("live", true, "binance", null, "s"))
        .containsExactly("EXCHANGE_API_KEY is not set");
    assertThat(LiveModeGuard.problems("live", true, "binance", "k", " "))
        .containsExactly("EXCHANGE_SECRET is not set");
    assertThat(LiveModeGuard.problems("live", true, "ftx", "k", "s"))
        .anyMatch(p -> p.contains("EXCHANGE_NAME"));
    assertThat(LiveModeGuard.problems("LIVE", true, "kraken", "secret-key-value", "secret-value"))
        .isEmpty();
    assertThat(LiveModeGuard.problems("yolo", true, "kraken", "k", "s"))
        .anyMatch(p -> p.contains("paper or live"));
    assertThatThrownBy(
            () -> LiveModeGuard.check("live", false, "binance", "my-key-123", "my-secret-456"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refuses to start")
        .hasMessageNotContaining("my-key-123")
        .hasMessageNotContaining("my-secret-456");
  }
}
