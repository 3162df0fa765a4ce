package io.tradingsuite.strategy.backtest;

import io.quarkus.logging.Log;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.builtin.SignalsStrategy;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.StakeAmount;
import io.tradingsuite.strategy.hyperopt.StrategyParamsFile;
import io.tradingsuite.strategy.marketdata.MarketDataClient;
import io.tradingsuite.support.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Turns a {@link BacktestRequest} into engine inputs: the strategy, its resolved parameters, the
 * {@link BacktestConfig} (strategy settings overridden by the request, as Freqtrade's config
 * overrides a strategy) and the candle columns per pair, inline or fetched from
 * market-data-service. Every refusal is a {@link ProblemException} 400 naming the field;
 * market-data-service being down is a 503.
 */
@ApplicationScoped
public class BacktestPreparer {

  /** Freqtrade's {@code fee} upper bound in its config schema. */
  private static final BigDecimal MAX_FEE = new BigDecimal("0.1");

  @Inject StrategyRegistry registry;

  @Inject MarketDataClient marketData;

  /** Where hyperopt's parameter files are ({@code strategy_params/}). */
  @ConfigProperty(name = "suite.var-dir")
  String varDir;

  @ConfigProperty(name = "suite.backtest.default-exchange", defaultValue = "binance")
  String defaultExchange;

  /**
   * Backtest fee when the request gives none (Binance spot taker fee, what Freqtrade reads from the
   * exchange).
   */
  @ConfigProperty(name = "suite.backtest.default-fee", defaultValue = "0.001")
  BigDecimal defaultFee;

  /**
   * Everything a run needs.
   *
   * @param candles per pair in request order (a {@link LinkedHashMap}); stored candles start {@code
   *     startup_candle_count} candles before the timerange start
   * @param signals the given entry/exit flags per pair for {@code Signals}, empty for other
   *     strategies
   */
  public record Prepared(
      BacktestRequest request,
      Strategy strategy,
      StrategyParams params,
      BacktestConfig config,
      String exchange,
      List<String> pairs,
      Timeframe timeframe,
      Timerange timerange,
      Map<String, CandleColumns> candles,
      Map<String, SignalColumns> signals) {}

