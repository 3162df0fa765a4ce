package io.tradingsuite.cli.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;

/**
 * Shared bits of the risk verbs: the client (API key from SUITE_API_KEY) and plain-text printing.
 */
final class RiskCli {
  private RiskCli() {}

  static ApiClient client(ObjectMapper json) {
    return ApiClient.fromEnvironment(json);
  }

  static String url(String path) {
    return Endpoints.risk() + "/api/v1" + path;
  }

  static int fail(PrintWriter err, ApiClient.ApiException e) {
    err.println(e.describe("risk-service"));
    return 1;
  }

  static void printCircuitBreaker(PrintWriter out, JsonNode cb) {
    boolean enabled = cb.path("enabled").asBoolean();
    out.printf(
        "circuit breaker: %s%n",
        enabled ? "ENABLED (entries halted; exits still pass)" : "disabled");
    out.printf("trading state:   %s%n", cb.path("trading_state").asText("?"));
    if (cb.hasNonNull("reason")) {
      out.printf("reason:          %s%n", cb.path("reason").asText());
    }
    if (cb.hasNonNull("changed_at")) {
      out.printf("since:           %s%n", cb.path("changed_at").asText());
    }
    if (enabled) {
      out.printf(
          "until:           %s%n",
          cb.hasNonNull("until")
              ? cb.path("until").asText()
                  + " ("
                  + cb.path("remaining_seconds").asLong()
                  + " s left)"
              : "disabled by hand");
    }
    out.printf(
        "backtests while enabled: %s (RISK_ALLOW_WHEN_CB)%n",
        cb.path("allow_when_cb").asBoolean() ? "allowed" : "refused");
  }

  static void printObject(PrintWriter out, String indent, JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isContainerNode()) {
        out.printf("%s%s:%n", indent, e.getKey());
        if (e.getValue().isArray()) {
          for (JsonNode item : e.getValue()) {
            out.printf("%s  -%n", indent);
            if (item.isObject()) {
              printObject(out, indent + "    ", item);
            } else {
              out.printf("%s    %s%n", indent, item.asText());
            }
          }
        } else {
          printObject(out, indent + "  ", e.getValue());
        }
      } else {
        out.printf("%s%s: %s%n", indent, e.getKey(), e.getValue().asText());
      }
    }
  }
}
