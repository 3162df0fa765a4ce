package io.tradingsuite.strategy.api;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * A hyperoptable strategy parameter (Freqtrade's {@code IntParameter}, {@code DecimalParameter},
 * {@code CategoricalParameter}, {@code BooleanParameter}).
 */
public sealed interface Parameter
    permits Parameter.IntParam,
        Parameter.DecimalParam,
        Parameter.CategoricalParam,
        Parameter.BooleanParam {

  String name();

  ParameterSpace space();

  Object defaultValue();

  /** Whether hyperopt varies it (Freqtrade's {@code optimize=True}). */
  boolean optimize();

  /** Kind name for listings: {@code int, decimal, categorical, boolean}. */
  String kind();

  /** Validates and converts a raw value (e.g. from JSON) to this parameter's type. */
  Object coerce(Object raw);

  static IntParam intParam(String name, ParameterSpace space, int low, int high, int dflt) {
    return new IntParam(name, space, low, high, dflt, true);
  }

  static DecimalParam decimalParam(
      String name, ParameterSpace space, double low, double high, double dflt, int decimals) {
    return new DecimalParam(name, space, low, high, dflt, decimals, true);
  }

  static CategoricalParam categoricalParam(
      String name, ParameterSpace space, List<String> choices, String dflt) {
    return new CategoricalParam(name, space, List.copyOf(choices), dflt, true);
  }

  static BooleanParam booleanParam(String name, ParameterSpace space, boolean dflt) {
    return new BooleanParam(name, space, dflt, true);
  }

  /** Integer in {@code [low, high]}. */
  record IntParam(String name, ParameterSpace space, int low, int high, int dflt, boolean optimize)
      implements Parameter {
    public IntParam {
      Objects.requireNonNull(name);
      Objects.requireNonNull(space);
      if (low > high || dflt < low || dflt > high) {
        throw new IllegalArgumentException(name + ": need low <= default <= high");
      }
    }

    @Override
    public Object defaultValue() {
      return dflt;
    }

    @Override
    public String kind() {
      return "int";
    }

    @Override
    public Object coerce(Object raw) {
      int v;
      if (raw instanceof Number n) {
        double d = n.doubleValue();
        if (d != Math.rint(d)) {
          throw new IllegalArgumentException(name + " must be an integer: " + raw);
        }
        v = (int) d;
      } else {
        try {
          v = Integer.parseInt(String.valueOf(raw).trim());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(name + " must be an integer: " + raw, e);
        }
      }
      if (v < low || v > high) {
        throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "]: " + v);
      }
      return v;
    }
  }

  /** Decimal in {@code [low, high]} rounded to {@code decimals} places. */
  record DecimalParam(
      String name,
      ParameterSpace space,
      double low,
      double high,
      double dflt,
      int decimals,
      boolean optimize)
      implements Parameter {
    public DecimalParam {
      Objects.requireNonNull(name);
      Objects.requireNonNull(space);
      if (!(low <= dflt && dflt <= high)) {
        throw new IllegalArgumentException(name + ": need low <= default <= high");
      }
    }

    @Override
    public Object defaultValue() {
      return dflt;
    }

    @Override
    public String kind() {
      return "decimal";
    }

    @Override
    public Object coerce(Object raw) {
      double v;
      try {
        v =
            raw instanceof Number n
                ? n.doubleValue()
                : Double.parseDouble(String.valueOf(raw).trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a number: " + raw, e);
      }
      v = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
      if (v < low || v > high) {
        throw new IllegalArgumentException(name + " must be in [" + low + ", " + high + "]: " + v);
      }
      return v;
    }
  }

  /** One of {@code choices}. */
  record CategoricalParam(
      String name, ParameterSpace space, List<String> choices, String dflt, boolean optimize)
      implements Parameter {
    public CategoricalParam {
      Objects.requireNonNull(name);
      Objects.requireNonNull(space);
      if (choices.isEmpty() || !choices.contains(dflt)) {
        throw new IllegalArgumentException(name + ": default must be one of " + choices);
      }
    }

    @Override
    public Object defaultValue() {
      return dflt;
    }

    @Override
    public String kind() {
      return "categorical";
    }

    @Override
    public Object coerce(Object raw) {
      String s = String.valueOf(raw);
      if (!choices.contains(s)) {
        throw new IllegalArgumentException(name + " must be one of " + choices + ": " + raw);
      }
      return s;
    }
  }

  /** true/false. */
  record BooleanParam(String name, ParameterSpace space, boolean dflt, boolean optimize)
      implements Parameter {
    public BooleanParam {
      Objects.requireNonNull(name);
      Objects.requireNonNull(space);
    }

    @Override
    public Object defaultValue() {
      return dflt;
    }

    @Override
    public String kind() {
      return "boolean";
    }

    @Override
    public Object coerce(Object raw) {
      if (raw instanceof Boolean b) {
        return b;
      }
      String s = String.valueOf(raw).trim().toLowerCase(java.util.Locale.ROOT);
      if (s.equals("true") || s.equals("1")) {
        return true;
      }
      if (s.equals("false") || s.equals("0")) {
        return false;
      }
      throw new IllegalArgumentException(name + " must be a boolean: " + raw);
    }
  }
}
