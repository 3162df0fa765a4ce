package io.tradingsuite.cli.execution;

import static io.tradingsuite.cli.execution.ExecutionCli.text;

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

/**
 * {@code ./suite orders [--state S] [--trade ID] [--limit N]}: execution-service's orders, newest
 * first.
 */
@Command(
    name = "orders",
    description =
        "List orders (entries, exits and the protective stop/take-profit legs), newest first.")
public class OrdersCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(
      names = "--state",
      description = "open, sent, unknown, partially_filled, filled, rejected, canceled")
  String state;

  @Option(names = "--trade", description = "only the orders of this trade id")
  String trade;

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
    if (state != null) {
      q.add("state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
    }
    if (trade != null) {
      q.add("trade_id=" + URLEncoder.encode(trade, StandardCharsets.UTF_8));
    }
    q.add("limit=" + limit);
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonNode list =
          ExecutionCli.client(json).get(ExecutionCli.url("/orders?" + String.join("&", q)));
      if (raw) {
        out.println(list.toPrettyString());
        return 0;
      }
      if (list.isEmpty()) {
        out.println("no orders");
      }
      out.printf(
          "%-36s %-14s %-4s %-11s %-16s %18s %18s %s%n",
          "client_order_id",
          "pair",
          "side",
          "type",
          "state",
          "amount",
          "price",
          "exit_reason / reason");
      for (JsonNode o : list) {
        String price = o.hasNonNull("average_price") ? text(o, "average_price") : text(o, "price");
        String why =
            o.hasNonNull("exit_reason")
                ? text(o, "exit_reason")
                : o.hasNonNull("reason") ? text(o, "reason") : "";
        out.printf(
            "%-36s %-14s %-4s %-11s %-16s %18s %18s %s%n",
            text(o, "client_order_id"),
            text(o, "pair"),
            text(o, "side"),
            text(o, "type"),
            text(o, "state"),
            o.hasNonNull("filled_amount") ? text(o, "filled_amount") : text(o, "amount"),
            price,
            why);
      }
      return 0;
    } catch (ApiClient.ApiException e) {
      return ExecutionCli.fail(spec.commandLine().getErr(), e);
    }
  }
}
