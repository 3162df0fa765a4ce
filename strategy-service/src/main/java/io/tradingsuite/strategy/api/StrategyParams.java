package io.tradingsuite.strategy.api;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A complete, validated parameter assignment for one strategy (defaults filled in). Immutable;
 * usable as a map key ({@link #subset(Collection)} gives the key for indicator caching).
 */
public final class StrategyParams {

  private final Map<String, Object> values;

  private StrategyParams(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves {@code raw} against the declared parameters: unknown names are rejected, missing ones
   * take their default, values are coerced/validated.
   */
  public static StrategyParams resolve(List<Parameter> declared, Map<String, ?> raw) {
    Map<String, Object> v = new LinkedHashMap<>();
    Map<String, ?> in = raw == null ? Map.of() : raw;
    for (String k : in.keySet()) {
      if (declared.stream().noneMatch(p -> p.name().equals(k))) {
        throw new IllegalArgumentException("unknown parameter '" + k + "'");
      }
    }
    for (Parameter p : declared) {
      Object r = in.get(p.name());
      v.put(p.name(), r == null ? p.defaultValue() : p.coerce(r));
    }
    return new StrategyParams(v);
  }

  public int getInt(String name) {
    return ((Number) require(name)).intValue();
  }

  public double getDouble(String name) {
    return ((Number) require(name)).doubleValue();
  }

  public String getString(String name) {
    return (String) require(name);
  }

  public boolean getBoolean(String name) {
    return (Boolean) require(name);
  }

  private Object require(String name) {
    Object o = values.get(name);
    if (o == null) {
      throw new IllegalArgumentException("no parameter '" + name + "'");
    }
    return o;
  }

  public Map<String, Object> asMap() {
    return values;
  }

  /** The assignment restricted to {@code names} (e.g. the parameters indicators depend on). */
  public StrategyParams subset(Collection<String> names) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (String n : names) {
      if (values.containsKey(n)) {
        v.put(n, values.get(n));
      }
    }
    return new StrategyParams(v);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StrategyParams p && values.equals(p.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
