package io.tradingsuite.strategy.artifacts;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.protections.PairLock;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.BacktestSummary;
import io.tradingsuite.strategy.engine.ResultTableRow;
import io.tradingsuite.strategy.engine.TradeResult;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link BacktestResult} as Freqtrade's per-strategy stats object ({@code
 * generate_strategy_stats}: the value under {@code "strategy": {"<Name>": ...}} of a {@code
 * backtest-result-*.json}, and {@code results_metrics} of a hyperopt line), with Freqtrade's key
 * names. Plain Java; the same maps feed the REST answer, so the API and the artifact cannot
 * disagree. Money stays {@link BigDecimal}; non-finite ratios become {@code null}.
 */
public final class FreqtradeStats {

  /** Freqtrade's date text in result files: {@code 2024-01-01 00:05:00+00:00}. */
  public static final DateTimeFormatter FREQTRADE_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  /** ISO-8601 as the REST API speaks it: {@code 2024-01-01T00:05:00Z}. */
  public static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ISO_INSTANT;

  private FreqtradeStats() {}

  /** What the run was asked to do, echoed into the stats. */
  public record RunInfo(
      String strategy,
      BacktestConfig config,
      List<String> pairs,
      String timerange,
      Instant runStart,
      Instant runEnd) {}

  /** The per-strategy stats object. */
  public static Map<String, Object> strategyStats(
      RunInfo info, BacktestResult r, DateTimeFormatter dates) {
    BacktestConfig cfg = info.config();
    BacktestSummary s = r.summary();
    ExitPlan plan = cfg.exitPlan();
    List<TradeResult> trades = r.trades();
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> tradeMaps = new ArrayList<>(trades.size());
    for (TradeResult t : trades) {
      tradeMaps.add(trade(t, dates));
    }
    m.put("trades", tradeMaps);
    List<Map<String, Object>> locks = new ArrayList<>();
    for (PairLock l : r.locks()) {
      Map<String, Object> lm = new LinkedHashMap<>();
      lm.put("pair", l.pair());
      lm.put("lock_time", date(Instant.ofEpochMilli(l.lockTime()), dates));
      lm.put("lock_end_time", date(Instant.ofEpochMilli(l.lockEndTime()), dates));
      lm.put("reason", l.reason());
      lm.put("side", l.side());
      lm.put("active", true);
      locks.add(lm);
    }
    m.put("locks", locks);
    m.put("best_pair", bestOrWorst(r.resultsPerPair(), true));
    m.put("worst_pair", bestOrWorst(r.resultsPerPair(), false));
    m.put("results_per_pair", rows(r.resultsPerPair()));
    m.put(
        "results_per_enter_tag",
        rows(
            table(
                trades,
                t -> t.enterTag() == null ? "OTHER" : t.enterTag(),
                s.startingBalance().doubleValue())));
    m.put("exit_reason_summary", rows(r.exitReasonSummary()));
    m.put("left_open_trades", rows(List.of(emptyTotal())));
    int n = trades.size();
    BigDecimal volume = BigDecimal.ZERO;
    BigDecimal stakeSum = BigDecimal.ZERO;
    double[] ratios = new double[n];
    double grossWin = 0;
    double grossLoss = 0;
    long holdSec = 0;
    long winHold = 0;
    long lossHold = 0;
    for (int i = 0; i < n; i++) {
      TradeResult t = trades.get(i);
      stakeSum = stakeSum.add(t.stakeAmount());
      volume = volume.add(t.stakeAmount()).add(t.amount().multiply(t.closeRate()));
      ratios[i] = t.profitRatio();
      double abs = t.profitAbs().doubleValue();
      long sec = Duration.between(t.openDate(), t.closeDate()).toSeconds();
      holdSec += sec;
      if (abs > 0) {
        grossWin += abs;
        winHold += sec;
      } else if (abs < 0) {
        grossLoss -= abs;
        lossHold += sec;
      }
    }
    m.put("total_trades", n);
    m.put("trade_count_long", n);
    m.put("trade_count_short", 0);
    m.put("total_volume", money(volume));
    m.put(
        "avg_stake_amount",
        n == 0
            ? BigDecimal.ZERO.setScale(8)
            : money(stakeSum.divide(BigDecimal.valueOf(n), 12, RoundingMode.HALF_EVEN)));
    m.put("profit_mean", n == 0 ? 0.0 : finite(mean(ratios)));
    m.put("profit_median", n == 0 ? 0.0 : finite(median(ratios)));
    m.put("profit_total", finite(s.profitTotal()));
    m.put("profit_total_abs", money(s.profitTotalAbs()));
    m.put("profit_total_long", finite(s.profitTotal()));
    m.put("profit_total_long_abs", money(s.profitTotalAbs()));
    m.put("profit_total_short", 0.0);
    m.put("profit_total_short_abs", BigDecimal.ZERO.setScale(8));
    m.put("cagr", finite(s.cagr()));
    double winrate = n == 0 ? 0.0 : (double) s.wins() / n;
    double avgWin = s.wins() == 0 ? 0.0 : grossWin / s.wins();
    double avgLoss = s.losses() == 0 ? 0.0 : grossLoss / s.losses();
    double expectancy = n == 0 ? 0.0 : (grossWin - grossLoss) / n;
    m.put("expectancy", finite(expectancy));
    m.put("expectancy_ratio", avgLoss == 0 ? 100.0 : finite((1 + avgWin / avgLoss) * winrate - 1));
    m.put("sortino", finite(s.sortino()));
    m.put("sharpe", finite(s.sharpe()));
    m.put("calmar", finite(s.calmar()));
    m.put("profit_factor", grossLoss == 0 ? 0.0 : finite(grossWin / grossLoss));
    long days =
        s.backtestStart() == null
            ? 0
            : Duration.between(s.backtestStart(), s.backtestEnd()).toDays();
    m.put("trades_per_day", days == 0 ? (double) n : Math.round(n / (double) days * 100) / 100.0);
    m.put("wins", s.wins());
    m.put("losses", s.losses());
    m.put("draws", s.draws());
    m.put("winrate", finite(winrate));
    m.put("holding_avg", hms(n == 0 ? 0 : holdSec / n));
    m.put("holding_avg_s", n == 0 ? 0.0 : holdSec / (double) n);
    m.put("winner_holding_avg", hms(s.wins() == 0 ? 0 : winHold / s.wins()));
    m.put("winner_holding_avg_s", s.wins() == 0 ? 0.0 : winHold / (double) s.wins());
    m.put("loser_holding_avg", hms(s.losses() == 0 ? 0 : lossHold / s.losses()));
    m.put("loser_holding_avg_s", s.losses() == 0 ? 0.0 : lossHold / (double) s.losses());
    m.put("max_drawdown_account", finite(s.maxDrawdownAccount()));
    m.put("max_relative_drawdown", finite(s.maxDrawdownAccount()));
    m.put("max_drawdown_abs", money(s.maxDrawdownAbs()));
    m.put("backtest_start", date(s.backtestStart(), dates));
    m.put("backtest_start_ts", s.backtestStart() == null ? null : s.backtestStart().toEpochMilli());
    m.put("backtest_end", date(s.backtestEnd(), dates));
    m.put("backtest_end_ts", s.backtestEnd() == null ? null : s.backtestEnd().toEpochMilli());
    m.put("backtest_days", days);
    m.put(
        "backtest_run_start_ts", info.runStart() == null ? null : info.runStart().getEpochSecond());
    m.put("backtest_run_end_ts", info.runEnd() == null ? null : info.runEnd().getEpochSecond());
    m.put("pairlist", info.pairs());
    m.put(
        "stake_amount", cfg.stakeAmount().isUnlimited() ? "unlimited" : cfg.stakeAmount().fixed());
    m.put("stake_currency", stakeCurrency(info.pairs()));
    m.put("stake_currency_decimals", 8);
    m.put("starting_balance", money(s.startingBalance()));
    m.put("dry_run_wallet", cfg.dryRunWallet());
    m.put("final_balance", money(s.finalBalance()));
    m.put("rejected_signals", s.rejectedSignals());
    m.put("timedout_entry_orders", s.timedoutEntryOrders());
    m.put("timedout_exit_orders", s.timedoutExitOrders());
    m.put("canceled_trade_entries", s.canceledTradeEntries());
    m.put("canceled_entry_orders", s.canceledEntryOrders());
    m.put("replaced_entry_orders", s.replacedEntryOrders());
    m.put("max_open_trades", cfg.maxOpenTrades() < 0 ? info.pairs().size() : cfg.maxOpenTrades());
    m.put("max_open_trades_setting", cfg.maxOpenTrades());
    m.put("timeframe", cfg.timeframe().name());
    m.put("timeframe_detail", null);
    m.put("timerange", info.timerange());
    m.put("enable_protections", cfg.enableProtections());
    m.put("strategy_name", info.strategy());
    m.put("stoploss", plan.stoploss());
    m.put("trailing_stop", plan.trailingStop());
    m.put(
        "trailing_stop_positive",
        plan.hasTrailingStopPositive() ? plan.trailingStopPositive() : null);
    m.put("trailing_stop_positive_offset", plan.trailingStopPositiveOffset());
    m.put("trailing_only_offset_is_reached", plan.trailingOnlyOffsetIsReached());
    m.put("use_custom_stoploss", plan.useCustomStoploss());
    Map<String, Double> roi = new LinkedHashMap<>();
    plan.minimalRoi().asMap().forEach((k, v) -> roi.put(String.valueOf(k), v));
    m.put("minimal_roi", roi);
    m.put("use_exit_signal", plan.useExitSignal());
    m.put("exit_profit_only", plan.exitProfitOnly());
    m.put("exit_profit_offset", plan.exitProfitOffset());
    m.put("ignore_roi_if_entry_signal", plan.ignoreRoiIfEntrySignal());
    m.put("fee", cfg.fee());
    m.put("trading_mode", "spot");
    m.put("margin_mode", "");
    return m;
  }

