package io.tradingsuite.notification.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the webhook endpoints from JSON ({@code SUITE_WEBHOOKS} or the file {@code
 * SUITE_WEBHOOKS_FILE}):
 *
 * <pre>
 * [{"name": "ops", "url": "https://hooks.example/abc", "kinds": ["entry_fill", "exit_fill"],
 *   "template": "{\"text\": \"${text}\", \"pair\": \"${pair}\"}", "headers": {"Authorization": "Bearer ..."}}]
 * </pre>
 *
 * {@code kinds} missing, empty or {@code ["*"]} means every kind. A mistake fails the start with a
 * message naming the endpoint and field, never with the url or headers (they may hold secrets).
 */
public final class WebhookConfig {
  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookConfig() {}

  public static List<WebhookEndpoint> parse(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "suite.webhooks: not valid JSON (" + e.getOriginalMessage() + ")");
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("suite.webhooks: must be a JSON array of endpoints");
    }
    List<WebhookEndpoint> out = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode e : root) {
      String where = "suite.webhooks[" + index++ + "]";
      String name = e.path("name").asText("");
      if (name.isBlank()) {
        throw new IllegalArgumentException(where + ".name: is required");
      }
      where = "suite.webhooks[" + name + "]";
      if (!names.add(name)) {
        throw new IllegalArgumentException(where + ".name: is used twice");
      }
      String url = e.path("url").asText("");
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(where + ".url: is not a valid URL");
      }
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException(where + ".url: must be an http(s) URL");
      }
      Set<NotificationKind> kinds = EnumSet.noneOf(NotificationKind.class);
      for (JsonNode k : e.path("kinds")) {
        if (k.asText().equals("*")) {
          kinds.clear();
          break;
        }
        kinds.add(
            NotificationKind.parse(k.asText())
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "suite.webhooks["
                                + name
                                + "].kinds: unknown kind "
                                + k
                                + " (known: "
                                + NotificationKind.allIds()
                                + ")")));
      }
      JsonTemplate template = null;
      if (e.hasNonNull("template")) {
        String text =
            e.get("template").isTextual()
                ? e.get("template").asText()
                : e.get("template").toString();
        template = new JsonTemplate(text);
        try {
          JSON.readTree(template.renderSample("0"));
        } catch (JsonProcessingException ex) {
          throw new IllegalArgumentException(
              where + ".template: does not render to JSON (" + ex.getOriginalMessage() + ")");
        }
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = e.path("headers").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> h = it.next();
        headers.put(h.getKey(), h.getValue().asText());
      }
      out.add(new WebhookEndpoint(name, url, Set.copyOf(kinds), template, Map.copyOf(headers)));
    }
    return List.copyOf(out);
  }

  /** The body for {@code endpoint}: its template rendered, or all fields as one JSON object. */
  public static String body(WebhookEndpoint endpoint, Notification n) {
    if (endpoint.template() != null) {
      return endpoint.template().render(n.fields());
    }
    try {
      return JSON.writeValueAsString(n.fields());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
