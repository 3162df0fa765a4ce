package io.tradingsuite.strategy.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.StrategyCallbacks;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code scenarios/freqtrade-scenarios.json} (Freqtrade's test_backtest_detail cases) and
 * runs them.
 */
final class FreqtradeScenarios {

  static final String PAIR = "UNITTEST/BTC";
  private static JsonNode root;

  private FreqtradeScenarios() {}

  static synchronized JsonNode root() {
    if (root == null) {
      try (InputStream in =
          FreqtradeScenarios.class.getResourceAsStream("/scenarios/freqtrade-scenarios.json")) {
        root = new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return root;
  }

  static List<String> names(String listKey) {
    List<String> out = new ArrayList<>();
    root().get(listKey).forEach(n -> out.add(n.asText()));
    return out;
  }

  static JsonNode scenario(String name) {
    for (JsonNode c : root().get("cases")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new IllegalArgumentException(name);
  }

  static boolean isSimple(String name) {
    return names("long_only_simple_case_names").contains(name);
  }

  static double dbl(JsonNode n) {
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }

  static ExitPlan exitPlan(JsonNode c) {
    Map<String, Double> roi = new LinkedHashMap<>();
    c.get("roi").fields().forEachRemaining(e -> roi.put(e.getKey(), e.getValue().asDouble()));
    return ExitPlan.builder()
        .stoploss(c.get("stop_loss").asDouble())
        .minimalRoi(RoiTable.of(roi))
        .trailingStop(c.get("trailing_stop").asBoolean())
        .trailingOnlyOffsetIsReached(c.get("trailing_only_offset_is_reached").asBoolean())
        .trailingStopPositive(dbl(c.get("trailing_stop_positive")))
        .trailingStopPositiveOffset(c.get("trailing_stop_positive_offset").asDouble())
        .useExitSignal(c.get("use_exit_signal").asBoolean())
        .useCustomStoploss(c.get("use_custom_stoploss").asBoolean())
        .build();
  }

  static PairData pairData(JsonNode c) {
    JsonNode rows = c.get("candles");
    int n = rows.size();
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] cl = new double[n];
    double[] v = new double[n];
    boolean[] enter = new boolean[n];
    boolean[] exit = new boolean[n];
    String[] tags = new String[n];
    for (int i = 0; i < n; i++) {
      JsonNode r = rows.get(i);
      t[i] = Instant.parse(r.get("date").asText()).toEpochMilli();
      o[i] = r.get("open").asDouble();
      h[i] = r.get("high").asDouble();
      l[i] = r.get("low").asDouble();
      cl[i] = r.get("close").asDouble();
      v[i] = r.get("volume").asDouble();
      enter[i] = r.get("enter_long").asInt() == 1;
      exit[i] = r.get("exit_long").asInt() == 1;
      tags[i] = r.hasNonNull("enter_tag") ? r.get("enter_tag").asText() : null;
    }
    return new PairData(
        PAIR, new CandleColumns(t, o, h, l, cl, v), new SignalColumns(enter, exit, tags));
  }

  /**
   * The upstream harness: 1h, fee 0, stake 0.001, wallet 1000, 10 slots, unfilledtimeout 10/30 or
   * the case's.
   */
  static BacktestConfig config(JsonNode c) {
    Integer entryTo = 10;
    Integer exitTo = 30;
    if (c.hasNonNull("timeout")) {
      entryTo = c.get("timeout").asInt();
      exitTo = entryTo;
    }
    return BacktestConfig.builder(Timeframe.parse("1h"), exitPlan(c))
        .fee(0.0)
        .stakeAmount(StakeAmount.of(new BigDecimal("0.001")))
        .dryRunWallet(new BigDecimal("1000"))
        .maxOpenTrades(10)
        .unfilledTimeoutMinutes(entryTo, exitTo)
        .orderTypes(BacktestConfig.OrderType.LIMIT, BacktestConfig.OrderType.LIMIT)
        .build();
  }

  /** The mocked strategy callbacks of the harness. */
  static StrategyCallbacks callbacks(JsonNode c) {
    double customEntry = dbl(c.get("custom_entry_price"));
    double customExit = dbl(c.get("custom_exit_price"));
    double adjustEntry = dbl(c.get("adjust_entry_price"));
    return new StrategyCallbacks() {
      @Override
      public double customEntryPrice(String pair, long time, double proposedRate, String enterTag) {
        return customEntry;
      }

      @Override
      public double customExitPrice(
          String pair,
          io.tradingsuite.core.TradePosition trade,
          long time,
          double proposedRate,
          double currentProfit,
          String exitReason) {
        return customExit;
      }

      @Override
      public double adjustEntryPrice(
          String pair, long time, double proposedRate, double currentOrderRate) {
        return adjustEntry;
      }
    };
  }

  static BacktestResult run(JsonNode c) {
    return new BacktestEngine()
        .run(config(c), List.of(pairData(c)), callbacks(c), ProgressListener.NONE);
  }
}
