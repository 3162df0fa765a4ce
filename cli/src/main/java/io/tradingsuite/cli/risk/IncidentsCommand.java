package io.tradingsuite.cli.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./suite incidents [--since T] [--kind K] [--limit N]}: risk incidents, newest first. */
@Command(
    name = "incidents",
    description = "List risk incidents (circuit breaker, locks, backtest drawdowns), newest first.")
public class IncidentsCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(
      names = "--since",
      description = "ISO time or date, e.g. 2024-01-01 or 2024-01-01T12:00:00Z")
  String since;

  @Option(
      names = "--kind",
      description = "circuit_breaker, protection_lock, backtest_drawdown, lease_expired, ...")
  String kind;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "at most this many (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print the raw JSON")
  boolean raw;

  @Override
  public Integer call() {
    List<String> q = new ArrayList<>();
    if (since != null) {
      q.add("since=" + URLEncoder.encode(since, StandardCharsets.UTF_8));
    }
    if (kind != null) {
      q.add("kind=" + URLEncoder.encode(kind, StandardCharsets.UTF_8));
    }
    q.add("limit=" + limit);
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonNode list = RiskCli.client(json).get(RiskCli.url("/incidents?" + String.join("&", q)));
      if (raw) {
        out.println(list.toPrettyString());
        return 0;
      }
      if (list.isEmpty()) {
        out.println("no incidents");
      }
      for (JsonNode i : list) {
        out.printf(
            "%s  %-8s %-18s %s%n",
            i.path("at").asText(),
            i.path("severity").asText(),
            i.path("kind").asText(),
            i.path("message").asText());
        if (i.hasNonNull("rule")) {
          out.printf("    rule: %s%n", i.path("rule").asText());
        }
        if (i.path("context").size() > 0) {
          List<String> kv = new ArrayList<>();
          i.path("context")
              .fields()
              .forEachRemaining(e -> kv.add(e.getKey() + "=" + e.getValue().asText()));
          out.printf("    %s%n", String.join(" ", kv));
        }
        if (i.hasNonNull("correlation_id")) {
          out.printf("    correlation_id: %s%n", i.path("correlation_id").asText());
        }
      }
      return 0;
    } catch (ApiClient.ApiException e) {
      return RiskCli.fail(spec.commandLine().getErr(), e);
    }
  }
}
