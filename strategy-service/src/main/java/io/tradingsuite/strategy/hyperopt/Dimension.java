package io.tradingsuite.strategy.hyperopt;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * One searched dimension, as scikit-optimize's {@code Integer}, Freqtrade's {@code SKDecimal} and
 * {@code Categorical}. Values are canonical Java objects: {@link Integer}, {@link Double} (rounded
 * to {@code decimals}), or one of the choices.
 */
public sealed interface Dimension
    permits Dimension.IntDim, Dimension.DecimalDim, Dimension.CategoricalDim {

  String name();

  HyperoptSpace space();

  /** Integer in {@code [low, high]}. */
  record IntDim(String name, HyperoptSpace space, int low, int high) implements Dimension {
    public IntDim {
      Objects.requireNonNull(name);
      if (low > high) {
        throw new IllegalArgumentException(name + ": low > high");
      }
    }
  }

  /** Decimal in {@code [low, high]} on a grid of {@code 10^-decimals}. */
  record DecimalDim(String name, HyperoptSpace space, double low, double high, int decimals)
      implements Dimension {
    public DecimalDim {
      Objects.requireNonNull(name);
      if (!(low <= high)) {
        throw new IllegalArgumentException(name + ": low > high");
      }
    }

    public double step() {
      return Math.pow(10, -decimals);
    }

    public double round(double v) {
      double r = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
      // keep rounding inside the bounds (bounds need not lie on the grid)
      if (r < low) {
        r = BigDecimal.valueOf(low).setScale(decimals, RoundingMode.CEILING).doubleValue();
      }
      if (r > high) {
        r = BigDecimal.valueOf(high).setScale(decimals, RoundingMode.FLOOR).doubleValue();
      }
      return r;
    }
  }

  /** One of {@code choices} (strings or booleans). */
  record CategoricalDim(String name, HyperoptSpace space, List<Object> choices)
      implements Dimension {
    public CategoricalDim {
      Objects.requireNonNull(name);
      choices = List.copyOf(choices);
      if (choices.isEmpty()) {
        throw new IllegalArgumentException(name + ": no choices");
      }
    }
  }
}
