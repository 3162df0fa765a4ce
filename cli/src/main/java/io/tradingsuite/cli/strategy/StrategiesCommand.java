package io.tradingsuite.cli.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite strategies}: the strategies strategy-service can run, with their parameters and
 * defaults.
 */
@Command(
    name = "strategies",
    mixinStandardHelpOptions = true,
    description = "List the strategies with timeframe, stoploss and hyperoptable parameters.")
public class StrategiesCommand implements Callable<Integer> {

  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode list;
    try {
      list = new ApiClient(json, null).get(Endpoints.strategy() + "/api/v1/strategies");
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("cannot list strategies: " + e.getMessage());
      return 1;
    }
    for (JsonNode s : list) {
      out.printf(
          "%s  (timeframe %s, stoploss %s, minimal_roi %s, startup %s candles)%n",
          s.path("name").asText(),
          s.path("timeframe").asText(),
          s.path("stoploss").asText(),
          s.path("minimal_roi"),
          s.path("startup_candle_count").asText());
      for (JsonNode p : s.path("parameters")) {
        String range =
            p.hasNonNull("choices")
                ? p.path("choices").toString()
                : p.hasNonNull("low")
                    ? "[" + p.path("low").asText() + ", " + p.path("high").asText() + "]"
                    : "";
        out.printf(
            "    %-16s %-11s %-4s default %-8s %s%n",
            p.path("name").asText(),
            p.path("kind").asText(),
            p.path("space").asText(),
            p.path("default_value").asText(),
            range);
      }
    }
    out.flush();
    return 0;
  }
}
