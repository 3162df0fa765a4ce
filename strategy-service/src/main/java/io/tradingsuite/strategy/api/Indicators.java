package io.tradingsuite.strategy.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named indicator columns computed over a whole {@link CandleColumns} ({@code NaN} where undefined,
 * e.g. the warm-up of a moving average). Treat the arrays as read-only: they are shared through
 * {@link IndicatorCache}.
 */
public final class Indicators {

  private final Map<String, double[]> columns = new LinkedHashMap<>();

  public Indicators put(String name, double[] values) {
    columns.put(name, values);
    return this;
  }

  /** The column, or an exception naming the missing column. */
  public double[] get(String name) {
    double[] v = columns.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "no indicator column '" + name + "', have " + columns.keySet());
    }
    return v;
  }

  public boolean has(String name) {
    return columns.containsKey(name);
  }

  public Map<String, double[]> asMap() {
    return Collections.unmodifiableMap(columns);
  }
}
