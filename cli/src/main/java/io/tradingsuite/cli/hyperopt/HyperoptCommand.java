package io.tradingsuite.cli.hyperopt;

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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite hyperopt}: starts a parameter search on strategy-service (Freqtrade's {@code
 * hyperopt} options), shows a progress bar with the best loss and ETA, prints new best epochs
 * (every epoch with {@code --print-all}) and finally the best parameters. Exit code 0 when done, 1
 * when failed, refused or cancelled, 2 when the request was rejected (the service names the bad
 * field).
 */
@Command(
    name = "hyperopt",
    mixinStandardHelpOptions = true,
    description = "Search strategy parameters (Freqtrade's hyperopt) and print the best epoch.")
public class HyperoptCommand implements Callable<Integer> {

  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Mixin MarketOptions market;

  @Option(
      names = {"--strategy", "-s"},
      required = true,
      description = "Strategy name (see ./suite strategies).")
  String strategy;

  @Option(
      names = "--spaces",
      arity = "1..*",
      description =
          "Spaces: buy sell roi stoploss trailing (or all / default; default: buy sell roi stoploss).")
  List<String> spaces = new ArrayList<>();

  @Option(
      names = {"--epochs", "-e"},
      description = "Epochs to evaluate (default 100).")
  Integer epochs;

  @Option(
      names = "--hyperopt-loss",
      description =
          "Loss function, e.g. SharpeHyperOptLoss (default), "
              + "SortinoHyperOptLoss, CalmarHyperOptLoss, OnlyProfitHyperOptLoss, ProfitDrawDownHyperOptLoss.")
  String loss;

  @Option(
      names = {"-j", "--job-workers"},
      description = "Threads evaluating epochs (-1 = all cores, the default).")
  Integer jobs;

  @Option(names = "--random-state", description = "Seed; the same seed gives the same epochs.")
  Long randomState;

  @Option(
      names = "--min-trades",
      description = "Epochs with fewer trades get the maximum loss (default 1).")
  Integer minTrades;

  @Option(names = "--sampler", description = "tpe (default) or random.")
  String sampler;

  @Option(names = "--print-all", description = "Print every epoch, not only new best ones.")
  boolean printAll;

  @Option(
      names = "--resume",
      description = "Continue the given .fthypt file (same options needed).")
  String resume;

  @Option(
      names = "--disable-param-export",
      description = "Do not write the best parameters to the strategy's parameter file.")
  boolean disableParamExport;

  @Option(names = "--dry-run-wallet", description = "Starting balance.")
  BigDecimal dryRunWallet;

  @Option(names = "--max-open-trades", description = "Open trades at once (-1 = unlimited).")
  Integer maxOpenTrades;

  @Option(names = "--fee", description = "Fee ratio per side, e.g. 0.001.")
  BigDecimal fee;

