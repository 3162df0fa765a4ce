package io.tradingsuite.strategy.hyperopt;

import com.fasterxml.jackson.databind.util.RawValue;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.BacktestSummary;
import io.tradingsuite.strategy.engine.TradeResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A backtest result as Freqtrade's per-strategy stats object ({@code results_metrics} of a {@code
 * .fthypt} line).
 */
public final class ResultsJson {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);

  private ResultsJson() {}

  public static Map<String, Object> metrics(
      String strategyName, BacktestConfig cfg, BacktestResult r) {
    BacktestSummary s = r.summary();
    Map<String, Object> m = new LinkedHashMap<>();
    double[] ratios = new double[r.trades().size()];
    long durSum = 0;
    for (int i = 0; i < ratios.length; i++) {
      TradeResult t = r.trades().get(i);
      ratios[i] = t.profitRatio();
      durSum += t.tradeDurationMinutes();
    }
    m.put("trades", new TradeList(r.trades()));
    m.put("strategy_name", strategyName);
    m.put("total_trades", s.totalTrades());
    m.put("profit_mean", ratios.length == 0 ? 0.0 : Arrays.stream(ratios).sum() / ratios.length);
    m.put("profit_median", median(ratios));
    m.put("profit_total", s.profitTotal());
    m.put("profit_total_abs", money(s.profitTotalAbs()));
    m.put("starting_balance", money(s.startingBalance()));
    m.put("final_balance", money(s.finalBalance()));
    m.put("max_drawdown_account", s.maxDrawdownAccount());
    m.put("max_drawdown_abs", money(s.maxDrawdownAbs()));
    m.put("wins", s.wins());
    m.put("draws", s.draws());
    m.put("losses", s.losses());
    m.put("winrate", s.winrate());
    m.put("sharpe", s.sharpe());
    m.put("sortino", s.sortino());
    m.put("calmar", s.calmar());
    m.put("cagr", s.cagr());
    long holdingAvgS = ratios.length == 0 ? 0 : Math.round(durSum * 60.0 / ratios.length);
    m.put("holding_avg_s", holdingAvgS);
    m.put("backtest_start", s.backtestStart() == null ? null : DATE.format(s.backtestStart()));
    m.put("backtest_start_ts", s.backtestStart() == null ? null : s.backtestStart().toEpochMilli());
    m.put("backtest_end", s.backtestEnd() == null ? null : DATE.format(s.backtestEnd()));
    m.put("backtest_end_ts", s.backtestEnd() == null ? null : s.backtestEnd().toEpochMilli());
    m.put("rejected_signals", s.rejectedSignals());
    m.put("timeframe", cfg.timeframe().name());
    m.put("max_open_trades", cfg.maxOpenTrades());
    m.put(
        "stake_amount", cfg.stakeAmount().isUnlimited() ? "unlimited" : cfg.stakeAmount().fixed());
    ExitPlan p = cfg.exitPlan();
    m.put("stoploss", p.stoploss());
    m.put("minimal_roi", SearchSpace.stringKeys(p.minimalRoi().asMap()));
    m.put("trailing_stop", p.trailingStop());
    m.put("trailing_stop_positive", p.hasTrailingStopPositive() ? p.trailingStopPositive() : null);
    m.put("trailing_stop_positive_offset", p.trailingStopPositiveOffset());
    m.put("trailing_only_offset_is_reached", p.trailingOnlyOffsetIsReached());
    m.put("use_exit_signal", p.useExitSignal());
    return m;
  }

  static Map<String, Object> trade(TradeResult t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pair", t.pair());
    m.put("stake_amount", t.stakeAmount());
    m.put("amount", t.amount());
    m.put("open_date", iso(t.openDate()));
    m.put("close_date", iso(t.closeDate()));
    m.put("open_rate", t.openRate());
    m.put("close_rate", t.closeRate());
    m.put("fee_open", t.feeOpen());
    m.put("fee_close", t.feeClose());
    m.put("trade_duration", t.tradeDurationMinutes());
    m.put("profit_ratio", t.profitRatio());
    m.put("profit_abs", t.profitAbs());
    m.put("exit_reason", t.exitReason());
    m.put("initial_stop_loss_abs", t.initialStopLossAbs());
    m.put("stop_loss_abs", t.stopLossAbs());
    m.put("min_rate", t.minRate());
    m.put("max_rate", t.maxRate());
    m.put("is_open", false);
    m.put("enter_tag", t.enterTag());
    m.put("leverage", 1.0);
    m.put("is_short", false);
    m.put("open_timestamp", t.openDate().toEpochMilli());
    m.put("close_timestamp", t.closeDate().toEpochMilli());
    return m;
  }

  /**
   * The trades of a result as Freqtrade's trade dicts, each built when asked for: an epoch's
   * metrics are rendered to JSON once (by {@link #toJson}, which writes the trades without building
   * the dicts) and then only their summary keys are read.
   */
  static final class TradeList extends AbstractList<Map<String, Object>> implements RandomAccess {
    private final List<TradeResult> trades;

    TradeList(List<TradeResult> trades) {
      this.trades = trades;
    }

    @Override
    public Map<String, Object> get(int index) {
      return trade(trades.get(index));
    }

    @Override
    public int size() {
      return trades.size();
    }
  }

  /**
   * {@code FthyptFile.JSON.writeValueAsString(metrics)}, the same text: the trades (nearly all of
   * it) written straight from the {@link TradeResult}s by {@link TradesJson} instead of through one
   * map per trade, the other keys through the mapper as before.
   */
  public static String toJson(Map<String, Object> metrics) {
    try {
      if (!(metrics.get("trades") instanceof TradeList list)) {
        return FthyptFile.JSON.writeValueAsString(metrics);
      }
      byte[] trades = TradesJson.render(list.trades);
      if (trades != null) {
        // everything but the trades through the mapper, the trades spliced in where a marker stands
        Map<String, Object> rest = new LinkedHashMap<>(metrics);
        rest.put("trades", new RawValue(String.valueOf(MARK)));
        String frame = FthyptFile.JSON.writeValueAsString(rest);
        int at = frame.indexOf(MARK); // unique: Jackson escapes a NUL inside any string
        byte[] head = frame.substring(0, at).getBytes(StandardCharsets.UTF_8);
        byte[] tail = frame.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + trades.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(trades, 0, all, head.length, trades.length);
        System.arraycopy(tail, 0, all, head.length + trades.length, tail.length);
        return new String(all, StandardCharsets.UTF_8);
      }
      // beyond ASCII: the mapper itself (its generators differ in how they write such characters)
      return FthyptFile.JSON.writeValueAsString(metrics);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render results_metrics", e);
    }
  }

  private static final char MARK = '\u0000';

  /** Freqtrade's {@code results_explanation}. */
  public static String explanation(Map<String, Object> m, String stakeCurrency) {
    return String.format(
        Locale.ROOT,
        "%6d trades. %d/%d/%d Wins/Draws/Losses. Avg profit %7.2f%%. Median profit %7.2f%%. "
            + "Total profit %s %s (%7.2f%%). Avg duration %d min.",
        count(m, "total_trades"),
        count(m, "wins"),
        count(m, "draws"),
        count(m, "losses"),
        ((Number) m.get("profit_mean")).doubleValue() * 100,
        ((Number) m.get("profit_median")).doubleValue() * 100,
        ((BigDecimal) m.get("profit_total_abs")).toPlainString(),
        stakeCurrency,
        ((Number) m.get("profit_total")).doubleValue() * 100,
        ((Number) m.get("holding_avg_s")).longValue() / 60);
  }

  private static long count(Map<String, Object> m, String key) {
    return ((Number) m.get(key)).longValue();
  }

  /** {@code DATE} with a {@code T}: {@code 2024-01-31T13:05:00+00:00}. */
  static String iso(Instant t) {
    long sec = t.getEpochSecond();
    if (sec < 0 || sec > MAX_FAST_DATE_SECOND) {
      return DATE.format(t).replace(' ', 'T');
    }
    // by hand, for the years 1970-9999: the formatter costs more than the rest of a trade's
    // rendering
    long days = sec / 86_400;
    int secOfDay = (int) (sec - days * 86_400);
    LocalDate d = LocalDate.ofEpochDay(days);
    char[] c = "0000-00-00T00:00:00+00:00".toCharArray();
    digits(c, 0, d.getYear(), 4);
    digits(c, 5, d.getMonthValue(), 2);
    digits(c, 8, d.getDayOfMonth(), 2);
    digits(c, 11, secOfDay / 3600, 2);
    digits(c, 14, secOfDay / 60 % 60, 2);
    digits(c, 17, secOfDay % 60, 2);
    return new String(c);
  }

  private static final long MAX_FAST_DATE_SECOND = 253_402_300_799L; // 9999-12-31T23:59:59Z

  private static void digits(char[] c, int at, int v, int width) {
    for (int i = width - 1; i >= 0; i--) {
      c[at + i] = (char) ('0' + v % 10);
      v /= 10;
    }
  }

  private static BigDecimal money(BigDecimal v) {
    return v == null ? null : v.setScale(8, RoundingMode.HALF_EVEN);
  }

  private static double median(double[] v) {
    if (v.length == 0) {
      return 0.0;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
