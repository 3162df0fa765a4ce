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

/** {@code ./suite balance}: the wallet, and whether it is paper or live. */
@Command(name = "balance", description = "Show the wallet (paper dry-run wallet or live bookings).")
public class BalanceCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(names = "--json", description = "print the raw JSON")
  boolean raw;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonNode b = ExecutionCli.client(json).get(ExecutionCli.url("/balance"));
      if (raw) {
        out.println(b.toPrettyString());
        return 0;
      }
      out.printf("mode:                 %s%n", text(b, "mode"));
      out.printf("stake currency:       %s%n", text(b, "stake_currency"));
      out.printf("starting balance:     %s%n", text(b, "starting_balance"));
      out.printf("free:                 %s%n", text(b, "free"));
      out.printf(
          "in open trades:       %s (%s trades)%n",
          text(b, "stake_in_open_trades"), text(b, "open_trades"));
      out.printf("realized profit:      %s%n", text(b, "realized_profit"));
      for (JsonNode c : b.path("currencies")) {
        out.printf("  %-8s %s%n", text(c, "currency"), text(c, "balance"));
      }
      out.println(text(b, "note"));
      return 0;
    } catch (ApiClient.ApiException e) {
      return ExecutionCli.fail(spec.commandLine().getErr(), e);
    }
  }
}
