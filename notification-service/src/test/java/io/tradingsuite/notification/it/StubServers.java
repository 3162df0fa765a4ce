package io.tradingsuite.notification.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One local HTTP server (WireMock) standing in for the Telegram Bot API, two webhook receivers
 * ({@code good} answers 200, {@code down} always 503), risk-service and execution-service. No
 * internet is involved. Applies to every test of the module, so the app boots once.
 */
public class StubServers implements QuarkusTestResourceLifecycleManager {
  public static final String TOKEN = "123456:TEST-TOKEN-never-logged";
  public static final String CHAT_A = "1001";
  public static final String CHAT_B = "-1002";
  private static WireMockServer server;

  public static WireMockServer server() {
    return server;
  }

  @Override
  public Map<String, String> start() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    defaultStubs();
    String base = "http://127.0.0.1:" + server.port();
    Path hooks = Path.of("target", "test-webhooks.json");
    try {
      Files.createDirectories(hooks.getParent());
      Files.writeString(
          hooks,
          """
          [{"name": "good", "url": "%1$s/hooks/good", "kinds": ["entry_fill", "exit_fill", "incident"],
            "template": "{\\"event\\": \\"${kind}\\", \\"source\\": \\"${source_id}\\", \\"pair\\": \\"${pair}\\", \\"reason\\": \\"${reason}\\", \\"profit\\": \\"${profit_abs}\\", \\"text\\": \\"${text}\\"}",
            "headers": {"Authorization": "Bearer hook-secret"}},
           {"name": "down", "url": "%1$s/hooks/down", "kinds": ["incident"]}]
          """
              .formatted(base));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new HashMap<>();
    config.put("suite.telegram.bot-token", TOKEN);
    config.put("suite.telegram.api-url", base);
    config.put("suite.telegram.chat-ids", CHAT_A + ", " + CHAT_B);
    config.put("suite.telegram.poll-timeout", "0s");
    config.put("suite.telegram.idle-pause", "200ms");
    config.put("suite.telegram.error-pause", "500ms");
    config.put("suite.risk.url", base);
    config.put("suite.execution.url", base);
    config.put("suite.webhooks-file", hooks.toAbsolutePath().toString());
    config.put("suite.delivery.max-attempts", "3");
    config.put("suite.delivery.initial-delay", "100ms");
    config.put("suite.delivery.max-delay", "400ms");
    config.put("suite.delivery.timeout", "5s");
    // topics outlive runs: older events of other runs are recorded but not told
    config.put("suite.notify.max-age", "30m");
    return config;
  }

  static void defaultStubs() {
    server.stubFor(
        post(urlPathEqualTo("/bot" + TOKEN + "/sendMessage"))
            .willReturn(okJson("{\"ok\": true, \"result\": {\"message_id\": 1}}")));
    server.stubFor(
        get(urlPathEqualTo("/bot" + TOKEN + "/getUpdates"))
            .willReturn(okJson("{\"ok\": true, \"result\": []}")));
    server.stubFor(post(urlPathEqualTo("/hooks/good")).willReturn(aResponse().withStatus(200)));
    server.stubFor(post(urlPathEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)));
    server.stubFor(
        post(urlPathEqualTo("/api/v1/circuit-breaker/enable"))
            .willReturn(okJson("{\"enabled\": true, \"reason\": \"stub\"}")));
    server.stubFor(
        post(urlPathEqualTo("/api/v1/circuit-breaker/disable"))
            .willReturn(okJson("{\"enabled\": false}")));
    server.stubFor(
        get(urlPathEqualTo("/api/v1/circuit-breaker")).willReturn(okJson("{\"enabled\": false}")));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop();
    }
  }
}
