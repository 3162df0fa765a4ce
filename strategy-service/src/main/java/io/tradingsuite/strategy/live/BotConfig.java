package io.tradingsuite.strategy.live;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import io.tradingsuite.strategy.hyperopt.StrategyParamsFile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One live bot: a strategy with its parameters, the markets it watches and the stake of each entry.
 * Exit settings default to the strategy's and may be overridden like in a backtest request. Read
 * from {@code suite.bots} (env {@code SUITE_BOTS}), a JSON array of objects with snake_case keys.
 *
 * @param window candles kept per pair (at least the strategy's startup candles + 2)
 * @param maxOpenTrades open + pending entries across the bot's pairs; {@code -1} = unlimited
 */
public record BotConfig(
    String name,
    Strategy strategy,
    Map<String, Object> params,
    String exchange,
    List<String> pairs,
    Timeframe timeframe,
    BigDecimal stakeAmount,
    int maxOpenTrades,
    int window,
    ExitPlan exitPlan) {

  /** The default: one {@code MaCrossoverStrategy} bot on the offline sample data set. */
  public static final String DEFAULT_JSON =
      "[{\"name\":\"ma-crossover-sample\",\"strategy\":\"MaCrossoverStrategy\","
          + "\"exchange\":\"sample\",\"pairs\":[\"BTC/USDT\",\"ETH/USDT\",\"SOL/USDT\"],\"timeframe\":\"5m\","
          + "\"stake_amount\":100}]";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  public BotConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(strategy, "strategy");
    params = params == null ? Map.of() : Map.copyOf(params);
    pairs = List.copyOf(pairs);
  }

  /**
   * Parses the bot list.
   *
   * @throws IllegalArgumentException naming the bot and field that is wrong
   */
  public static List<BotConfig> parseAll(String json, StrategyRegistry registry) {
    return parseAll(json, registry, null);
  }

  /**
   * As {@link #parseAll(String, StrategyRegistry)}, with each strategy's hyperopt parameter file
   * under {@code varDir} ({@code strategy_params/<Strategy>.json}, when there is one) in place of
   * the strategy's defaults; the bot's own {@code params} and exit settings still win.
   */
  public static List<BotConfig> parseAll(
      String json, StrategyRegistry registry, java.nio.file.Path varDir) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException("suite.bots is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("suite.bots must be a JSON array of bots");
    }
    List<BotConfig> out = new ArrayList<>();
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (int i = 0; i < root.size(); i++) {
      JsonNode b = root.get(i);
      if (b.path("enabled").isBoolean() && !b.get("enabled").asBoolean()) {
        continue;
      }
      BotConfig c = parse(b, registry, "suite.bots[" + i + "]", varDir);
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(
            "suite.bots[" + i + "].name: duplicate bot name " + c.name());
      }
      out.add(c);
    }
    return out;
  }

  static BotConfig parse(
      JsonNode b, StrategyRegistry registry, String at, java.nio.file.Path varDir) {
    String strategyName = text(b, "strategy", at, null);
    Strategy strategy =
        registry
            .find(strategyName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        at
                            + ".strategy: unknown strategy '"
                            + strategyName
                            + "', known: "
                            + registry.names()));
    Map<String, Object> params = new LinkedHashMap<>();
    if (b.has("params")) {
      Iterator<Map.Entry<String, JsonNode>> it = b.get("params").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        params.put(
            e.getKey(),
            v.isNumber() ? v.numberValue() : v.isBoolean() ? v.asBoolean() : v.asText());
      }
    }
    java.util.Optional<StrategyParamsFile.Loaded> file;
    try {
      file =
          varDir == null
              ? java.util.Optional.empty()
              : StrategyParamsFile.load(varDir, strategy.name());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          at + ".strategy: parameter file of " + strategy.name() + ": " + e.getMessage(), e);
    }
    params = StrategyParamsFile.under(file, params);
    try {
      strategy.resolveParams(params);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".params: " + e.getMessage(), e);
    }
    String exchange = text(b, "exchange", at, null);
    List<String> pairs = new ArrayList<>();
    for (JsonNode p : b.path("pairs")) {
      pairs.add(p.asText());
    }
    if (pairs.isEmpty()) {
      throw new IllegalArgumentException(at + ".pairs: at least one pair is required");
    }
    for (String p : pairs) {
      try {
        Topics.key(exchange, p);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(at + ".pairs: " + e.getMessage(), e);
      }
      if (!p.equals(p.toUpperCase(java.util.Locale.ROOT))) {
        throw new IllegalArgumentException(
            at + ".pairs: write pairs in capitals like BTC/USDT (was " + p + ")");
      }
    }
    Timeframe tf;
    try {
      tf =
          b.hasNonNull("timeframe")
              ? Timeframe.parse(b.get("timeframe").asText())
              : strategy.settings().timeframe();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".timeframe: " + e.getMessage(), e);
    }
    if (!b.path("stake_amount").isNumber() || b.get("stake_amount").decimalValue().signum() <= 0) {
      throw new IllegalArgumentException(
          at + ".stake_amount: a positive amount of the quote currency is required");
    }
    BigDecimal stake = b.get("stake_amount").decimalValue();
    int maxOpen = b.path("max_open_trades").asInt(-1);
    int window =
        b.path("window").asInt(Math.max(500, strategy.settings().startupCandleCount() * 3));
    if (window < strategy.settings().startupCandleCount() + 2) {
      throw new IllegalArgumentException(
          at
              + ".window: must be at least startup_candle_count + 2 ("
              + (strategy.settings().startupCandleCount() + 2)
              + ")");
    }
    ExitPlan.Builder plan =
        file
            .map(f -> f.applyTo(strategy.settings().exitPlan()))
            .orElse(strategy.settings().exitPlan())
            .toBuilder();
    try {
      if (b.hasNonNull("stoploss")) {
        plan.stoploss(b.get("stoploss").asDouble());
      }
      if (b.has("minimal_roi")) {
        Map<String, Double> roi = new LinkedHashMap<>();
        b.get("minimal_roi")
            .fields()
            .forEachRemaining(e -> roi.put(e.getKey(), e.getValue().asDouble()));
        plan.minimalRoi(RoiTable.of(roi));
      }
      if (b.has("trailing_stop")) {
        plan.trailingStop(b.get("trailing_stop").asBoolean());
      }
      if (b.hasNonNull("trailing_stop_positive")) {
        plan.trailingStopPositive(b.get("trailing_stop_positive").asDouble());
      }
      if (b.hasNonNull("trailing_stop_positive_offset")) {
        plan.trailingStopPositiveOffset(b.get("trailing_stop_positive_offset").asDouble());
      }
      if (b.has("trailing_only_offset_is_reached")) {
        plan.trailingOnlyOffsetIsReached(b.get("trailing_only_offset_is_reached").asBoolean());
      }
      if (b.has("use_exit_signal")) {
        plan.useExitSignal(b.get("use_exit_signal").asBoolean());
      }
      if (b.has("exit_profit_only")) {
        plan.exitProfitOnly(b.get("exit_profit_only").asBoolean());
      }
      if (b.hasNonNull("exit_profit_offset")) {
        plan.exitProfitOffset(b.get("exit_profit_offset").asDouble());
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
    }
    String name =
        b.hasNonNull("name")
            ? b.get("name").asText()
            : strategy.name() + "-" + exchange + "-" + tf.name();
    if (!name.matches("[A-Za-z0-9._-]{1,80}")) {
      throw new IllegalArgumentException(
          at + ".name: letters, digits, '.', '_' or '-' only (was " + name + ")");
    }
    return new BotConfig(
        name, strategy, params, exchange, pairs, tf, stake, maxOpen, window, plan.build());
  }

  private static String text(JsonNode b, String field, String at, String dflt) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull() || v.asText().isBlank()) {
      if (dflt != null) {
        return dflt;
      }
      throw new IllegalArgumentException(at + "." + field + ": is required");
    }
    return v.asText().trim();
  }
}
