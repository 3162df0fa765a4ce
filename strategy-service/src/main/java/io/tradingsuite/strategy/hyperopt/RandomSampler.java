package io.tradingsuite.strategy.hyperopt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Uniform random search over the grid of every dimension (the baseline). */
public final class RandomSampler implements Sampler {

  private final List<Dimension> dims;
  private final long seed;

  public RandomSampler(List<Dimension> dims, long seed) {
    this.dims = List.copyOf(dims);
    this.seed = seed;
  }

  @Override
  public List<Map<String, Object>> ask(int batch, int n, List<Trial> history) {
    SplittableRandom rnd = new SplittableRandom(Sampler.mix(seed, batch));
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(uniform(dims, rnd));
    }
    return out;
  }

  @Override
  public boolean isRandom(int epochIndex) {
    return true;
  }

  static Map<String, Object> uniform(List<Dimension> dims, SplittableRandom rnd) {
    Map<String, Object> p = new LinkedHashMap<>();
    for (Dimension d : dims) {
      p.put(d.name(), uniform(d, rnd));
    }
    return p;
  }

  static Object uniform(Dimension d, SplittableRandom rnd) {
    if (d instanceof Dimension.IntDim i) {
      return i.low() + rnd.nextInt(i.high() - i.low() + 1);
    }
    if (d instanceof Dimension.DecimalDim dd) {
      long lo = gridIndex(dd, dd.low());
      long hi = gridIndex(dd, dd.high());
      return fromGrid(dd, lo + rnd.nextLong(hi - lo + 1));
    }
    Dimension.CategoricalDim c = (Dimension.CategoricalDim) d;
    return c.choices().get(rnd.nextInt(c.choices().size()));
  }

  static long gridIndex(Dimension.DecimalDim d, double v) {
    return Math.round(v * Math.pow(10, d.decimals()));
  }

  static double fromGrid(Dimension.DecimalDim d, long k) {
    return BigDecimal.valueOf(k, d.decimals()).doubleValue();
  }
}