  /** One {@code strategy_comparison} row. */
  public static Map<String, Object> comparisonRow(String strategy, BacktestResult r) {
    List<ResultTableRow> perPair = r.resultsPerPair();
    ResultTableRow total = perPair.get(perPair.size() - 1);
    Map<String, Object> row =
        row(
            new ResultTableRow(
                strategy,
                total.trades(),
                total.profitMean(),
                total.profitSum(),
                total.profitTotalAbs(),
                total.profitTotal(),
                total.durationAvgMinutes(),
                total.wins(),
                total.draws(),
                total.losses(),
                total.winrate()));
    row.put("max_drawdown_account", finite(r.summary().maxDrawdownAccount()));
    row.put("max_drawdown_abs", money(r.summary().maxDrawdownAbs()));
    return row;
  }

  static Map<String, Object> trade(TradeResult t, DateTimeFormatter dates) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pair", t.pair());
    m.put("stake_amount", t.stakeAmount());
    m.put("max_stake_amount", t.stakeAmount());
    m.put("amount", t.amount());
    m.put("open_date", date(t.openDate(), dates));
    m.put("close_date", date(t.closeDate(), dates));
    m.put("open_rate", t.openRate());
    m.put("close_rate", t.closeRate());
    m.put("fee_open", t.feeOpen());
    m.put("fee_close", t.feeClose());
    m.put("trade_duration", t.tradeDurationMinutes());
    m.put("profit_ratio", finite(t.profitRatio()));
    m.put("profit_abs", t.profitAbs());
    m.put("exit_reason", t.exitReason());
    m.put("initial_stop_loss_abs", t.initialStopLossAbs());
    m.put("initial_stop_loss_ratio", ratio(t.initialStopLossAbs(), t.openRate()));
    m.put("stop_loss_abs", t.stopLossAbs());
    m.put("stop_loss_ratio", ratio(t.stopLossAbs(), t.openRate()));
    m.put("min_rate", t.minRate());
    m.put("max_rate", t.maxRate());
    m.put("is_open", false);
    m.put("enter_tag", t.enterTag());
    m.put("leverage", 1.0);
    m.put("is_short", false);
    m.put("open_timestamp", t.openDate().toEpochMilli());
    m.put("close_timestamp", t.closeDate().toEpochMilli());
    List<Map<String, Object>> orders = new ArrayList<>();
    orders.add(order(t.amount(), t.openRate(), "buy", t.openDate(), true, t.enterTag()));
    orders.add(order(t.amount(), t.closeRate(), "sell", t.closeDate(), false, t.exitReason()));
    m.put("orders", orders);
    return m;
  }

  private static Map<String, Object> order(
      BigDecimal amount, BigDecimal price, String side, Instant at, boolean entry, String tag) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("amount", amount);
    o.put("safe_price", price);
    o.put("ft_order_side", side);
    o.put("order_filled_timestamp", at.toEpochMilli());
    o.put("ft_is_entry", entry);
    o.put("ft_order_tag", tag);
    o.put("cost", amount.multiply(price));
    return o;
  }

  /** Rows of a results table (last row TOTAL) in Freqtrade's shape. */
  public static List<Map<String, Object>> rows(List<ResultTableRow> rows) {
    List<Map<String, Object>> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(row(r)));
    return out;
  }

  static Map<String, Object> row(ResultTableRow r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("key", r.key());
    m.put("trades", r.trades());
    m.put("profit_mean", finite(r.profitMean()));
    m.put("profit_mean_pct", pct(r.profitMean()));
    m.put("profit_sum", finite(r.profitSum()));
    m.put("profit_sum_pct", pct(r.profitSum()));
    m.put("profit_total_abs", money(r.profitTotalAbs()));
    m.put("profit_total", finite(r.profitTotal()));
    m.put("profit_total_pct", pct(r.profitTotal()));
    m.put("duration_avg", hms(Math.round(r.durationAvgMinutes() * 60)));
    m.put("wins", r.wins());
    m.put("draws", r.draws());
    m.put("losses", r.losses());
    m.put("winrate", finite(r.winrate()));
    return m;
  }

  private static ResultTableRow emptyTotal() {
    return new ResultTableRow("TOTAL", 0, 0.0, 0.0, BigDecimal.ZERO, 0.0, 0.0, 0, 0, 0, 0.0);
  }

  private static List<ResultTableRow> table(
      List<TradeResult> trades, Function<TradeResult, String> key, double startBalance) {
    Map<String, List<TradeResult>> groups = new LinkedHashMap<>();
    for (TradeResult t : trades) {
      groups.computeIfAbsent(key.apply(t), k -> new ArrayList<>()).add(t);
    }
    List<ResultTableRow> rows = new ArrayList<>();
    groups.forEach((k, list) -> rows.add(aggregate(k, list, startBalance)));
    rows.sort(Comparator.comparing(ResultTableRow::profitTotalAbs).reversed());
    rows.add(aggregate("TOTAL", trades, startBalance));
    return rows;
  }

  private static ResultTableRow aggregate(String key, List<TradeResult> list, double startBalance) {
    double sum = 0;
    BigDecimal abs = BigDecimal.ZERO;
    double dur = 0;
    int w = 0;
    int d = 0;
    int l = 0;
    for (TradeResult t : list) {
      sum += t.profitRatio();
      abs = abs.add(t.profitAbs());
      dur += t.tradeDurationMinutes();
      int sg = t.profitAbs().signum();
      if (sg > 0) {
        w++;
      } else if (sg < 0) {
        l++;
      } else {
        d++;
      }
    }
    int n = list.size();
    return new ResultTableRow(
        key,
        n,
        n == 0 ? 0 : sum / n,
        sum,
        abs,
        abs.doubleValue() / startBalance,
        n == 0 ? 0 : dur / n,
        w,
        d,
        l,
        n == 0 ? 0 : (double) w / n);
  }

  private static Map<String, Object> bestOrWorst(List<ResultTableRow> perPair, boolean best) {
    ResultTableRow pick = null;
    for (ResultTableRow r : perPair) {
      if ("TOTAL".equals(r.key()) || r.trades() == 0) {
        continue;
      }
      if (pick == null
          || (best ? r.profitSum() > pick.profitSum() : r.profitSum() < pick.profitSum())) {
        pick = r;
      }
    }
    return pick == null ? null : row(pick);
  }

  private static String stakeCurrency(List<String> pairs) {
    if (pairs.isEmpty()) {
      return null;
    }
    String p = pairs.get(0);
    int slash = p.indexOf('/');
    return slash < 0 ? null : p.substring(slash + 1);
  }

  static String date(Instant t, DateTimeFormatter f) {
    return t == null ? null : f.format(t);
  }

  static BigDecimal money(BigDecimal v) {
    return v == null ? null : v.setScale(8, RoundingMode.HALF_EVEN);
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static Double pct(double ratio) {
    return Double.isFinite(ratio)
        ? BigDecimal.valueOf(ratio * 100).setScale(2, RoundingMode.HALF_EVEN).doubleValue()
        : null;
  }

  private static Double ratio(BigDecimal stop, BigDecimal open) {
    if (stop == null || open == null || open.signum() == 0) {
      return null;
    }
    return finite(stop.doubleValue() / open.doubleValue() - 1);
  }

  /** Freqtrade's {@code timedelta} text: {@code 1:40:00}, {@code 2 days, 3:00:00}. */
  static String hms(long seconds) {
    long d = seconds / 86400;
    long rest = seconds % 86400;
    String hms = String.format("%d:%02d:%02d", rest / 3600, rest % 3600 / 60, rest % 60);
    return d == 0 ? hms : d + (d == 1 ? " day, " : " days, ") + hms;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    java.util.Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