  public Prepared prepare(BacktestRequest r) {
    if (r == null) {
      throw ProblemException.badRequest("body", "a JSON backtest request is required");
    }
    if (r.strategy() == null || r.strategy().isBlank()) {
      throw ProblemException.badRequest(
          "strategy", "is required (one of " + registry.names() + ")");
    }
    Strategy strategy =
        registry
            .find(r.strategy())
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "strategy",
                        "unknown strategy '" + r.strategy() + "', known: " + registry.names()));
    Optional<StrategyParamsFile.Loaded> file = paramsFile(strategy);
    StrategyParams params;
    try {
      params = strategy.resolveParams(StrategyParamsFile.under(file, r.params()));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "params",
          e.getMessage()
              + (file.isPresent()
                  ? " (with " + StrategyParamsFile.path(Path.of(varDir), strategy.name()) + ")"
                  : ""));
    }
    Timeframe tf = timeframe(r, strategy);
    Timerange range;
    try {
      range = Timerange.parse(r.timerange());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("timerange", e.getMessage());
    }
    String exchange =
        r.exchange() == null || r.exchange().isBlank() ? defaultExchange : r.exchange().trim();
    BacktestConfig config = config(r, strategy, file, tf, range);
    boolean signalsStrategy = SignalsStrategy.NAME.equals(strategy.name());
    Map<String, CandleColumns> candles;
    List<String> pairs;
    if (r.candles() != null) {
      pairs = inlinePairs(r);
      candles = new LinkedHashMap<>();
      for (String pair : pairs) {
        candles.put(pair, inline(pair, r.candles().get(pair), tf, signalsStrategy));
      }
    } else {
      if (signalsStrategy) {
        throw ProblemException.badRequest(
            "candles",
            "the Signals strategy needs inline candles with " + "enter_long and exit_long columns");
      }
      pairs = requestedPairs(r.pairs(), exchange, "pairs");
      candles = new LinkedHashMap<>();
      Instant from =
          range.start() == null
              ? null
              : range.start().minusMillis(config.startupCandles() * tf.millis());
      for (String pair : pairs) {
        candles.put(pair, stored(exchange, pair, tf, from, range.end()));
      }
    }
    Map<String, SignalColumns> signals = new LinkedHashMap<>();
    if (signalsStrategy) {
      candles.forEach((pair, c) -> signals.put(pair, strategy.computeSignals(c, params)));
    }
    return new Prepared(
        r, strategy, params, config, exchange, List.copyOf(pairs), tf, range, candles, signals);
  }

  private static Timeframe timeframe(BacktestRequest r, Strategy strategy) {
    if (r.timeframe() == null || r.timeframe().isBlank()) {
      return strategy.settings().timeframe();
    }
    try {
      return Timeframe.parse(r.timeframe().trim());
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "timeframe", "'" + r.timeframe() + "' is not a timeframe like 5m, 1h, 1d");
    }
  }

  /**
   * The strategy's parameter file from hyperopt, as Freqtrade loads {@code <Strategy>.json}: its
   * values replace the strategy's defaults; the request's own values still win.
   */
  private Optional<StrategyParamsFile.Loaded> paramsFile(Strategy strategy) {
    try {
      Optional<StrategyParamsFile.Loaded> file =
          StrategyParamsFile.load(Path.of(varDir), strategy.name());
      file.ifPresent(
          f ->
              Log.infof(
                  "backtest of %s: parameters from %s (request values win)",
                  strategy.name(), StrategyParamsFile.path(Path.of(varDir), strategy.name())));
      return file;
    } catch (RuntimeException e) {
      throw ProblemException.conflict(
          "the parameter file of "
              + strategy.name()
              + " cannot be used ("
              + e.getMessage()
              + "): fix or delete it");
    }
  }

  /** Strategy settings (after the parameter file) overridden by the request. */
  BacktestConfig config(
      BacktestRequest r,
      Strategy strategy,
      Optional<StrategyParamsFile.Loaded> file,
      Timeframe tf,
      Timerange range) {
    ExitPlan base = strategy.settings().exitPlan();
    ExitPlan.Builder plan = file.map(f -> f.applyTo(base)).orElse(base).toBuilder();
    if (r.stoploss() != null) {
      if (r.stoploss().signum() >= 0 || r.stoploss().compareTo(BigDecimal.ONE.negate()) < 0) {
        throw ProblemException.badRequest(
            "stoploss",
            "must be a negative ratio in [-1, 0), e.g. -0.10 (was "
                + r.stoploss().toPlainString()
                + ")");
      }
      plan.stoploss(r.stoploss().doubleValue());
    }
    if (r.minimalRoi() != null) {
      try {
        Map<String, BigDecimal> roi = r.minimalRoi();
        for (Map.Entry<String, BigDecimal> e : roi.entrySet()) {
          if (e.getValue() == null) {
            throw new IllegalArgumentException("ratio for minute " + e.getKey() + " is required");
          }
        }
        plan.minimalRoi(RoiTable.of(roi));
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest(
            "minimal_roi", "keys must be whole minutes like \"0\", \"30\"");
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("minimal_roi", e.getMessage());
      }
    }
    if (r.trailingStop() != null) {
      plan.trailingStop(r.trailingStop());
    }
    if (r.trailingStopPositive() != null) {
      if (r.trailingStopPositive().signum() <= 0) {
        throw ProblemException.badRequest(
            "trailing_stop_positive", "must be a positive ratio or null");
      }
      plan.trailingStopPositive(r.trailingStopPositive().doubleValue());
    }
    if (r.trailingStopPositiveOffset() != null) {
      if (r.trailingStopPositiveOffset().signum() < 0) {
        throw ProblemException.badRequest("trailing_stop_positive_offset", "must be >= 0");
      }
      plan.trailingStopPositiveOffset(r.trailingStopPositiveOffset().doubleValue());
    }
    if (r.trailingOnlyOffsetIsReached() != null) {
      plan.trailingOnlyOffsetIsReached(r.trailingOnlyOffsetIsReached());
    }
    if (r.useExitSignal() != null) {
      plan.useExitSignal(r.useExitSignal());
    }
    if (r.exitProfitOnly() != null) {
      plan.exitProfitOnly(r.exitProfitOnly());
    }
    if (r.exitProfitOffset() != null) {
      plan.exitProfitOffset(r.exitProfitOffset().doubleValue());
    }
    if (r.ignoreRoiIfEntrySignal() != null) {
      plan.ignoreRoiIfEntrySignal(r.ignoreRoiIfEntrySignal());
    }
    if (r.useCustomStoploss() != null) {
      plan.useCustomStoploss(r.useCustomStoploss());
    }
    BacktestConfig.Builder b =
        BacktestConfig.builder(strategy.settings()).timeframe(tf).exitPlan(plan.build());
    b.stakeAmount(stake(r.stakeAmount()));
    if (r.dryRunWallet() != null) {
      if (r.dryRunWallet().signum() <= 0) {
        throw ProblemException.badRequest("dry_run_wallet", "must be positive");
      }
      b.dryRunWallet(r.dryRunWallet());
    }
    if (r.maxOpenTrades() != null) {
      if (r.maxOpenTrades() < -1) {
        throw ProblemException.badRequest("max_open_trades", "must be >= 0, or -1 for unlimited");
      }
      b.maxOpenTrades(r.maxOpenTrades());
    }
    BigDecimal fee = r.fee() == null ? defaultFee : r.fee();
    if (fee.signum() < 0 || fee.compareTo(MAX_FEE) > 0) {
      throw ProblemException.badRequest(
          "fee", "must be a ratio in [0, 0.1] (was " + fee.toPlainString() + ")");
    }
    b.fee(fee.doubleValue());
    b.timerange(range.start(), range.end());
    if (r.enableProtections() != null) {
      b.enableProtections(r.enableProtections());
    }
    if (r.protections() != null) {
      b.protections(r.protections());
    }
    try {
      BacktestConfig cfg = b.build();
      if (cfg.enableProtections() && !cfg.protections().isEmpty()) {
        // fail here (400) rather than inside the run: an unknown method or a bad value names the
        // field
        io.tradingsuite.core.protections.ProtectionManager.fromConfig(cfg.protections(), tf);
      }
      return cfg;
    } catch (IllegalArgumentException e) {
      String msg = e.getMessage() == null ? e.toString() : e.getMessage();
      String field =
          msg.contains("unlimited")
              ? "stake_amount"
              : r.protections() != null || msg.toLowerCase(Locale.ROOT).contains("protection")
                  ? "protections"
                  : "body";
      throw ProblemException.badRequest(field, msg);
    }
  }

  static StakeAmount stake(Object raw) {
    if (raw == null) {
      return StakeAmount.UNLIMITED;
    }
    try {
      if (raw instanceof Number n) {
        return StakeAmount.of(new BigDecimal(n.toString()));
      }
      return StakeAmount.of(String.valueOf(raw));
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest(
          "stake_amount", "must be a positive number or \"unlimited\" (was " + raw + ")");
    }
  }

  private List<String> inlinePairs(BacktestRequest r) {
    if (r.candles().isEmpty()) {
      throw ProblemException.badRequest(
          "candles", "no pairs given; expected {\"BTC/USDT\": [[time, o, h, l, c, v], ...]}");
    }
    List<String> pairs = new ArrayList<>();
    for (String pair : r.candles().keySet()) {
      checkPair(pair, "candles");
      pairs.add(pair);
    }
    if (r.pairs() != null && !r.pairs().isEmpty()) {
      List<String> wanted = requestedPairs(r.pairs(), null, "pairs");
      for (int i = 0; i < wanted.size(); i++) {
        if (!r.candles().containsKey(wanted.get(i))) {
          throw ProblemException.badRequest(
              "pairs[" + i + "]",
              "unknown pair '"
                  + wanted.get(i)
                  + "': no inline candles for it (have "
                  + pairs
                  + ")");
        }
      }
      return wanted;
    }
    return pairs;
  }

  private static List<String> requestedPairs(List<String> raw, String exchange, String field) {
    if (raw == null || raw.isEmpty()) {
      throw ProblemException.badRequest(
          field, "at least one pair is required, e.g. [\"BTC/USDT\"]");
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i < raw.size(); i++) {
      String p = raw.get(i);
      checkPair(p, field + "[" + i + "]");
      if (!out.add(p)) {
        throw ProblemException.badRequest(
            field + "[" + i + "]", "pair '" + p + "' is listed twice");
      }
    }
    if (exchange != null) {
      try {
        Topics.key(exchange, raw.get(0));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("exchange", e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  private static void checkPair(String pair, String field) {
    if (pair == null || !pair.matches("[A-Z0-9]+/[A-Z0-9]+")) {
      throw ProblemException.badRequest(
          field, "pair must be BASE/QUOTE in capitals like BTC/USDT (was '" + pair + "')");
    }
  }

  private CandleColumns stored(
      String exchange, String pair, Timeframe tf, Instant from, Instant to) {
    CandleColumns c;
    try {
      c = marketData.candles(exchange, pair, tf, from, to);
    } catch (MarketDataClient.MarketDataUnavailableException e) {
      throw new ProblemException(503, null, "cannot load stored candles: " + e.getMessage());
    }
    if (c.size() == 0) {
      throw ProblemException.badRequest(
          "pairs",
          "unknown pair '"
              + pair
              + "': no stored "
              + tf.name()
              + " candles on "
              + exchange
              + (from == null && to == null ? "" : " in the timerange")
              + " (download or import them into market-data-service first)");
    }
    return c;
  }

  /**
   * Parses inline rows into columns; every row must have the same width (6, or 8 with signal
   * flags).
   */
  static CandleColumns inline(String pair, List<List<Object>> rows, Timeframe tf, boolean signals) {
    String field = "candles." + pair;
    if (rows == null || rows.isEmpty()) {
      throw ProblemException.badRequest(field, "no candles");
    }
    int n = rows.size();
    int width = rows.get(0) == null ? 0 : rows.get(0).size();
    if (signals && width != 8) {
      throw ProblemException.badRequest(
          field + "[0]",
          "the Signals strategy needs rows [time, open, high, low, "
              + "close, volume, enter_long, exit_long] (8 columns, got "
              + width
              + ")");
    }
    if (width != 6 && width != 8) {
      throw ProblemException.badRequest(
          field + "[0]",
          "rows are [time, open, high, low, close, volume] "
              + "(+ enter_long, exit_long), got "
              + width
              + " columns");
    }
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    double[] en = width == 8 ? new double[n] : null;
    double[] ex = width == 8 ? new double[n] : null;
    long tfMs = tf.millis();
    for (int i = 0; i < n; i++) {
      List<Object> row = rows.get(i);
      String rf = field + "[" + i + "]";
      if (row == null || row.size() != width) {
        throw ProblemException.badRequest(
            rf,
            "inconsistent columns: "
                + (row == null ? 0 : row.size())
                + " values where row 0 has "
                + width);
      }
      t[i] = time(row.get(0), rf + "[0]");
      if (i > 0 && t[i] <= t[i - 1]) {
        throw ProblemException.badRequest(rf + "[0]", "candle times must be strictly increasing");
      }
      if (t[i] % tfMs != 0) {
        throw ProblemException.badRequest(
            rf + "[0]",
            "time " + Instant.ofEpochMilli(t[i]) + " is not on the " + tf.name() + " grid");
      }
      o[i] = number(row.get(1), rf + "[1]");
      h[i] = number(row.get(2), rf + "[2]");
      l[i] = number(row.get(3), rf + "[3]");
      c[i] = number(row.get(4), rf + "[4]");
      v[i] = number(row.get(5), rf + "[5]");
      if (!(o[i] > 0 && c[i] > 0 && l[i] > 0) || v[i] < 0) {
        throw ProblemException.badRequest(rf, "prices must be positive and volume >= 0");
      }
      if (h[i] < Math.max(o[i], c[i]) || l[i] > Math.min(o[i], c[i])) {
        throw ProblemException.badRequest(
            rf, "high must be >= open and close, low <= open and close");
      }
      if (width == 8) {
        en[i] = flag(row.get(6), rf + "[6]");
        ex[i] = flag(row.get(7), rf + "[7]");
      }
    }
    Map<String, double[]> extra =
        width == 8
            ? Map.of(SignalsStrategy.ENTER_LONG, en, SignalsStrategy.EXIT_LONG, ex)
            : Map.of();
    return new CandleColumns(t, o, h, l, c, v, extra);
  }

  private static long time(Object raw, String field) {
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || d < 0) {
        throw ProblemException.badRequest(
            field, "epoch milliseconds must be a whole non-negative number");
      }
      return n.longValue();
    }
    if (raw instanceof String s) {
      try {
        return Instant.parse(s).toEpochMilli();
      } catch (DateTimeParseException e) {
        try {
          return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (DateTimeParseException e2) {
          throw ProblemException.badRequest(
              field, "'" + s + "' is not an ISO-8601 time like 2024-01-01T00:00:00Z");
        }
      }
    }
    throw ProblemException.badRequest(
        field, "time must be an ISO-8601 string or epoch milliseconds");
  }

  private static double number(Object raw, String field) {
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (Double.isFinite(d)) {
        return d;
      }
    }
    throw ProblemException.badRequest(field, "must be a finite number (was " + raw + ")");
  }

  private static double flag(Object raw, String field) {
    if (raw instanceof Number n && (n.doubleValue() == 0.0 || n.doubleValue() == 1.0)) {
      return n.doubleValue();
    }
    if (raw instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    throw ProblemException.badRequest(field, "signal flags must be 0 or 1 (was " + raw + ")");
  }
}
