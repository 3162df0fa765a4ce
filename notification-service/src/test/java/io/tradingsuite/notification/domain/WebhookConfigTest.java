package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {
  @Test
  void readsEndpointsWithKindsTemplatesAndHeaders() {
    List<WebhookEndpoint> hooks =
        WebhookConfig.parse(
            """
        [{"name": "ops", "url": "https://hooks.example/abc", "kinds": ["entry_fill", "exit-fill"],
          "template": "{\\"t\\": \\"${text}\\"}", "headers": {"Authorization": "Bearer s"}},
         {"name": "all", "url": "http://127.0.0.1:9/x", "kinds": ["*"]}]""");
    assertThat(hooks).hasSize(2);
    assertThat(hooks.get(0).kinds())
        .containsExactlyInAnyOrder(NotificationKind.ENTRY_FILL, NotificationKind.EXIT_FILL);
    assertThat(hooks.get(0).wants(NotificationKind.INCIDENT)).isFalse();
    assertThat(hooks.get(0).headers()).containsEntry("Authorization", "Bearer s");
    assertThat(hooks.get(1).wants(NotificationKind.INCIDENT)).isTrue();

    Notification n =
        Notification.of(
            NotificationKind.TEST, "x1", Severity.INFO, "Test", "a \"b\"", Map.of(), Instant.EPOCH);
    assertThat(WebhookConfig.body(hooks.get(0), n)).isEqualTo("{\"t\": \"a \\\"b\\\"\"}");
    assertThat(WebhookConfig.body(hooks.get(1), n))
        .contains("\"kind\":\"test\"")
        .contains("\"source_id\":\"x1\"");
  }

  @Test
  void mistakesNameTheEndpointAndFieldButNeverTheUrl() {
    assertThatThrownBy(
            () -> WebhookConfig.parse("[{\"name\": \"a\", \"url\": \"ftp://secret-host/x\"}]"))
        .hasMessage("suite.webhooks[a].url: must be an http(s) URL");
    assertThatThrownBy(
            () ->
                WebhookConfig.parse(
                    "[{\"name\": \"a\", \"url\": \"https://h/x\", \"kinds\": [\"fills\"]}]"))
        .hasMessageStartingWith("suite.webhooks[a].kinds: unknown kind");
    assertThatThrownBy(
            () ->
                WebhookConfig.parse(
                    "[{\"name\": \"a\", \"url\": \"https://h/x\", \"template\": \"{oops\"}]"))
        .hasMessageStartingWith("suite.webhooks[a].template: does not render to JSON");
    assertThatThrownBy(() -> WebhookConfig.parse("[{\"url\": \"https://h/x\"}]"))
        .hasMessage("suite.webhooks[0].name: is required");
    assertThatThrownBy(() -> WebhookConfig.parse("{}")).hasMessageContaining("array");
    assertThat(WebhookConfig.parse("  ")).isEmpty();
  }
}
