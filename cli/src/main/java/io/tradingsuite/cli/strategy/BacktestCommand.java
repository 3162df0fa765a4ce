package io.tradingsuite.cli.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import io.tradingsuite.cli.MarketOptions;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite backtest}: starts a backtest on strategy-service, shows a progress bar while it
 * runs and prints Freqtrade-like summary tables. Exit code 0 when done, 1 when failed or refused
 * (risk-service's reason is printed), 2 when the request was rejected.
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = "Backtest a strategy on stored candles and print Freqtrade-like summary tables.")
public class BacktestCommand implements Callable<Integer> {

  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Mixin MarketOptions market;

  @Option(
      names = "--strategy",
      required = true,
      description = "Strategy name (see ./suite strategies).")
  String strategy;

  @Option(
      names = "--param",
      description = "Strategy parameter k=v (repeatable), e.g. --param fast=8.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--dry-run-wallet", description = "Starting balance.")
  BigDecimal dryRunWallet;

  @Option(names = "--max-open-trades", description = "Open trades at once (-1 = unlimited).")
  Integer maxOpenTrades;

  @Option(names = "--fee", description = "Fee ratio per side, e.g. 0.001.")
  BigDecimal fee;

  @Option(names = "--stoploss", description = "Stoploss ratio, e.g. -0.10.")
  BigDecimal stoploss;

  @Option(names = "--enable-protections", description = "Apply the strategy's protections.")
  Boolean enableProtections;

  @Option(names = "--json", description = "Print the result as JSON instead of tables.")
  boolean printJson;

  @Option(names = "--poll-ms", defaultValue = "500", hidden = true)
  long pollMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiClient client = ApiClient.fromEnvironment(json);
    String base = Endpoints.strategy() + "/api/v1/backtests";
    String id;
    try {
      id = client.post(base, body()).path("id").asText();
    } catch (ApiClient.ApiException e) {
      err.println("backtest rejected: " + e.getMessage());
      return e.status() == 0 ? 1 : 2;
    }
    JsonNode run;
    // on Java 17, the release built for, console() is null exactly when not on a terminal
    @SuppressWarnings("SystemConsoleNull")
    boolean tty = System.console() != null;
    int lastShown = -1;
    while (true) {
      try {
        run = client.get(base + "/" + id);
      } catch (ApiClient.ApiException e) {
        err.println();
        err.println("cannot follow backtest " + id + ": " + e.getMessage());
        return 1;
      }
      String status = run.path("status").asText();
      int progress = run.path("progress").asInt();
      if (tty || progress / 10 != lastShown / 10 || isFinal(status)) {
        err.print(
            (tty ? "\r" : "")
                + BacktestReport.progressBar(progress, status, 30)
                + (tty ? "" : "\n"));
        err.flush();
        lastShown = progress;
      }
      if (isFinal(status)) {
        break;
      }
      Thread.sleep(pollMs);
    }
    if (tty) {
      err.println();
    }
    String status = run.path("status").asText();
    if (!"done".equals(status)) {
      err.println("backtest " + id + " " + status + ": " + run.path("detail").asText(""));
      return 1;
    }
    if (printJson) {
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(run.path("result")));
    } else {
      out.print(BacktestReport.render(run.path("result")));
      out.println(
          "Result file: " + run.path("artifact").asText() + " (under the suite's var/ directory)");
    }
    out.flush();
    return 0;
  }

  private static boolean isFinal(String status) {
    return status.equals("done") || status.equals("failed") || status.equals("refused");
  }

  Map<String, Object> body() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("strategy", strategy);
    if (!params.isEmpty()) {
      Map<String, Object> p = new LinkedHashMap<>();
      params.forEach((k, v) -> p.put(k, value(v)));
      b.put("params", p);
    }
    putIf(b, "exchange", market.exchange);
    List<String> ps = new ArrayList<>();
    market.pairs.forEach(p -> ps.add(p.trim().toUpperCase(java.util.Locale.ROOT)));
    if (!ps.isEmpty()) {
      b.put("pairs", ps);
    }
    putIf(b, "timeframe", market.timeframe);
    putIf(b, "timerange", market.timerange);
    if (market.stakeAmount != null) {
      b.put(
          "stake_amount",
          "unlimited".equalsIgnoreCase(market.stakeAmount)
              ? "unlimited"
              : value(market.stakeAmount));
    }
    putIf(b, "dry_run_wallet", dryRunWallet);
    putIf(b, "max_open_trades", maxOpenTrades);
    putIf(b, "fee", fee);
    putIf(b, "stoploss", stoploss);
    putIf(b, "enable_protections", enableProtections);
    return b;
  }

  private static void putIf(Map<String, Object> b, String k, Object v) {
    if (v != null) {
      b.put(k, v);
    }
  }

  /** {@code 8} → number, {@code true} → boolean, anything else as text (the service validates). */
  static Object value(String raw) {
    String v = raw.trim();
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    try {
      return new BigDecimal(v);
    } catch (NumberFormatException e) {
      return v;
    }
  }
}
