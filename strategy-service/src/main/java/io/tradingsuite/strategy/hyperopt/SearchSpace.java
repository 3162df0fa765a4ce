package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.strategy.api.Parameter;
import io.tradingsuite.strategy.api.ParameterSpace;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dimensions searched for one strategy and the selected spaces, and the mapping of a sampled
 * point ({@code params_dict}) to strategy parameters and an exit plan - what Freqtrade's {@code
 * Hyperopt} does with {@code _get_params_dict} / {@code _get_params_details} / {@code
 * generate_roi_table} / {@code generate_trailing_params}.
 */
public final class SearchSpace {

  /** Freqtrade's default {@code stoploss_space}. */
  public static final double STOPLOSS_LOW = -0.35;

  public static final double STOPLOSS_HIGH = -0.02;

  private final Strategy strategy;
  private final Set<HyperoptSpace> spaces;
  private final List<Dimension> dimensions;
  private final StrategyParams baseParams;
  private final ExitPlan basePlan;

  private SearchSpace(
      Strategy strategy,
      Set<HyperoptSpace> spaces,
      List<Dimension> dimensions,
      StrategyParams baseParams,
      ExitPlan basePlan) {
    this.strategy = strategy;
    this.spaces = Collections.unmodifiableSet(spaces);
    this.dimensions = List.copyOf(dimensions);
    this.baseParams = baseParams;
    this.basePlan = basePlan;
  }

  /**
   * The dimensions of the requested spaces for a strategy and exit plan.
   *
   * @param baseParams values of parameters not searched (request params / defaults)
   * @param basePlan the backtest's exit plan (strategy settings with config overrides)
   * @param timeframeMin timeframe in minutes (scales the ROI space)
   * @param bounds optional narrower bounds {@code name -> [low, high]} for int/decimal strategy
   *     parameters and {@code stoploss}; must lie inside the declared range
   */
  public static SearchSpace of(
      Strategy strategy,
      Set<HyperoptSpace> spaces,
      StrategyParams baseParams,
      ExitPlan basePlan,
      int timeframeMin,
      Map<String, List<Double>> bounds) {
    Map<String, List<Double>> b = bounds == null ? Map.of() : bounds;
    for (String name : b.keySet()) {
      boolean known =
          name.equals("stoploss")
              || strategy.parameters().stream().anyMatch(p -> p.name().equals(name));
      if (!known) {
        throw new HyperoptInputException(
            "bounds." + name, "no such parameter in " + strategy.name());
      }
    }
    List<Dimension> dims = new ArrayList<>();
    for (HyperoptSpace space : new HyperoptSpace[] {HyperoptSpace.BUY, HyperoptSpace.SELL}) {
      if (!spaces.contains(space)) {
        continue;
      }
      ParameterSpace ps = space == HyperoptSpace.BUY ? ParameterSpace.BUY : ParameterSpace.SELL;
      int before = dims.size();
      for (Parameter p : strategy.parameters()) {
        if (p.space() == ps && p.optimize()) {
          dims.add(dimension(p, space, b.get(p.name())));
        }
      }
      if (dims.size() == before) {
        throw new HyperoptInputException(
            "spaces",
            "the '"
                + space.wireName()
                + "' space is selected but "
                + strategy.name()
                + " declares no "
                + space.wireName()
                + " parameter");
      }
    }
    if (spaces.contains(HyperoptSpace.ROI)) {
      dims.addAll(RoiSpace.dimensions(timeframeMin));
    }
    if (spaces.contains(HyperoptSpace.STOPLOSS)) {
      double lo = STOPLOSS_LOW;
      double hi = STOPLOSS_HIGH;
      List<Double> sb = b.get("stoploss");
      if (sb != null) {
        checkBounds("bounds.stoploss", sb, -1.0, -0.001);
        lo = sb.get(0);
        hi = sb.get(1);
      }
      dims.add(skDecimal("stoploss", HyperoptSpace.STOPLOSS, lo, hi, 3));
    }
    if (spaces.contains(HyperoptSpace.TRAILING)) {
      HyperoptSpace t = HyperoptSpace.TRAILING;
      // trailing_stop is always true when the space is searched (Freqtrade keeps it as a one-value
      // dimension)
      dims.add(new Dimension.CategoricalDim("trailing_stop", t, List.of(true)));
      dims.add(skDecimal("trailing_stop_positive", t, 0.01, 0.35, 3));
      dims.add(skDecimal("trailing_stop_positive_offset_p1", t, 0.001, 0.1, 3));
      dims.add(
          new Dimension.CategoricalDim("trailing_only_offset_is_reached", t, List.of(true, false)));
    }
    if (dims.isEmpty()) {
      throw new HyperoptInputException("spaces", "nothing to search");
    }
    return new SearchSpace(strategy, spaces, dims, baseParams, basePlan);
  }

