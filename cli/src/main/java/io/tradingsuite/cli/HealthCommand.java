package io.tradingsuite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Readiness of every service, with the checks that are down and why. */
@Command(
    name = "health",
    description = "Ask every service for its readiness and list what is down.")
public class HealthCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ApiClient client = new ApiClient(json, null);
    int down = 0;
    for (Map.Entry<String, String> service : Endpoints.SERVICES.entrySet()) {
      String state;
      try {
        state = describe(client.get(service.getValue() + "/q/health/ready"));
      } catch (ApiClient.ApiException e) {
        // 503 carries the failing checks in its body, which the client already parsed into the
        // message
        state = e.status() == 503 ? "DOWN " + e.getMessage() : "unreachable: " + e.getMessage();
      }
      if (!state.startsWith("UP")) {
        down++;
      }
      spec.commandLine().getOut().printf("%-20s %s%n", service.getKey(), state);
    }
    return down == 0 ? 0 : 1;
  }

  private static String describe(JsonNode health) {
    return health.path("status").asText("UNKNOWN");
  }
}
