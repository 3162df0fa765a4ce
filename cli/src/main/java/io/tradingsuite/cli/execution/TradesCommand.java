package io.tradingsuite.cli.execution;

import static io.tradingsuite.cli.execution.ExecutionCli.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite trades [--status open|closed]}: trades opened by entry fills and closed by exit
 * fills.
 */
@Command(name = "trades", description = "List trades (paper or live), newest first.")
public class TradesCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(names = "--status", description = "open or closed (default: both)")
  String status;

  @Option(
      names = "--limit",
      defaultValue = "50",
      description = "at most this many (default ${DEFAULT-VALUE})")
  int limit;

  @Option(names = "--json", description = "print the raw JSON")
  boolean raw;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (status != null && !status.equals("open") && !status.equals("closed")) {
      err.println("--status must be open or closed");
      return 2;
    }
    try {
      String q = "/trades?limit=" + limit + (status == null ? "" : "&status=" + status);
      JsonNode list = ExecutionCli.client(json).get(ExecutionCli.url(q));
      if (raw) {
        out.println(list.toPrettyString());
        return 0;
      }
      if (list.isEmpty()) {
        out.println("no trades");
      }
      out.printf(
          "%-30s %-14s %-6s %-20s %16s %16s %-20s %16s %14s %s%n",
          "trade_id",
          "pair",
          "status",
          "open_date",
          "open_rate",
          "amount",
          "close_date",
          "close_rate",
          "profit_abs",
          "exit_reason");
      for (JsonNode t : list) {
        out.printf(
            "%-30s %-14s %-6s %-20s %16s %16s %-20s %16s %14s %s%n",
            text(t, "trade_id"),
            text(t, "pair"),
            text(t, "status"),
            text(t, "open_date"),
            text(t, "open_rate"),
            text(t, "amount"),
            text(t, "close_date"),
            text(t, "close_rate"),
            text(t, "profit_abs"),
            t.hasNonNull("exit_reason") ? text(t, "exit_reason") : "");
      }
      return 0;
    } catch (ApiClient.ApiException e) {
      return ExecutionCli.fail(err, e);
    }
  }
}