  @Option(names = "--poll-ms", defaultValue = "500", hidden = true)
  long pollMs;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiClient client = ApiClient.fromEnvironment(json);
    String base = Endpoints.strategy() + "/api/v1/hyperopts";
    JsonNode created;
    try {
      created = client.post(base, body());
    } catch (ApiClient.ApiException e) {
      err.println("hyperopt rejected: " + e.getMessage());
      return e.status() == 0 ? 1 : 2;
    }
    String id = created.path("id").asText();
    out.printf(
        Locale.ROOT,
        "hyperopt %s started (random_state %s), results in var/%s%n",
        id,
        created.path("random_state").asText(),
        created.path("file").asText());
    out.flush();
    // on Java 17, the release built for, console() is null exactly when not on a terminal
    @SuppressWarnings("SystemConsoleNull")
    boolean tty = System.console() != null;
    int printed = 0;
    JsonNode run;
    while (true) {
      try {
        run = client.get(base + "/" + id);
        for (JsonNode e : client.get(base + "/" + id + "/epochs?after=" + printed)) {
          printed = e.path("epoch").asInt();
          if (printAll || e.path("is_best").asBoolean()) {
            if (tty) {
              err.print("\r" + " ".repeat(100) + "\r");
            }
            out.println(epochLine(e));
            out.flush();
          }
        }
      } catch (ApiClient.ApiException e) {
        err.println();
        err.println("cannot follow hyperopt " + id + ": " + e.getMessage());
        return 1;
      }
      String status = run.path("status").asText();
      err.print((tty ? "\r" : "") + progressBar(run, 30) + (tty ? "" : "\n"));
      err.flush();
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
      err.println("hyperopt " + id + " " + status + ": " + run.path("detail").asText(""));
      if (!run.path("best").isMissingNode()) {
        out.print(bestReport(run));
      }
      return 1;
    }
    out.print(bestReport(run));
    out.flush();
    return 0;
  }

  static boolean isFinal(String status) {
    return !status.equals("queued") && !status.equals("running");
  }

  /** {@code [#######-------] 120/500 24% best -1.2345 12.3 epochs/s ETA 31s}. */
  static String progressBar(JsonNode run, int width) {
    int epoch = run.path("progress").path("epoch").asInt();
    int total = Math.max(1, run.path("progress").path("total").asInt());
    int filled = (int) Math.round(width * (double) epoch / total);
    StringBuilder b = new StringBuilder("[");
    b.append("#".repeat(Math.min(width, filled)))
        .append("-".repeat(Math.max(0, width - filled)))
        .append("] ");
    b.append(epoch).append('/').append(total).append(' ').append(epoch * 100 / total).append("% ");
    if (run.hasNonNull("best_loss")) {
      b.append(String.format(Locale.ROOT, "best %.5f ", run.path("best_loss").asDouble()));
    }
    if (run.hasNonNull("epochs_per_second")) {
      b.append(
          String.format(Locale.ROOT, "%.1f epochs/s ", run.path("epochs_per_second").asDouble()));
    }
    if (run.hasNonNull("eta_seconds") && "running".equals(run.path("status").asText())) {
      b.append("ETA ").append(run.path("eta_seconds").asLong()).append("s ");
    }
    b.append(run.path("status").asText());
    return b.toString();
  }

  static String epochLine(JsonNode e) {
    return String.format(
        Locale.ROOT,
        "%s%5d  loss %12.5f  %s",
        e.path("is_best").asBoolean() ? "* " : "  ",
        e.path("epoch").asInt(),
        e.path("loss").asDouble(),
        e.path("results_explanation").asText());
  }

  static String bestReport(JsonNode run) {
    StringBuilder b = new StringBuilder();
    JsonNode best = run.path("best");
    if (best.isMissingNode()) {
      return "no epoch finished\n";
    }
    b.append(
        String.format(
            Locale.ROOT,
            "Best result:%n  %5d/%d: %s  Objective: %.5f%n",
            best.path("epoch").asInt(),
            run.path("progress").path("total").asInt(),
            best.path("results_explanation").asText(),
            best.path("loss").asDouble()));
    best.path("params")
        .fields()
        .forEachRemaining(
            space -> {
              b.append("    # ").append(space.getKey()).append('\n');
              space
                  .getValue()
                  .fields()
                  .forEachRemaining(
                      p ->
                          b.append("    ")
                              .append(p.getKey())
                              .append(" = ")
                              .append(p.getValue().toString())
                              .append('\n'));
            });
    if (run.hasNonNull("params_file")) {
      b.append("Parameters written to var/")
          .append(run.path("params_file").asText())
          .append(" (backtests and bots of this strategy use them)\n");
    }
    b.append("Epochs in var/").append(run.path("file").asText()).append('\n');
    return b.toString();
  }

  Map<String, Object> body() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("strategy", strategy);
    if (!spaces.isEmpty()) {
      b.put("spaces", spaces);
    }
    putIf(b, "epochs", epochs);
    putIf(b, "loss", loss);
    putIf(b, "jobs", jobs);
    putIf(b, "random_state", randomState);
    putIf(b, "min_trades", minTrades);
    putIf(b, "sampler", sampler);
    putIf(b, "resume", resume);
    if (disableParamExport) {
      b.put("disable_param_export", true);
    }
    if (!market.pairs.isEmpty()) {
      b.put("pairs", market.pairs);
    }
    putIf(b, "timeframe", market.timeframe);
    putIf(b, "timerange", market.timerange);
    putIf(b, "exchange", market.exchange);
    if (market.stakeAmount != null) {
      b.put(
          "stake_amount",
          market.stakeAmount.equalsIgnoreCase("unlimited")
              ? "unlimited"
              : new BigDecimal(market.stakeAmount));
    }
    putIf(b, "dry_run_wallet", dryRunWallet);
    putIf(b, "max_open_trades", maxOpenTrades);
    putIf(b, "fee", fee);
    return b;
  }

  private static void putIf(Map<String, Object> b, String k, Object v) {
    if (v != null) {
      b.put(k, v);
    }
  }
}
