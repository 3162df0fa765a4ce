package io.tradingsuite.registry.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.artifact.RunRecord.PairRecord;
import io.tradingsuite.registry.artifact.RunRecord.TradeRecord;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.registry.store.RegistryStore.BestEpoch;
import io.tradingsuite.registry.store.RegistryStore.RunFilter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The results report ({@code report-results} of the old bot): a per-strategy comparison, the runs,
 * and for each backtest its per-pair rows and equity curve. Rendered as Markdown, JSON or HTML
 * (with inline SVG); every decimal is written with exactly 8 places, half-even.
 */
public final class ResultsReport {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();

  /** One strategy's line in the comparison. */
  public record StrategyRow(
      String strategy,
      int backtests,
      int hyperopts,
      BigDecimal bestProfitTotal,
      BigDecimal bestProfitTotalAbs,
      BigDecimal bestSharpe,
      BigDecimal lowestMaxDrawdown,
      String bestRunId,
      BigDecimal bestLoss,
      Integer bestEpoch,
      Instant lastRunAt) {}

  /** A run in the report, with its equity curve when it is a backtest. */
  public record RunSection(RunRecord run, EquityCurve curve) {}

  private final Instant generatedAt;
  private final List<StrategyRow> strategies;
  private final List<RunSection> runs;

  private ResultsReport(Instant generatedAt, List<StrategyRow> strategies, List<RunSection> runs) {
    this.generatedAt = generatedAt;
    this.strategies = strategies;
    this.runs = runs;
  }

