package io.tradingsuite.cli.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite dca add|list|show|remove|simulate}: dollar-cost-averaging plans in
 * strategy-service ({@code /api/v1/dca-plans}), the successor of the old {@code dca_scheduler.py}.
 */
@Command(
    name = "dca",
    mixinStandardHelpOptions = true,
    description = "Dollar-cost-averaging plans: scheduled buys that go through risk-service.",
    subcommands = {
      DcaCommand.Add.class,
      DcaCommand.ListPlans.class,
      DcaCommand.Show.class,
      DcaCommand.Remove.class,
      DcaCommand.Simulate.class
    })
public class DcaCommand implements Callable<Integer> {

  static final String PATH = "/api/v1/dca-plans";
  private static final Pattern EVERY =
      Pattern.compile("(\\d{1,5})\\s*(h|hours?|d|days?)", Pattern.CASE_INSENSITIVE);

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  static String url(String suffix) {
    return Endpoints.strategy() + PATH + suffix;
  }

  static int fail(PrintWriter err, ApiClient.ApiException e) {
    err.println(e.describe("strategy-service"));
    return 1;
  }

  /**
   * {@code 6h}, {@code 12 hours}, {@code 1d}, {@code 3days} → {@code {"every": N, "unit": ...}}.
   */
  static Map<String, Object> every(String text) {
    Matcher m = EVERY.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "--every: expected a number of hours or days like 6h or 1d (was " + text + ")");
    }
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("every", Integer.parseInt(m.group(1)));
    s.put("unit", m.group(2).toLowerCase(Locale.ROOT).startsWith("h") ? "hours" : "days");
    return s;
  }

  /** The schedule: exactly one of --cron and --every. */
  static class Schedule {
    @Option(
        names = "--cron",
        required = true,
        description = "five-field cron in UTC, e.g. \"0 9 * * 1\" (Mondays 09:00) or @daily")
    String cron;

    @Option(
        names = "--every",
        required = true,
        description = "every N hours or days from the start, e.g. 6h or 1d")
    String every;
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a plan.")
  static class Add implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Option(names = "--pair", required = true, description = "BASE/QUOTE, e.g. BTC/USDT")
    String pair;

    @Option(
        names = {"--stake", "--stake-amount"},
        required = true,
        description = "quote currency per buy, e.g. 25")
    BigDecimal stake;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Schedule schedule;

    @Option(names = "--exchange", description = "default: the suite's default exchange")
    String exchange;

    @Option(
        names = "--timeframe",
        description = "candles of the signals and of the dip's average (default 5m)")
    String timeframe;

    @Option(names = "--start", description = "ISO time or date (default: now)")
    String start;

    @Option(names = "--end", description = "ISO time or date (default: no end)")
    String end;

    @Option(
        names = "--dip-multiplier",
        description = "buy the dip: multiply the stake when the close is below the moving average")
    BigDecimal dipMultiplier;

    @Option(names = "--dip-ma-period", description = "candles of the moving average (default 20)")
    Integer dipMaPeriod;

    Map<String, Object> body() {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("pair", pair.toUpperCase(Locale.ROOT));
      b.put("stake_amount", stake);
      b.put("schedule", schedule.cron != null ? schedule.cron : every(schedule.every));
      if (exchange != null) {
        b.put("exchange", exchange);
      }
      if (timeframe != null) {
        b.put("timeframe", timeframe);
      }
      if (start != null) {
        b.put("start", start);
      }
      if (end != null) {
        b.put("end", end);
      }
      if (dipMultiplier != null || dipMaPeriod != null) {
        Map<String, Object> dip = new LinkedHashMap<>();
        dip.put("multiplier", dipMultiplier);
        if (dipMaPeriod != null) {
          dip.put("ma_period", dipMaPeriod);
        }
        b.put("buy_the_dip", dip);
      }
      return b;
    }

    @Override
    public Integer call() {
      Map<String, Object> body;
      try {
        body = body();
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println(e.getMessage());
        return 2;
      }
      try {
        JsonNode plan = ApiClient.fromEnvironment(json).post(url(""), body);
        PrintWriter out = spec.commandLine().getOut();
        out.println("created DCA plan " + plan.path("id").asText());
        printPlan(out, plan);
        out.flush();
        return 0;
      } catch (ApiClient.ApiException e) {
        return fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the plans.")
  static class ListPlans implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        JsonNode plans = ApiClient.fromEnvironment(json).get(url(""));
        PrintWriter out = spec.commandLine().getOut();
        out.print(table(plans));
        out.flush();
        return 0;
      } catch (ApiClient.ApiException e) {
        return fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "One plan with its history (buys, risk decisions, fills, missed due times).")
  static class Show implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "plan id")
    String id;

    @Option(names = "--limit", defaultValue = "20", description = "history rows (newest first)")
    int limit;

    @Override
    public Integer call() {
      try {
        JsonNode plan = ApiClient.fromEnvironment(json).get(url("/" + id + "?limit=" + limit));
        PrintWriter out = spec.commandLine().getOut();
        printPlan(out, plan);
        out.print(history(plan));
        out.flush();
        return 0;
      } catch (ApiClient.ApiException e) {
        return fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Stop a plan (its history is kept).")
  static class Remove implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "plan id")
    String id;

    @Override
    public Integer call() {
      try {
        ApiClient.fromEnvironment(json).delete(url("/" + id));
        spec.commandLine().getOut().println("removed DCA plan " + id);
        spec.commandLine().getOut().flush();
        return 0;
      } catch (ApiClient.ApiException e) {
        return fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description = "Backtest a plan over stored candles before (or while) it runs.")
  static class Simulate implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "plan id")
    String id;

    @Option(names = "--timerange", description = "Freqtrade timerange, e.g. 20240101-20240601")
    String timerange;

    @Option(names = "--fee", description = "fee ratio per buy, e.g. 0.001 (default 0)")
    BigDecimal fee;

    Map<String, Object> body() {
      Map<String, Object> b = new LinkedHashMap<>();
      if (timerange != null) {
        b.put("timerange", timerange);
      }
      if (fee != null) {
        b.put("fee", fee);
      }
      return b;
    }

    @Override
    public Integer call() {
      try {
        JsonNode r = ApiClient.fromEnvironment(json).post(url("/" + id + "/simulate"), body());
        PrintWriter out = spec.commandLine().getOut();
        out.print(simulation(r));
        out.flush();
        return 0;
      } catch (ApiClient.ApiException e) {
        return fail(spec.commandLine().getErr(), e);
      }
    }
  }

  // ------------------------------------------------------------------ printing

  static String schedule(JsonNode s) {
    if (s.hasNonNull("cron")) {
      return "cron " + s.get("cron").asText();
    }
    return "every " + s.path("every").asText() + " " + s.path("unit").asText();
  }

  static void printPlan(PrintWriter out, JsonNode p) {
    out.printf(
        "%s: %s on %s, %s per buy, %s (UTC), %s%n",
        p.path("id").asText(),
        p.path("pair").asText(),
        p.path("exchange").asText(),
        p.path("stake_amount").asText(),
        schedule(p.path("schedule")),
        p.path("status").asText());
    out.printf(
        "    from %s%s, next due %s%n",
        p.path("start").asText(),
        p.hasNonNull("end") ? " to " + p.path("end").asText() : "",
        p.hasNonNull("next_due_at") ? p.path("next_due_at").asText() : "-");
    JsonNode dip = p.path("buy_the_dip");
    if (dip.isObject()) {
      out.printf(
          "    buy the dip: x%s below SMA(%s) of %s candles%n",
          dip.path("multiplier").asText(),
          dip.path("ma_period").asText(),
          p.path("timeframe").asText());
    }
    JsonNode s = p.path("summary");
    if (s.isObject()) {
      out.printf(
          "    buys sent %s, approved %s, denied %s, filled %s, missed %s; average entry %s%n",
          s.path("buys_sent").asText(),
          s.path("approved").asText(),
          s.path("denied").asText(),
          s.path("filled").asText(),
          s.path("missed").asText(),
          s.hasNonNull("average_entry_price") ? s.path("average_entry_price").asText() : "-");
    }
  }

  static String table(JsonNode plans) {
    StringBuilder sb = new StringBuilder();
    if (plans.isEmpty()) {
      return "no DCA plans (./suite dca add --pair BTC/USDT --stake 25 --every 1d)\n";
    }
    sb.append(
        String.format(
            "%-14s %-12s %-10s %12s  %-22s %-8s %-22s %s%n",
            "ID",
            "PAIR",
            "EXCHANGE",
            "STAKE",
            "SCHEDULE (UTC)",
            "STATUS",
            "NEXT DUE",
            "SENT/OK/DENIED/MISSED"));
    for (JsonNode p : plans) {
      JsonNode s = p.path("summary");
      sb.append(
          String.format(
              "%-14s %-12s %-10s %12s  %-22s %-8s %-22s %s/%s/%s/%s%n",
              p.path("id").asText(),
              p.path("pair").asText(),
              p.path("exchange").asText(),
              p.path("stake_amount").asText(),
              schedule(p.path("schedule")),
              p.path("status").asText(),
              p.hasNonNull("next_due_at") ? p.path("next_due_at").asText() : "-",
              s.path("buys_sent").asText("0"),
              s.path("approved").asText("0"),
              s.path("denied").asText("0"),
              s.path("missed").asText("0")));
    }
    return sb.toString();
  }

  static String history(JsonNode plan) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode h : plan.path("history")) {
      String status = h.path("status").asText();
      sb.append(String.format("    %-22s %-9s", h.path("due_at").asText(), status));
      if (h.hasNonNull("missed_count")) {
        sb.append(
            String.format(
                " %s due time(s) until %s",
                h.path("missed_count").asText(), h.path("missed_until").asText()));
      } else {
        sb.append(" stake ").append(h.path("stake_amount").asText());
        if (h.hasNonNull("rule")) {
          sb.append(" rule ").append(h.path("rule").asText());
        }
        if (h.hasNonNull("fill_price")) {
          sb.append(" filled ")
              .append(h.path("fill_amount").asText())
              .append(" @ ")
              .append(h.path("fill_price").asText());
        }
      }
      if (h.hasNonNull("note")) {
        sb.append(" (").append(h.path("note").asText()).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  static String simulation(JsonNode r) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "DCA plan %s: %s on %s %s, %s .. %s%n",
            r.path("plan_id").asText(),
            r.path("pair").asText(),
            r.path("exchange").asText(),
            r.path("timeframe").asText(),
            r.path("from").asText(),
            r.path("to").asText()));
    String[][] rows = {
      {
        "buys",
        r.path("buys").asText()
            + " ("
            + r.path("dip_buys").asText()
            + " on a dip, "
            + r.path("skipped").asText()
            + " skipped: no candle)"
      },
      {"invested", r.path("invested").asText() + " (fees " + r.path("fees").asText() + ")"},
      {"amount", r.path("amount").asText()},
      {"average entry price", r.path("average_entry_price").asText("-")},
      {"last close", r.path("last_close").asText() + " at " + r.path("last_close_at").asText()},
      {"value", r.path("value").asText()},
      {"profit", r.path("profit_abs").asText() + " (" + ratio(r.path("profit_ratio")) + ")"}
    };
    for (String[] row : rows) {
      sb.append(String.format("  %-20s %s%n", row[0], row[1]));
    }
    return sb.toString();
  }

  private static String ratio(JsonNode v) {
    if (!v.isNumber()) {
      return "-";
    }
    return v.decimalValue().movePointRight(2).stripTrailingZeros().toPlainString() + " %";
  }
}
