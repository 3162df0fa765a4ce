package io.tradingsuite.strategy.builtin;

import io.tradingsuite.strategy.api.Parameter;
import io.tradingsuite.strategy.api.Strategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The strategies available by name (plain Java; the REST layer exposes {@link #describe()}). */
public final class StrategyRegistry {

  private final Map<String, Strategy> byName = new LinkedHashMap<>();

  public StrategyRegistry(Collection<? extends Strategy> strategies) {
    for (Strategy s : strategies) {
      if (byName.putIfAbsent(s.name(), s) != null) {
        throw new IllegalArgumentException("duplicate strategy name " + s.name());
      }
    }
  }

  /** The built-in strategies. */
  public static StrategyRegistry builtin() {
    return new StrategyRegistry(
        List.of(
            new MaCrossoverStrategy(),
            new RsiMeanReversionStrategy(),
            new BollingerBandsStrategy(),
            new SignalsStrategy()));
  }

  public Optional<Strategy> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The strategy or an {@link IllegalArgumentException} naming the known ones. */
  public Strategy require(String name) {
    Strategy s = byName.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "unknown strategy '" + name + "', known: " + byName.keySet());
    }
    return s;
  }

  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Listing with settings and parameters (bounds, defaults). */
  public List<StrategyDescriptor> describe() {
    List<StrategyDescriptor> out = new ArrayList<>();
    byName.values().forEach(s -> out.add(StrategyDescriptor.of(s)));
    return out;
  }

  /** A strategy as listed by {@code GET /strategies}. */
  public record StrategyDescriptor(
      String name,
      String timeframe,
      int startupCandleCount,
      double stoploss,
      Map<Integer, Double> minimalRoi,
      List<ParameterDescriptor> parameters) {

    static StrategyDescriptor of(Strategy s) {
      List<ParameterDescriptor> ps = new ArrayList<>();
      for (Parameter p : s.parameters()) {
        ps.add(ParameterDescriptor.of(p));
      }
      return new StrategyDescriptor(
          s.name(),
          s.settings().timeframe().name(),
          s.settings().startupCandleCount(),
          s.settings().exitPlan().stoploss(),
          s.settings().exitPlan().minimalRoi().asMap(),
          List.copyOf(ps));
    }
  }

  /** One parameter: {@code low/high} for int/decimal, {@code choices} for categorical. */
  public record ParameterDescriptor(
      String name,
      String kind,
      String space,
      Object defaultValue,
      Number low,
      Number high,
      List<String> choices) {

    static ParameterDescriptor of(Parameter p) {
      if (p instanceof Parameter.IntParam i) {
        return new ParameterDescriptor(
            i.name(), i.kind(), i.space().wireName(), i.dflt(), i.low(), i.high(), null);
      }
      if (p instanceof Parameter.DecimalParam d) {
        return new ParameterDescriptor(
            d.name(), d.kind(), d.space().wireName(), d.dflt(), d.low(), d.high(), null);
      }
      if (p instanceof Parameter.CategoricalParam c) {
        return new ParameterDescriptor(
            c.name(), c.kind(), c.space().wireName(), c.dflt(), null, null, c.choices());
      }
      return new ParameterDescriptor(
          p.name(),
          p.kind(),
          p.space().wireName(),
          p.defaultValue(),
          null,
          null,
          List.of("true", "false"));
    }
  }
}