  /**
   * Builds the report from the registry: the comparison over every run that matches, details for at
   * most {@code detailLimit} of them (newest first).
   */
  public static ResultsReport build(
      RegistryStore store,
      ArtifactKind kind,
      String strategy,
      Instant since,
      int detailLimit,
      Instant now) {
    List<RunRecord> all = store.runs(new RunFilter(kind, strategy, since, "created_at", 0));
    Map<String, List<RunRecord>> byStrategy = new LinkedHashMap<>();
    all.stream()
        .sorted(Comparator.comparing(RunRecord::strategy))
        .forEach(r -> byStrategy.computeIfAbsent(r.strategy(), k -> new ArrayList<>()).add(r));
    List<StrategyRow> rows = new ArrayList<>();
    for (var e : byStrategy.entrySet()) {
      List<RunRecord> rs = e.getValue();
      List<RunRecord> backtests =
          rs.stream().filter(r -> r.kind() == ArtifactKind.BACKTEST).toList();
      Optional<RunRecord> best =
          backtests.stream()
              .filter(r -> r.profitTotal() != null)
              .max(Comparator.comparing(RunRecord::profitTotal));
      Optional<BestEpoch> epoch = store.bestEpoch(e.getKey());
      rows.add(
          new StrategyRow(
              e.getKey(),
              backtests.size(),
              rs.size() - backtests.size(),
              best.map(RunRecord::profitTotal).orElse(null),
              best.map(RunRecord::profitTotalAbs).orElse(null),
              max(backtests, RunRecord::sharpe),
              min(backtests, RunRecord::maxDrawdownAccount),
              best.map(RunRecord::id).orElse(null),
              epoch.map(b -> b.epoch().loss()).orElse(null),
              epoch.map(b -> b.epoch().epoch()).orElse(null),
              rs.stream().map(RunRecord::createdAt).max(Comparator.naturalOrder()).orElse(null)));
    }
    List<RunSection> sections = new ArrayList<>();
    for (RunRecord summary : all.subList(0, Math.min(all.size(), Math.max(detailLimit, 0)))) {
      RunRecord run = store.run(summary.id()).orElse(summary);
      sections.add(
          new RunSection(
              run,
              run.kind() == ArtifactKind.BACKTEST
                  ? EquityCurve.of(run.startingBalance(), run.trades())
                  : null));
    }
    return new ResultsReport(
        now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), rows, sections);
  }

  private static BigDecimal max(List<RunRecord> runs, Function<RunRecord, BigDecimal> f) {
    return runs.stream()
        .map(f)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .orElse(null);
  }

  private static BigDecimal min(List<RunRecord> runs, Function<RunRecord, BigDecimal> f) {
    return runs.stream()
        .map(f)
        .filter(Objects::nonNull)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  public List<StrategyRow> strategies() {
    return strategies;
  }

  public List<RunSection> runs() {
    return runs;
  }

  // ---------------------------------------------------------------- Markdown

  public String markdown() {
    StringBuilder s = new StringBuilder();
    s.append("# Backtest and hyperopt results\n\n");
    s.append("Generated ")
        .append(generatedAt)
        .append(" from the registry. Money and ratios have 8 decimals.\n\n");
    s.append("## Strategy comparison\n\n");
    s.append(
        "| strategy | backtests | hyperopts | best profit_total | best profit_total_abs | best sharpe "
            + "| lowest max_drawdown_account | best hyperopt loss (epoch) | last run |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (StrategyRow r : strategies) {
      s.append("| ")
          .append(md(r.strategy()))
          .append(" | ")
          .append(r.backtests())
          .append(" | ")
          .append(r.hyperopts())
          .append(" | ")
          .append(Formats.money(r.bestProfitTotal()))
          .append(" | ")
          .append(Formats.money(r.bestProfitTotalAbs()))
          .append(" | ")
          .append(Formats.money(r.bestSharpe()))
          .append(" | ")
          .append(Formats.money(r.lowestMaxDrawdown()))
          .append(" | ")
          .append(
              r.bestLoss() == null ? "" : Formats.money(r.bestLoss()) + " (" + r.bestEpoch() + ")")
          .append(" | ")
          .append(Formats.time(r.lastRunAt()))
          .append(" |\n");
    }
    s.append("\n## Runs\n\n");
    s.append(
        "| id | kind | strategy | created | trades | profit_total | profit_total_abs | max_drawdown_account "
            + "| sharpe | final_balance |\n");
    s.append("|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (RunSection sec : runs) {
      RunRecord r = sec.run();
      s.append("| ")
          .append(r.id())
          .append(" | ")
          .append(kind(r))
          .append(" | ")
          .append(md(r.strategy()))
          .append(" | ")
          .append(Formats.time(r.createdAt()))
          .append(" | ")
          .append(Formats.integer(r.totalTrades()))
          .append(" | ")
          .append(Formats.money(r.profitTotal()))
          .append(" | ")
          .append(Formats.money(r.profitTotalAbs()))
          .append(" | ")
          .append(Formats.money(r.maxDrawdownAccount()))
          .append(" | ")
          .append(Formats.money(r.sharpe()))
          .append(" | ")
          .append(Formats.money(r.finalBalance()))
          .append(" |\n");
    }
    for (RunSection sec : runs) {
      RunRecord r = sec.run();
      if (r.pairs().isEmpty()) {
        continue;
      }
      s.append("\n### ")
          .append(md(r.strategy()))
          .append(" — ")
          .append(r.id())
          .append(" per pair\n\n");
      s.append(
          "| pair | trades | profit_mean | profit_total | profit_total_abs | wins | draws | losses |\n");
      s.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
      for (PairRecord p : r.pairs()) {
        s.append("| ")
            .append(md(p.pair()))
            .append(" | ")
            .append(Formats.integer(p.trades()))
            .append(" | ")
            .append(Formats.money(p.profitMean()))
            .append(" | ")
            .append(Formats.money(p.profitTotal()))
            .append(" | ")
            .append(Formats.money(p.profitTotalAbs()))
            .append(" | ")
            .append(Formats.integer(p.wins()))
            .append(" | ")
            .append(Formats.integer(p.draws()))
            .append(" | ")
            .append(Formats.integer(p.losses()))
            .append(" |\n");
      }
    }
    return s.toString();
  }

  // ---------------------------------------------------------------- JSON

  public String json() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("generated_at", generatedAt.toString());
    List<Map<String, Object>> cmp = new ArrayList<>();
    for (StrategyRow r : strategies) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("strategy", r.strategy());
      m.put("backtests", r.backtests());
      m.put("hyperopts", r.hyperopts());
      m.put("best_profit_total", Formats.scaled(r.bestProfitTotal()));
      m.put("best_profit_total_abs", Formats.scaled(r.bestProfitTotalAbs()));
      m.put("best_sharpe", Formats.scaled(r.bestSharpe()));
      m.put("lowest_max_drawdown_account", Formats.scaled(r.lowestMaxDrawdown()));
      m.put("best_run_id", r.bestRunId());
      m.put("best_hyperopt_loss", Formats.scaled(r.bestLoss()));
      m.put("best_hyperopt_epoch", r.bestEpoch());
      m.put("last_run_at", Formats.time(r.lastRunAt()));
      cmp.add(m);
    }
    root.put("strategy_comparison", cmp);
    List<Map<String, Object>> out = new ArrayList<>();
    for (RunSection sec : runs) {
      RunRecord r = sec.run();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", r.id());
      m.put("kind", kind(r));
      m.put("strategy", r.strategy());
      m.put("created_at", Formats.time(r.createdAt()));
      m.put("timeframe", r.timeframe());
      m.put("total_trades", r.totalTrades());
      m.put("profit_total", Formats.scaled(r.profitTotal()));
      m.put("profit_total_abs", Formats.scaled(r.profitTotalAbs()));
      m.put("max_drawdown_account", Formats.scaled(r.maxDrawdownAccount()));
      m.put("max_drawdown_abs", Formats.scaled(r.maxDrawdownAbs()));
      m.put("sharpe", Formats.scaled(r.sharpe()));
      m.put("starting_balance", Formats.scaled(r.startingBalance()));
      m.put("final_balance", Formats.scaled(r.finalBalance()));
      m.put("stake_currency", r.stakeCurrency());
      if (r.kind() == ArtifactKind.HYPEROPT) {
        m.put("epochs", r.epochs());
        m.put("best_epoch", r.bestEpoch());
        m.put("best_loss", Formats.scaled(r.bestLoss()));
      }
      List<Map<String, Object>> pairs = new ArrayList<>();
      for (PairRecord p : r.pairs()) {
        Map<String, Object> pm = new LinkedHashMap<>();
        pm.put("pair", p.pair());
        pm.put("trades", p.trades());
        pm.put("profit_total", Formats.scaled(p.profitTotal()));
        pm.put("profit_total_abs", Formats.scaled(p.profitTotalAbs()));
        pairs.add(pm);
      }
      if (!pairs.isEmpty()) {
        m.put("results_per_pair", pairs);
      }
      if (sec.curve() != null) {
        List<Map<String, Object>> pts = new ArrayList<>();
        for (EquityCurve.Point p : sec.curve().points()) {
          Map<String, Object> pm = new LinkedHashMap<>();
          pm.put("time", p.time().toString());
          pm.put("equity", Formats.scaled(p.equity()));
          pm.put("drawdown_abs", Formats.scaled(p.drawdownAbs()));
          pts.add(pm);
        }
        m.put("equity_curve", pts);
      }
      out.add(m);
    }
    root.put("runs", out);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- HTML

  public String html() {
    StringBuilder s = new StringBuilder();
    s.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Results</title><style>")
        .append(
            "body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}")
        .append(
            "td,th{border:1px solid #ccc;padding:2px 6px}td.n{text-align:right;font-family:monospace}")
        .append("</style></head><body>\n<h1>Backtest and hyperopt results</h1>\n<p>Generated ")
        .append(generatedAt)
        .append(". Money and ratios have 8 decimals.</p>\n<h2>Strategy comparison</h2>\n<table>")
        .append(
            "<tr><th>strategy</th><th>backtests</th><th>hyperopts</th><th>best profit_total</th>")
        .append(
            "<th>best profit_total_abs</th><th>best sharpe</th><th>lowest max_drawdown_account</th>")
        .append("<th>best hyperopt loss</th><th>last run</th></tr>\n");
    for (StrategyRow r : strategies) {
      s.append("<tr><td>")
          .append(Html.escape(r.strategy()))
          .append("</td>")
          .append(num(r.backtests()))
          .append(num(r.hyperopts()))
          .append(num(r.bestProfitTotal()))
          .append(num(r.bestProfitTotalAbs()))
          .append(num(r.bestSharpe()))
          .append(num(r.lowestMaxDrawdown()))
          .append(num(r.bestLoss()))
          .append("<td>")
          .append(Formats.time(r.lastRunAt()))
          .append("</td></tr>\n");
    }
    s.append("</table>\n<h2>Runs</h2>\n");
    for (RunSection sec : runs) {
      RunRecord r = sec.run();
      s.append("<section class=\"run\" id=\"run-")
          .append(Html.escape(r.id()))
          .append("\"><h3>")
          .append(Html.escape(r.strategy()))
          .append(" — ")
          .append(kind(r))
          .append(" ")
          .append(Html.escape(r.id()))
          .append(
              "</h3>\n<table><tr><th>created</th><th>trades</th><th>profit_total</th><th>profit_total_abs</th>")
          .append(
              "<th>max_drawdown_account</th><th>sharpe</th><th>starting_balance</th><th>final_balance</th></tr>")
          .append("<tr><td>")
          .append(Formats.time(r.createdAt()))
          .append("</td>")
          .append(num(r.totalTrades()))
          .append(num(r.profitTotal()))
          .append(num(r.profitTotalAbs()))
          .append(num(r.maxDrawdownAccount()))
          .append(num(r.sharpe()))
          .append(num(r.startingBalance()))
          .append(num(r.finalBalance()))
          .append("</tr></table>\n");
      if (sec.curve() != null) {
        s.append(sec.curve().svg(r.strategy() + " equity and drawdown")).append('\n');
      }
      if (!r.pairs().isEmpty()) {
        s.append(
            "<table><tr><th>pair</th><th>trades</th><th>profit_total</th><th>profit_total_abs</th></tr>");
        for (PairRecord p : r.pairs()) {
          s.append("<tr><td>")
              .append(Html.escape(p.pair()))
              .append("</td>")
              .append(num(p.trades()))
              .append(num(p.profitTotal()))
              .append(num(p.profitTotalAbs()))
              .append("</tr>");
        }
        s.append("</table>\n");
      }
      if (!r.trades().isEmpty()) {
        s.append("<details><summary>")
            .append(r.trades().size())
            .append(" trades</summary><table><tr><th>pair</th>")
            .append(
                "<th>open</th><th>close</th><th>open_rate</th><th>close_rate</th><th>stake_amount</th>")
            .append("<th>profit_abs</th><th>exit_reason</th></tr>");
        for (TradeRecord t : r.trades()) {
          s.append("<tr><td>")
              .append(Html.escape(t.pair()))
              .append("</td><td>")
              .append(t.openDate())
              .append("</td><td>")
              .append(t.closeDate())
              .append("</td>")
              .append(num(t.openRate()))
              .append(num(t.closeRate()))
              .append(num(t.stakeAmount()))
              .append(num(t.profitAbs()))
              .append("<td>")
              .append(Html.escape(t.exitReason()))
              .append("</td></tr>");
        }
        s.append("</table></details>\n");
      }
      s.append("</section>\n");
    }
    s.append("</body></html>\n");
    return s.toString();
  }

  private static String num(BigDecimal v) {
    return "<td class=\"n\">" + Formats.money(v) + "</td>";
  }

  private static String num(Integer v) {
    return "<td class=\"n\">" + Formats.integer(v) + "</td>";
  }

  private static String kind(RunRecord r) {
    return r.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  private static String md(String s) {
    return s == null ? "" : s.replace("|", "\\|");
  }
}
