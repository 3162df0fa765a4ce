package io.tradingsuite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What an operator wants at a glance: trading state, wallet, profit and the open trades. */
@Command(
    name = "summary",
    description = "Circuit breaker, balance, profit and open trades of the running suite.")
public class SummaryCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ApiClient client = new ApiClient(json, null);
    int failures = 0;
    try {
      JsonNode cb = client.get(Endpoints.risk() + "/api/v1/circuit-breaker");
      out.printf(
          "trading state: %s   circuit breaker: %s%s%n",
          cb.path("trading_state").asText("?"),
          cb.path("enabled").asBoolean() ? "OPEN (" + cb.path("reason").asText() + ")" : "closed",
          cb.hasNonNull("until") ? " until " + cb.path("until").asText() : "");
    } catch (ApiClient.ApiException e) {
      out.println("circuit breaker: unknown (" + e.getMessage() + ")");
      failures++;
    }
    try {
      JsonNode b = client.get(Endpoints.execution() + "/api/v1/balance");
      out.printf(
          "wallet (%s): free %s %s, in open trades %s, realized profit %s, open trades %d%n",
          b.path("mode").asText(),
          b.path("free").asText(),
          b.path("stake_currency").asText(),
          b.path("stake_in_open_trades").asText(),
          b.path("realized_profit").asText(),
          b.path("open_trades").asInt());
      JsonNode open = client.get(Endpoints.execution() + "/api/v1/trades?status=open");
      JsonNode closed = client.get(Endpoints.execution() + "/api/v1/trades?status=closed");
      out.printf("closed trades: %d%n", closed.size());
      if (open.size() > 0) {
        out.printf(
            "%-26s %-12s %-20s %-16s %-16s %-16s%n",
            "TRADE", "PAIR", "OPENED", "OPEN RATE", "STOP", "STAKE");
        for (JsonNode t : open) {
          out.printf(
              "%-26s %-12s %-20s %-16s %-16s %-16s%n",
              t.path("trade_id").asText(),
              t.path("pair").asText(),
              t.path("open_date").asText(),
              t.path("open_rate").asText(),
              t.path("stop_price").asText("-"),
              t.path("stake_amount").asText());
        }
      }
    } catch (ApiClient.ApiException e) {
      out.println("wallet and trades: unknown (" + e.getMessage() + ")");
      failures++;
    }
    return failures == 0 ? 0 : 1;
  }
}
