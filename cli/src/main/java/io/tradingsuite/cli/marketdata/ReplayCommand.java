package io.tradingsuite.cli.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite replay}: publish stored candles to market.candles.v1; follow or cancel a replay.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replay stored candles into the pipeline (market.candles.v1).",
      "  ./suite replay --exchange sample --pairs BTC/USDT ETH/USDT --timeframe 5m --speed 600",
      "  ./suite replay --status ID      ./suite replay --cancel ID      ./suite replay --list"
    })
public class ReplayCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Option(
      names = "--exchange",
      description = "Exchange id of the stored candles (sample = the synthetic offline set).")
  String exchange;

  @Option(names = "--pairs", arity = "1..*", description = "Pairs, e.g. BTC/USDT ETH/USDT.")
  List<String> pairs;

  @Option(names = "--timeframe", defaultValue = "5m", description = "Timeframe (default 5m).")
  String timeframe;

  @Option(
      names = "--from",
      description = "First open time: 2024-01-01T00:00:00Z, 20240101 or epoch ms (default: all).")
  String from;

  @Option(names = "--to", description = "End (exclusive), same forms (default: all).")
  String to;

  @Option(
      names = "--speed",
      defaultValue = "max",
      description = "Multiple of real time (60 = a 5m candle every 5 s) or max (default).")
  String speed;

  @Option(names = "--status", paramLabel = "ID", description = "Show a replay's progress.")
  String status;

  @Option(names = "--cancel", paramLabel = "ID", description = "Cancel a replay.")
  String cancel;

  @Option(names = "--list", description = "List replays.")
  boolean list;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MarketDataClient client = new MarketDataClient(json);
    try {
      if (list) {
        for (JsonNode r : client.api.get(MarketDataClient.url("/api/v1/replays", Map.of()))) {
          print(out, r);
        }
        return 0;
      }
      if (status != null) {
        print(out, client.api.get(MarketDataClient.url("/api/v1/replays/" + status, Map.of())));
        return 0;
      }
      if (cancel != null) {
        print(out, client.api.delete(MarketDataClient.url("/api/v1/replays/" + cancel, Map.of())));
        return 0;
      }
      if (exchange == null || pairs == null || pairs.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println("replay: give --exchange and --pairs, or --status/--cancel ID, or --list");
        return 2;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("exchange", exchange);
      body.put("pairs", pairs);
      body.put("timeframe", timeframe);
      body.put("from", from);
      body.put("to", to);
      body.put("speed", speed);
      print(out, client.api.post(MarketDataClient.url("/api/v1/replays", Map.of()), body));
      return 0;
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println("replay: " + e.getMessage());
      return 1;
    }
  }

  private static void print(PrintWriter out, JsonNode r) {
    out.printf(
        "%s %-9s %s %s %s: %d/%d published%s%n",
        r.path("id").asText(),
        r.path("status").asText(),
        r.path("exchange").asText(),
        r.path("pairs"),
        r.path("timeframe").asText(),
        r.path("published").asLong(),
        r.path("total").asLong(),
        r.hasNonNull("error") ? " - " + r.path("error").asText() : "");
  }
}
