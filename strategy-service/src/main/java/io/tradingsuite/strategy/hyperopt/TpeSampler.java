package io.tradingsuite.strategy.hyperopt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Tree-structured Parzen Estimator, following Optuna's default {@code TPESampler} (univariate, i.e.
 * each dimension modelled independently): the first {@value #N_STARTUP} points are uniform; after
 * that the completed epochs are split into the best {@code gamma(n) = min(ceil(0.1 n), 25)}
 * ("below") and the rest ("above"), each group becomes a Parzen mixture (one truncated Gaussian per
 * observation, neighbour-distance bandwidths clipped to {@code [range / min(100, 1 + n_kernels),
 * range]}, plus a prior kernel centred on the range with weight 1; recent observations weighted up
 * by Optuna's ramp once there are more than 25), {@value #N_EI_CANDIDATES} candidates are drawn
 * from the "below" mixture and the one maximising {@code log l(x) - log g(x)} is taken. Integer and
 * decimal dimensions live on their grids (the density of a grid point is the mass of its cell),
 * categorical ones use Optuna's smoothed categorical kernels.
 */
public final class TpeSampler implements Sampler {

  static final int N_STARTUP = 10;
  static final int N_EI_CANDIDATES = 24;
  private static final double PRIOR_WEIGHT = 1.0;

  private final List<Dimension> dims;
  private final long seed;

  public TpeSampler(List<Dimension> dims, long seed) {
    this.dims = List.copyOf(dims);
    this.seed = seed;
  }

  @Override
  public boolean isRandom(int epochIndex) {
    return epochIndex < N_STARTUP;
  }

  @Override
  public List<Map<String, Object>> ask(int batch, int n, List<Trial> history) {
    SplittableRandom rnd = new SplittableRandom(Sampler.mix(seed, batch));
    List<Map<String, Object>> out = new ArrayList<>(n);
    Split split = history.size() >= N_STARTUP ? split(history) : null;
    // The estimators depend only on the split, so every point of the batch shares them. The work is
    // done in
    // three steps that give exactly what drawing and scoring point by point gives: (1) every random
    // draw in
    // the original order (scoring consumes no randomness; categorical dimensions are scored right
    // away, they
    // are cheap), (2) the densities of all distinct numeric candidates, in parallel, (3) each
    // point's best
    // candidate in draw order.
    Model[] models = new Model[dims.size()];
    long[][][] candidates = new long[n][][];
    for (int i = 0; i < n; i++) {
      if (history.size() + i < N_STARTUP || split == null) {
        out.add(RandomSampler.uniform(dims, rnd));
        continue;
      }
      Map<String, Object> p = new LinkedHashMap<>();
      candidates[i] = new long[dims.size()][];
      for (int j = 0; j < dims.size(); j++) {
        Dimension d = dims.get(j);
        if (models[j] == null) {
          models[j] = model(d, split);
        }
        Model m = models[j];
        if (d instanceof Dimension.CategoricalDim c) {
          p.put(d.name(), sampleCategorical(c, m, rnd));
        } else if (m.lo() == m.hi()) {
          p.put(d.name(), value(d, m.lo()));
        } else {
          long[] cands = new long[N_EI_CANDIDATES];
          for (int k = 0; k < N_EI_CANDIDATES; k++) {
            cands[k] = m.below().sample(rnd);
          }
          candidates[i][j] = cands;
          p.put(d.name(), null); // keeps the key order; filled in step 3
        }
      }
      out.add(p);
    }
    Scores[] scores = score(models, candidates);
    for (int i = 0; i < n; i++) {
      if (candidates[i] == null) {
        continue;
      }
      for (int j = 0; j < dims.size(); j++) {
        long[] cands = candidates[i][j];
        if (cands == null) {
          continue;
        }
        long best = models[j].lo();
        double bestScore = Double.NEGATIVE_INFINITY;
        for (long cand : cands) {
          double score = scores[j].below(cand) - scores[j].above(cand);
          if (score > bestScore) {
            bestScore = score;
            best = cand;
          }
        }
        out.get(i).put(dims.get(j).name(), value(dims.get(j), best));
      }
    }
    return out;
  }

  private static Object sampleCategorical(
      Dimension.CategoricalDim c, Model m, SplittableRandom rnd) {
    int k = c.choices().size();
    double[] below = m.belowChoices();
    double[] above = m.aboveChoices();
    int best = -1;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < N_EI_CANDIDATES; i++) {
      int cand = draw(below, rnd);
      double score = Math.log(below[cand]) - Math.log(above[cand]);
      if (score > bestScore) {
        bestScore = score;
        best = cand;
      }
    }
    return c.choices().get(best < 0 ? rnd.nextInt(k) : best);
  }

  /** Log densities of a dimension's distinct candidates under both estimators. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private scratch of one batch, never compared or shared
  private record Scores(long[] xs, double[] below, double[] above) {
    double below(long x) {
      return below[Arrays.binarySearch(xs, x)];
    }

    double above(long x) {
      return above[Arrays.binarySearch(xs, x)];
    }
  }

  /**
   * Step 2: every numeric dimension's candidates scored under both of its estimators, in parallel.
   */
  private Scores[] score(Model[] models, long[][][] candidates) {
    Scores[] scores = new Scores[dims.size()];
    List<Integer> numeric = new ArrayList<>();
    for (int j = 0; j < dims.size(); j++) {
      TreeSet<Long> xs = new TreeSet<>();
      for (long[][] point : candidates) {
        if (point != null && point[j] != null) {
          for (long x : point[j]) {
            xs.add(x);
          }
        }
      }
      if (!xs.isEmpty()) {
        long[] sorted = xs.stream().mapToLong(Long::longValue).toArray();
        scores[j] = new Scores(sorted, new double[sorted.length], new double[sorted.length]);
        numeric.add(j);
      }
    }
    // one task per (dimension, estimator); the results do not depend on how the tasks are scheduled
    IntStream.range(0, numeric.size() * 2)
        .parallel()
        .forEach(
            t -> {
              int j = numeric.get(t / 2);
              Parzen parzen = t % 2 == 0 ? models[j].below() : models[j].above();
              parzen.logMassAll(scores[j].xs(), t % 2 == 0 ? scores[j].below() : scores[j].above());
            });
    return scores;
  }

  /** One dimension's "below" and "above" estimators for a batch. */
  @SuppressWarnings(
      "ArrayRecordComponent") // private scratch of one batch, never compared or shared
  private record Model(
      double[] belowChoices, double[] aboveChoices, Parzen below, Parzen above, long lo, long hi) {}

  /** Trials split into below/above, each in epoch order (for the recency weights). */
  record Split(List<Trial> below, List<Trial> above) {}

  static Split split(List<Trial> history) {
    int n = history.size();
    int nBelow = Math.min((int) Math.ceil(0.1 * n), 25);
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    // stable: equal losses keep epoch order
    Arrays.sort(idx, Comparator.comparingDouble(i -> history.get(i).loss()));
    boolean[] isBelow = new boolean[n];
    for (int i = 0; i < nBelow; i++) {
      isBelow[idx[i]] = true;
    }
    List<Trial> below = new ArrayList<>();
    List<Trial> above = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (isBelow[i] ? below : above).add(history.get(i));
    }
    return new Split(below, above);
  }

  /**
   * Optuna's {@code default_weights}: ones, or a linear ramp from 1/n for all but the newest 25.
   */
  static double[] observationWeights(int n) {
    double[] w = new double[n];
    if (n < 25) {
      Arrays.fill(w, 1.0);
      return w;
    }
    int ramp = n - 25;
    for (int i = 0; i < ramp; i++) {
      w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1.0 - 1.0 / n) * i / (ramp - 1);
    }
    for (int i = ramp; i < n; i++) {
      w[i] = 1.0;
    }
    return w;
  }

  private static Model model(Dimension d, Split split) {
    if (d instanceof Dimension.CategoricalDim c) {
      return new Model(
          categorical(c, split.below()), categorical(c, split.above()), null, null, 0, 0);
    }
    long lo;
    long hi;
    if (d instanceof Dimension.IntDim i) {
      lo = i.low();
      hi = i.high();
    } else {
      Dimension.DecimalDim dd = (Dimension.DecimalDim) d;
      lo = RandomSampler.gridIndex(dd, dd.low());
      hi = RandomSampler.gridIndex(dd, dd.high());
    }
    if (lo == hi) {
      return new Model(null, null, null, null, lo, hi);
    }
    return new Model(
        null,
        null,
        Parzen.of(grid(d, split.below()), lo, hi),
        Parzen.of(grid(d, split.above()), lo, hi),
        lo,
        hi);
  }

  private static Object value(Dimension d, long k) {
    return d instanceof Dimension.DecimalDim dd
        ? (Object) RandomSampler.fromGrid(dd, k)
        : (Object) (int) k;
  }

  private static double[] grid(Dimension d, List<Trial> trials) {
    double[] out = new double[trials.size()];
    for (int i = 0; i < out.length; i++) {
      Number v = (Number) trials.get(i).params().get(d.name());
      out[i] =
          d instanceof Dimension.DecimalDim dd
              ? RandomSampler.gridIndex(dd, v.doubleValue())
              : v.longValue();
    }
    return out;
  }

  /**
   * Mixture probabilities of each choice (Optuna's categorical Parzen estimator with a uniform
   * prior).
   */
  private static double[] categorical(Dimension.CategoricalDim c, List<Trial> trials) {
    int k = c.choices().size();
    int n = trials.size();
    double[] w = observationWeights(n);
    double total = PRIOR_WEIGHT;
    for (double x : w) {
      total += x;
    }
    double[] p = new double[k];
    double cell = PRIOR_WEIGHT / (n + 1);
    // prior kernel: uniform
    for (int j = 0; j < k; j++) {
      p[j] += PRIOR_WEIGHT / total / k;
    }
    for (int i = 0; i < n; i++) {
      int obs = c.choices().indexOf(trials.get(i).params().get(c.name()));
      double rowSum = cell * k + 1.0;
      for (int j = 0; j < k; j++) {
        double kernel = (cell + (j == obs ? 1.0 : 0.0)) / rowSum;
        p[j] += w[i] / total * kernel;
      }
    }
    return p;
  }

  private static int draw(double[] p, SplittableRandom rnd) {
    double u = rnd.nextDouble();
    double acc = 0;
    for (int j = 0; j < p.length; j++) {
      acc += p[j];
      if (u < acc) {
        return j;
      }
    }
    return p.length - 1;
  }

  /** A mixture of truncated Gaussians over the integer grid {@code [lo, hi]} (cells of width 1). */
  static final class Parzen {
    final double[] mu;
    final double[] sigma;
    final double[] weight;
    final double[] norm;
    final double low;
    final double high;

    private Parzen(double[] mu, double[] sigma, double[] weight, double low, double high) {
      this.mu = mu;
      this.sigma = sigma;
      this.weight = weight;
      this.low = low;
      this.high = high;
      this.norm = new double[mu.length];
      for (int i = 0; i < mu.length; i++) {
        norm[i] = phi((high - mu[i]) / sigma[i]) - phi((low - mu[i]) / sigma[i]);
      }
    }

    static Parzen of(double[] obs, long lo, long hi) {
      double low = lo - 0.5;
      double high = hi + 0.5;
      int n = obs.length;
      double[] mus = new double[n + 1];
      double[] sig = new double[n + 1];
      // bandwidths from neighbour distances, endpoints included in the sort but not "considered"
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble(i -> obs[i]));
      double[] sorted = new double[n + 2];
      sorted[0] = low;
      sorted[n + 1] = high;
      for (int i = 0; i < n; i++) {
        sorted[i + 1] = obs[order[i]];
      }
      double[] sortedSigma = new double[n];
      for (int i = 0; i < n; i++) {
        sortedSigma[i] = Math.max(sorted[i + 1] - sorted[i], sorted[i + 2] - sorted[i + 1]);
      }
      if (n + 2 >= 4) {
        sortedSigma[0] = sorted[2] - sorted[1];
        sortedSigma[n - 1] = sorted[n] - sorted[n - 1];
      }
      double range = high - low;
      double minSigma = range / Math.min(100.0, 1.0 + n + 1);
      for (int i = 0; i < n; i++) {
        mus[order[i]] = obs[order[i]];
        sig[order[i]] = Math.min(Math.max(sortedSigma[i], minSigma), range);
      }
      mus[n] = 0.5 * (low + high);
      sig[n] = range;
      double[] w = new double[n + 1];
      double[] ow = observationWeights(n);
      double total = PRIOR_WEIGHT;
      for (double x : ow) {
        total += x;
      }
      for (int i = 0; i < n; i++) {
        w[i] = ow[i] / total;
      }
      w[n] = PRIOR_WEIGHT / total;
      return new Parzen(mus, sig, w, low, high);
    }

    long sample(SplittableRandom rnd) {
      double u = rnd.nextDouble();
      double acc = 0;
      int k = weight.length - 1;
      for (int i = 0; i < weight.length; i++) {
        acc += weight[i];
        if (u < acc) {
          k = i;
          break;
        }
      }
      // inverse-CDF sampling of the truncated normal
      double a = phi((low - mu[k]) / sigma[k]);
      double b = phi((high - mu[k]) / sigma[k]);
      double x;
      if (b - a < 1e-12) {
        x = Math.min(Math.max(mu[k], low), high);
      } else {
        x = mu[k] + sigma[k] * phiInv(a + rnd.nextDouble() * (b - a));
      }
      long g = Math.round(x);
      return Math.max((long) Math.ceil(low), Math.min((long) Math.floor(high), g));
    }

    /**
     * {@link #logMass} of each of the sorted distinct grid points {@code xs} into {@code out}: the
     * same sums in the same order, but each cell edge's CDF is computed once for neighbouring
     * points (the upper edge of {@code x} is the lower edge of {@code x + 1}).
     */
    void logMassAll(long[] xs, double[] out) {
      // edges k - 0.5 for k in [xs[0], xs[last] + 1] that some x needs (k = x and k = x + 1)
      long first = xs[0];
      int span = (int) (xs[xs.length - 1] + 2 - first);
      boolean[] needed = new boolean[span];
      for (long x : xs) {
        needed[(int) (x - first)] = true;
        needed[(int) (x + 1 - first)] = true;
      }
      double[] cdf = new double[span];
      double[] m = new double[xs.length];
      for (int i = 0; i < mu.length; i++) {
        if (norm[i] <= 0) {
          continue;
        }
        for (int e = 0; e < span; e++) {
          if (needed[e]) {
            double edge =
                (double) (first + e) - 0.5; // == x + 0.5 of x = k - 1, == x - 0.5 of x = k
            cdf[e] = phi((edge - mu[i]) / sigma[i]);
          }
        }
        for (int k = 0; k < xs.length; k++) {
          int e = (int) (xs[k] - first);
          double cell = cdf[e + 1] - cdf[e];
          m[k] += weight[i] * cell / norm[i];
        }
      }
      for (int k = 0; k < xs.length; k++) {
        out[k] = Math.log(Math.max(m[k], 1e-300));
      }
    }

    double logMass(long x) {
      double m = 0;
      for (int i = 0; i < mu.length; i++) {
        if (norm[i] <= 0) {
          continue;
        }
        double cell = phi((x + 0.5 - mu[i]) / sigma[i]) - phi((x - 0.5 - mu[i]) / sigma[i]);
        m += weight[i] * cell / norm[i];
      }
      return Math.log(Math.max(m, 1e-300));
    }
  }

  /** Standard normal CDF. */
  static double phi(double z) {
    // beyond 40 standard deviations erfc's exp underflows to 0, so the formula gives exactly 0 or 1
    if (z < -40) {
      return 0.0;
    }
    if (z > 40) {
      return 1.0;
    }
    return 0.5 * erfc(-z / Math.sqrt(2));
  }

  /**
   * Complementary error function (Numerical Recipes' Chebyshev fit, relative error below 1.2e-7).
   */
  static double erfc(double x) {
    double z = Math.abs(x);
    double t = 1.0 / (1.0 + 0.5 * z);
    double r =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
  }

  /** Inverse standard normal CDF (Acklam's rational approximation, refined by one Newton step). */
  static double phiInv(double p) {
    if (p <= 0) {
      return -38;
    }
    if (p >= 1) {
      return 38;
    }
    double[] a = {
      -3.969683028665376e+01,
      2.209460984245205e+02,
      -2.759285104469687e+02,
      1.383577518672690e+02,
      -3.066479806614716e+01,
      2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03,
      -3.223964580411365e-01,
      -2.400758277161838e+00,
      -2.549732539343734e+00,
      4.374664141464968e+00,
      2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    double q;
    double x;
    if (p < 0.02425) {
      q = Math.sqrt(-2 * Math.log(p));
      x =
          (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
              / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    } else if (p <= 1 - 0.02425) {
      q = p - 0.5;
      double r = q * q;
      x =
          (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
              * q
              / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    } else {
      q = Math.sqrt(-2 * Math.log(1 - p));
      x =
          -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
              / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    return x;
  }
}
