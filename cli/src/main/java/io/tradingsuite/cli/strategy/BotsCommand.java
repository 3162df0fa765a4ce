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
 * {@code ./suite bots}: the live bots, the last candle each has seen per pair, and their open
 * trades.
 */
@Command(
    name = "bots",
    mixinStandardHelpOptions = true,
    description = "Show the live bots and their open trades.")
public class BotsCommand implements Callable<Integer> {

  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode bots;
    try {
      bots = new ApiClient(json, null).get(Endpoints.strategy() + "/api/v1/bots");
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("cannot list bots: " + e.getMessage());
      return 1;
    }
    if (bots.isEmpty()) {
      out.println("no bots configured (SUITE_BOTS)");
    }
    for (JsonNode b : bots) {
      out.printf(
          "%s: %s %s on %s, stake %s%n",
          b.path("name").asText(),
          b.path("strategy").asText(),
          b.path("timeframe").asText(),
          b.path("exchange").asText(),
          b.path("stake_amount").asText());
      for (JsonNode m : b.path("markets")) {
        out.printf(
            "    %-14s last candle %s%n",
            m.path("pair").asText(),
            m.path("last_candle").isNull() ? "-" : m.path("last_candle").asText());
      }
      for (JsonNode t : b.path("open_trades")) {
        out.printf(
            "    open trade %s %s: %s @ %s since %s%n",
            t.path("trade_id").asText(),
            t.path("pair").asText(),
            t.path("amount").asText(),
            t.path("open_rate").asText(),
            t.path("opened_at").asText());
      }
    }
    out.flush();
    return 0;
  }
}
