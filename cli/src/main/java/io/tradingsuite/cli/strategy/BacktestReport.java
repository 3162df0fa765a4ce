package io.tradingsuite.cli.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Freqtrade-like text tables of a backtest result (the {@code result} object of {@code GET
 * /backtests/{id}}).
 */
public final class BacktestReport {

  private BacktestReport() {}

  /** A progress bar like {@code [##########..........] 50% running}. */
  public static String progressBar(int percent, String status, int width) {
    int p = Math.max(0, Math.min(100, percent));
    int filled = p * width / 100;
    return "["
        + "#".repeat(filled)
        + ".".repeat(width - filled)
        + "] "
        + String.format("%3d%% %s", p, status);
  }

  public static String render(JsonNode result) {
    String currency = result.path("stake_currency").asText("USDT");
    StringBuilder out = new StringBuilder();
    out.append(table("BACKTESTING REPORT", "Pair", currency, result.path("results_per_pair")));
    out.append(
        table("EXIT REASON STATS", "Exit Reason", currency, result.path("exit_reason_summary")));
    out.append(summary(result, currency));
    return out.toString();
  }

  static String table(String title, String keyHeader, String currency, JsonNode rows) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {
          keyHeader,
          "Trades",
          "Avg Profit %",
          "Tot Profit " + currency,
          "Tot Profit %",
          "Avg Duration",
          "Win  Draw  Loss  Win%"
        });
    for (JsonNode r : rows) {
      lines.add(
          new String[] {
            r.path("key").asText(),
            r.path("trades").asText(),
            fixed(r.path("profit_mean_pct"), 2),
            fixed(r.path("profit_total_abs"), 3),
            fixed(r.path("profit_total_pct"), 2),
            r.path("duration_avg").asText(),
            String.format(
                "%4d  %4d  %4d  %5.1f",
                r.path("wins").asInt(),
                r.path("draws").asInt(),
                r.path("losses").asInt(),
                r.path("winrate").asDouble() * 100)
          });
    }
    return grid(title, lines);
  }

  static String summary(JsonNode r, String currency) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"Metric", "Value"});
    lines.add(new String[] {"Backtesting from", r.path("backtest_start").asText()});
    lines.add(new String[] {"Backtesting to", r.path("backtest_end").asText()});
    lines.add(new String[] {"Max open trades", r.path("max_open_trades").asText()});
    lines.add(
        new String[] {
          "Total/Daily Avg Trades",
          r.path("total_trades").asText() + " / " + r.path("trades_per_day").asText()
        });
    lines.add(
        new String[] {"Starting balance", fixed(r.path("starting_balance"), 3) + " " + currency});
    lines.add(new String[] {"Final balance", fixed(r.path("final_balance"), 3) + " " + currency});
    lines.add(
        new String[] {"Absolute profit", fixed(r.path("profit_total_abs"), 3) + " " + currency});
    lines.add(new String[] {"Total profit %", pct(r.path("profit_total"))});
    lines.add(new String[] {"CAGR %", pct(r.path("cagr"))});
    lines.add(new String[] {"Sortino", fixed(r.path("sortino"), 2)});
    lines.add(new String[] {"Sharpe", fixed(r.path("sharpe"), 2)});
    lines.add(new String[] {"Calmar", fixed(r.path("calmar"), 2)});
    lines.add(new String[] {"Profit factor", fixed(r.path("profit_factor"), 2)});
    lines.add(
        new String[] {
          "Win / Draw / Loss",
          r.path("wins").asText()
              + " / "
              + r.path("draws").asText()
              + " / "
              + r.path("losses").asText()
        });
    lines.add(new String[] {"Avg. Duration", r.path("holding_avg").asText()});
    lines.add(new String[] {"Max % of account underwater", pct(r.path("max_drawdown_account"))});
    lines.add(
        new String[] {"Absolute Drawdown", fixed(r.path("max_drawdown_abs"), 3) + " " + currency});
    lines.add(new String[] {"Rejected Entry signals", r.path("rejected_signals").asText()});
    return grid("SUMMARY METRICS", lines);
  }

  private static String fixed(JsonNode n, int scale) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "-";
    }
    return new BigDecimal(n.asText()).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  private static String pct(JsonNode n) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return "-";
    }
    return new BigDecimal(n.asText())
            .movePointRight(2)
            .setScale(2, RoundingMode.HALF_EVEN)
            .toPlainString()
        + "%";
  }

  /** A box table with a centred title; first row is the header, numbers right-aligned. */
  static String grid(String title, List<String[]> lines) {
    int cols = lines.get(0).length;
    int[] w = new int[cols];
    for (String[] l : lines) {
      for (int i = 0; i < cols; i++) {
        w[i] = Math.max(w[i], l[i].length());
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int x : w) {
      sep.append("-".repeat(x + 2)).append('+');
    }
    int total = sep.length();
    StringBuilder sb = new StringBuilder();
    int pad = Math.max(0, (total - title.length()) / 2);
    sb.append(" ".repeat(pad)).append(title).append('\n').append(sep).append('\n');
    for (int r = 0; r < lines.size(); r++) {
      sb.append('|');
      for (int i = 0; i < cols; i++) {
        String v = lines.get(r)[i];
        boolean right = r > 0 && i > 0;
        sb.append(' ')
            .append(right ? " ".repeat(w[i] - v.length()) + v : v + " ".repeat(w[i] - v.length()))
            .append(" |");
      }
      sb.append('\n');
      if (r == 0 || (r == lines.size() - 2 && "TOTAL".equals(lines.get(r + 1)[0]))) {
        sb.append(sep).append('\n');
      }
    }
    sb.append(sep).append('\n');
    return sb.toString();
  }
}