  private static Dimension dimension(Parameter p, HyperoptSpace space, List<Double> narrowed) {
    String field = "bounds." + p.name();
    if (p instanceof Parameter.IntParam ip) {
      int lo = ip.low();
      int hi = ip.high();
      if (narrowed != null) {
        checkBounds(field, narrowed, ip.low(), ip.high());
        if (narrowed.get(0) != Math.rint(narrowed.get(0))
            || narrowed.get(1) != Math.rint(narrowed.get(1))) {
          throw new HyperoptInputException(field, "integer bounds expected for " + p.name());
        }
        lo = narrowed.get(0).intValue();
        hi = narrowed.get(1).intValue();
      }
      return new Dimension.IntDim(p.name(), space, lo, hi);
    }
    if (p instanceof Parameter.DecimalParam dp) {
      double lo = dp.low();
      double hi = dp.high();
      if (narrowed != null) {
        checkBounds(field, narrowed, dp.low(), dp.high());
        lo = narrowed.get(0);
        hi = narrowed.get(1);
      }
      return skDecimal(p.name(), space, lo, hi, dp.decimals());
    }
    if (narrowed != null) {
      throw new HyperoptInputException(
          field, p.name() + " is " + p.kind() + ": bounds apply to int/decimal only");
    }
    if (p instanceof Parameter.CategoricalParam cp) {
      return new Dimension.CategoricalDim(p.name(), space, new ArrayList<>(cp.choices()));
    }
    return new Dimension.CategoricalDim(p.name(), space, List.of(true, false));
  }

  private static void checkBounds(String field, List<Double> b, double min, double max) {
    if (b.size() != 2 || b.get(0) == null || b.get(1) == null) {
      throw new HyperoptInputException(field, "expected [low, high]");
    }
    double lo = b.get(0);
    double hi = b.get(1);
    if (!(lo <= hi)) {
      throw new HyperoptInputException(field, "low " + lo + " is above high " + hi);
    }
    if (lo < min || hi > max) {
      throw new HyperoptInputException(
          field,
          "[" + lo + ", " + hi + "] does not fit the parameter's range [" + min + ", " + max + "]");
    }
  }

  /**
   * Freqtrade's {@code SKDecimal}: bounds truncated onto the {@code 10^-decimals} grid (Python
   * {@code int()}).
   */
  static Dimension.DecimalDim skDecimal(
      String name, HyperoptSpace space, double low, double high, int decimals) {
    double pow = Math.pow(10, decimals);
    long lo = (long) (low * pow);
    long hi = (long) (high * pow);
    return new Dimension.DecimalDim(
        name,
        space,
        BigDecimal.valueOf(lo, decimals).doubleValue(),
        BigDecimal.valueOf(hi, decimals).doubleValue(),
        decimals);
  }

  public Strategy strategy() {
    return strategy;
  }

