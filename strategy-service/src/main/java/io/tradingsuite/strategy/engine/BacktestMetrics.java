package io.tradingsuite.strategy.engine;

import io.tradingsuite.core.protections.PairLock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Summary statistics as Freqtrade computes them ({@code optimize_reports} and {@code
 * data/metrics.py} at the reference commit): drawdown on the cumulative {@code profit_abs} in close
 * order (running maximum starting at the first trade), Sharpe/Sortino/Calmar from per-trade returns
 * {@code profit_abs / starting_balance} over {@code max(1, whole days of the backtest)}, population
 * standard deviations, {@code -100} when undefined.
 */
public final class BacktestMetrics {

  private BacktestMetrics() {}

  static BacktestResult build(
      BacktestConfig cfg,
      List<TradeResult> trades,
      List<String> pairs,
      Instant start,
      Instant end,
      int[] counters,
      List<PairLock> locks) {
    BigDecimal startBalance = cfg.dryRunWallet();
    double sb = startBalance.doubleValue();
    BigDecimal totalAbs = BigDecimal.ZERO;
    int wins = 0;
    int draws = 0;
    int losses = 0;
    for (TradeResult t : trades) {
      totalAbs = totalAbs.add(t.profitAbs());
      int s = t.profitAbs().signum();
      if (s > 0) {
        wins++;
      } else if (s < 0) {
        losses++;
      } else {
        draws++;
      }
    }
    List<TradeResult> byClose = new ArrayList<>(trades);
    byClose.sort(Comparator.comparing(TradeResult::closeDate));
    double[] profitAbs = new double[byClose.size()];
    for (int i = 0; i < profitAbs.length; i++) {
      profitAbs[i] = byClose.get(i).profitAbs().doubleValue();
    }
    Drawdown dd = Drawdown.of(profitAbs, sb);
    double sharpe = sharpe(profitAbs, start, end, sb);
    double sortino = sortino(profitAbs, start, end, sb);
    double calmar = calmar(profitAbs, start, end, sb, dd);
    BigDecimal finalBalance = startBalance.add(totalAbs);
    long days = start == null ? 0 : Duration.between(start, end).toDays();
    double cagr = cagr(days == 0 ? 1 : days, sb, finalBalance.doubleValue());
    int n = trades.size();
    BacktestSummary summary =
        new BacktestSummary(
            n,
            totalAbs.doubleValue() / sb,
            totalAbs,
            startBalance,
            finalBalance,
            dd.relativeAccountDrawdown,
            BigDecimal.valueOf(dd.drawdownAbs),
            wins,
            draws,
            losses,
            n == 0 ? 0.0 : (double) wins / n,
            sharpe,
            sortino,
            calmar,
            cagr,
            start,
            end,
            counters[0],
            counters[1],
            counters[2],
            counters[3],
            counters[4],
            counters[5]);
    ResultTableRow total = row("TOTAL", trades, sb);
    return new BacktestResult(
        trades,
        summary,
        table(trades, pairs, TradeResult::pair, sb, total),
        table(trades, null, TradeResult::exitReason, sb, total),
        locks);
  }

  /**
   * Rows per key (in {@code keyOrder} when given, else first-seen order), sorted by
   * profit_total_abs desc, then TOTAL.
   */
  static List<ResultTableRow> table(
      List<TradeResult> trades,
      List<String> keyOrder,
      Function<TradeResult, String> key,
      double startBalance) {
    return table(trades, keyOrder, key, startBalance, row("TOTAL", trades, startBalance));
  }

  /**
   * One pass over the trades; each key's sums run in trade order, as {@link #row} sums a key's
   * trades.
   */
  static List<ResultTableRow> table(
      List<TradeResult> trades,
      List<String> keyOrder,
      Function<TradeResult, String> key,
      double startBalance,
      ResultTableRow total) {
    Map<String, RowSums> groups = new LinkedHashMap<>();
    if (keyOrder != null) {
      keyOrder.forEach(k -> groups.put(k, new RowSums()));
    }
    RowSums last = null;
    String lastKey = null;
    for (TradeResult t : trades) {
      String k = key.apply(t);
      if (last == null || !k.equals(lastKey)) {
        last = groups.computeIfAbsent(k, x -> new RowSums());
        lastKey = k;
      }
      last.add(t);
    }
    List<ResultTableRow> rows = new ArrayList<>();
    groups.forEach((k, sums) -> rows.add(sums.row(k, startBalance)));
    rows.sort(Comparator.comparing(ResultTableRow::profitTotalAbs).reversed());
    rows.add(total);
    return rows;
  }

  static ResultTableRow row(String key, List<TradeResult> list, double startBalance) {
    RowSums sums = new RowSums();
    for (TradeResult t : list) {
      sums.add(t);
    }
    return sums.row(key, startBalance);
  }

