package io.tradingsuite.marketdata;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A local WireMock server standing in for Binance and Kraken; the service's XChange base URLs point
 * at it.
 */
public class FakeExchangeResource implements QuarkusTestResourceLifecycleManager {
  static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    return Map.of(
        "market-data.exchange.binance.base-url",
        server.baseUrl(),
        "market-data.exchange.kraken.base-url",
        server.baseUrl(),
        "market-data.exchange.read-timeout-ms",
        "30000",
        "market-data.download.initial-backoff-ms",
        "10");
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