  public Set<HyperoptSpace> spaces() {
    return spaces;
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** Decodes a sampled point into everything an epoch needs and reports. */
  public Assignment decode(Map<String, Object> point) {
    Map<String, Object> paramsDict = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      Object v = point.get(d.name());
      if (v == null) {
        throw new IllegalArgumentException("point lacks " + d.name());
      }
      paramsDict.put(d.name(), v);
    }
    Map<String, Map<String, Object>> details = new LinkedHashMap<>();
    Map<String, Map<String, Object>> notOptimized = new LinkedHashMap<>();
    Map<String, Object> strategyValues = new LinkedHashMap<>(baseParams.asMap());
    for (HyperoptSpace space : new HyperoptSpace[] {HyperoptSpace.BUY, HyperoptSpace.SELL}) {
      ParameterSpace ps = space == HyperoptSpace.BUY ? ParameterSpace.BUY : ParameterSpace.SELL;
      Map<String, Object> opt = new LinkedHashMap<>();
      Map<String, Object> fixed = new LinkedHashMap<>();
      for (Parameter p : strategy.parameters()) {
        if (p.space() != ps) {
          continue;
        }
        if (paramsDict.containsKey(p.name())) {
          opt.put(p.name(), paramsDict.get(p.name()));
          strategyValues.put(p.name(), paramsDict.get(p.name()));
        } else {
          fixed.put(p.name(), baseParams.asMap().get(p.name()));
        }
      }
      if (!opt.isEmpty()) {
        details.put(space.wireName(), opt);
      }
      if (!fixed.isEmpty()) {
        notOptimized.put(space.wireName(), fixed);
      }
    }
    ExitPlan.Builder plan = basePlan.toBuilder();
    if (spaces.contains(HyperoptSpace.ROI)) {
      Map<Integer, Double> roi = RoiSpace.generateRoiTable(paramsDict);
      details.put("roi", stringKeys(roi));
      plan.minimalRoi(RoiTable.of(roi));
    } else {
      notOptimized.put("roi", stringKeys(basePlan.minimalRoi().asMap()));
    }
    if (spaces.contains(HyperoptSpace.STOPLOSS)) {
      double sl = ((Number) paramsDict.get("stoploss")).doubleValue();
      details.put("stoploss", mapOf("stoploss", sl));
      plan.stoploss(sl);
    } else {
      notOptimized.put("stoploss", mapOf("stoploss", basePlan.stoploss()));
    }
    if (spaces.contains(HyperoptSpace.TRAILING)) {
      boolean ts = (Boolean) paramsDict.get("trailing_stop");
      double tsp = ((Number) paramsDict.get("trailing_stop_positive")).doubleValue();
      double offset =
          tsp + ((Number) paramsDict.get("trailing_stop_positive_offset_p1")).doubleValue();
      boolean only = (Boolean) paramsDict.get("trailing_only_offset_is_reached");
      Map<String, Object> tr = new LinkedHashMap<>();
      tr.put("trailing_stop", ts);
      tr.put("trailing_stop_positive", tsp);
      tr.put("trailing_stop_positive_offset", offset);
      tr.put("trailing_only_offset_is_reached", only);
      details.put("trailing", tr);
      plan.trailingStop(ts)
          .trailingStopPositive(tsp)
          .trailingStopPositiveOffset(offset)
          .trailingOnlyOffsetIsReached(only);
    } else {
      notOptimized.put("trailing", trailingOf(basePlan));
    }
    return new Assignment(
        paramsDict, details, notOptimized, strategy.resolveParams(strategyValues), plan.build());
  }

  static Map<String, Object> trailingOf(ExitPlan p) {
    Map<String, Object> tr = new LinkedHashMap<>();
    tr.put("trailing_stop", p.trailingStop());
    tr.put("trailing_stop_positive", p.hasTrailingStopPositive() ? p.trailingStopPositive() : null);
    tr.put("trailing_stop_positive_offset", p.trailingStopPositiveOffset());
    tr.put("trailing_only_offset_is_reached", p.trailingOnlyOffsetIsReached());
    return tr;
  }

  static Map<String, Object> stringKeys(Map<Integer, Double> roi) {
    Map<String, Object> m = new LinkedHashMap<>();
    roi.forEach((k, v) -> m.put(String.valueOf(k), v));
    return m;
  }

  private static Map<String, Object> mapOf(String k, Object v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(k, v);
    return m;
  }

  /**
   * A decoded point: Freqtrade's {@code params_dict}, {@code params_details} (per space), {@code
   * params_not_optimized}, and what the backtest runs with.
   */
  public record Assignment(
      Map<String, Object> paramsDict,
      Map<String, Map<String, Object>> paramsDetails,
      Map<String, Map<String, Object>> paramsNotOptimized,
      StrategyParams strategyParams,
      ExitPlan exitPlan) {

    /** Details and not-optimized values merged per space: the parameter file's {@code params}. */
    public Map<String, Map<String, Object>> allParams() {
      Map<String, Map<String, Object>> all = new LinkedHashMap<>();
      for (String space : List.of("buy", "sell", "roi", "stoploss", "trailing")) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (paramsNotOptimized.containsKey(space)) {
          m.putAll(paramsNotOptimized.get(space));
        }
        if (paramsDetails.containsKey(space)) {
          m.putAll(paramsDetails.get(space));
        }
        if (!m.isEmpty()) {
          all.put(space, m);
        }
      }
      return all;
    }
  }
}