  /** The running sums of one table row. */
  private static final class RowSums {
    double sumRatio;
    BigDecimal abs = BigDecimal.ZERO;
    double dur;
    int n;
    int w;
    int d;
    int l;

    void add(TradeResult t) {
      n++;
      sumRatio += t.profitRatio();
      abs = abs.add(t.profitAbs());
      dur += t.tradeDurationMinutes();
      int s = t.profitAbs().signum();
      if (s > 0) {
        w++;
      } else if (s < 0) {
        l++;
      } else {
        d++;
      }
    }

    ResultTableRow row(String key, double startBalance) {
      return new ResultTableRow(
          key,
          n,
          n == 0 ? 0.0 : sumRatio / n,
          sumRatio,
          abs,
          abs.doubleValue() / startBalance,
          n == 0 ? 0.0 : dur / n,
          w,
          d,
          l,
          n == 0 ? 0.0 : (double) w / n);
    }
  }

  /**
   * {@code calculate_max_drawdown(value_col="profit_abs", starting_balance)} (absolute-drawdown
   * index).
   */
  static final class Drawdown {
    final double drawdownAbs;
    final double relativeAccountDrawdown;

    private Drawdown(double abs, double rel) {
      this.drawdownAbs = abs;
      this.relativeAccountDrawdown = rel;
    }

    static Drawdown of(double[] profitAbsInCloseOrder, double startingBalance) {
      if (profitAbsInCloseOrder.length == 0) {
        return new Drawdown(0.0, 0.0);
      }
      double cum = 0.0;
      double high = Double.NEGATIVE_INFINITY;
      double minDd = Double.POSITIVE_INFINITY;
      int idxMin = -1;
      double relAtMin = 0.0;
      for (int i = 0; i < profitAbsInCloseOrder.length; i++) {
        cum += profitAbsInCloseOrder[i];
        high = Math.max(high, cum);
        double dd = cum - high;
        if (dd < minDd) {
          minDd = dd;
          idxMin = i;
          double maxBalance = startingBalance + high;
          relAtMin = (maxBalance - (startingBalance + cum)) / maxBalance;
        }
      }
      if (idxMin == 0) {
        return new Drawdown(0.0, 0.0);
      }
      return new Drawdown(Math.abs(minDd), relAtMin);
    }
  }

  private static boolean undefinedPeriod(int n, Instant min, Instant max) {
    return n == 0 || min == null || max == null || min.equals(max);
  }

  private static long daysPeriod(Instant min, Instant max) {
    return Math.max(1, Duration.between(min, max).toDays());
  }

  static double sharpe(double[] profitAbs, Instant min, Instant max, double startBalance) {
    if (undefinedPeriod(profitAbs.length, min, max)) {
      return 0.0;
    }
    double[] r = new double[profitAbs.length];
    double sum = 0.0;
    for (int i = 0; i < r.length; i++) {
      r[i] = profitAbs[i] / startBalance;
      sum += r[i];
    }
    double mean = sum / daysPeriod(min, max);
    double sd = std(r, r.length);
    return sd != 0.0 ? mean / sd * Math.sqrt(365) : -100.0;
  }

  static double sortino(double[] profitAbs, Instant min, Instant max, double startBalance) {
    if (undefinedPeriod(profitAbs.length, min, max)) {
      return 0.0;
    }
    double sum = 0.0;
    double[] down = new double[profitAbs.length];
    int nd = 0;
    for (double p : profitAbs) {
      double r = p / startBalance;
      sum += r;
      if (p < 0) {
        down[nd++] = r;
      }
    }
    double mean = sum / daysPeriod(min, max);
    double sd = nd == 0 ? Double.NaN : std(down, nd);
    return sd != 0.0 && !Double.isNaN(sd) ? mean / sd * Math.sqrt(365) : -100.0;
  }

  static double calmar(
      double[] profitAbs, Instant min, Instant max, double startBalance, Drawdown dd) {
    if (undefinedPeriod(profitAbs.length, min, max)) {
      return 0.0;
    }
    double sum = 0.0;
    for (double p : profitAbs) {
      sum += p;
    }
    double expected = sum / startBalance / daysPeriod(min, max) * 100;
    double maxDd = dd.relativeAccountDrawdown;
    return maxDd != 0.0 ? expected / maxDd * Math.sqrt(365) : -100.0;
  }

  static double cagr(long days, double startBalance, double finalBalance) {
    if (finalBalance < 0) {
      return 0.0;
    }
    return Math.pow(finalBalance / startBalance, 1.0 / (days / 365.0)) - 1;
  }

  /** numpy's population standard deviation (ddof=0) of the first {@code n} values. */
  static double std(double[] v, int n) {
    double mean = 0.0;
    for (int i = 0; i < n; i++) {
      mean += v[i];
    }
    mean /= n;
    double ss = 0.0;
    for (int i = 0; i < n; i++) {
      double d = v[i] - mean;
      ss += d * d;
    }
    return Math.sqrt(ss / n);
  }
}
