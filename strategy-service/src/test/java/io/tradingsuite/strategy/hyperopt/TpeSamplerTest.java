package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The samplers are reproducible from their seed, and TPE finds better points than random search.
 */
class TpeSamplerTest {

  static final List<Dimension> DIMS =
      List.of(
          new Dimension.IntDim("x", HyperoptSpace.BUY, 0, 200),
          new Dimension.DecimalDim("y", HyperoptSpace.BUY, -1.0, 1.0, 3),
          new Dimension.IntDim("z", HyperoptSpace.SELL, 10, 60),
          new Dimension.CategoricalDim("kind", HyperoptSpace.BUY, List.of("a", "b", "c", "d")));

  /** A bowl with its minimum 0 at x=137, y=-0.42, z=23, kind=c. */
  static double objective(Map<String, Object> p) {
    double x = ((Integer) p.get("x") - 137) / 200.0;
    double y = ((Double) p.get("y") + 0.42) / 2.0;
    double z = ((Integer) p.get("z") - 23) / 50.0;
    double k = "c".equals(p.get("kind")) ? 0 : 0.05;
    return x * x + y * y + z * z + k;
  }

  static double bestAfter(Sampler s, int n) {
    List<Trial> history = new ArrayList<>();
    double best = Double.POSITIVE_INFINITY;
    int batch = 0;
    while (history.size() < n) {
      List<Trial> before = List.copyOf(history);
      for (Map<String, Object> p : s.ask(batch++, Math.min(8, n - history.size()), before)) {
        double l = objective(p);
        history.add(new Trial(p, l));
        best = Math.min(best, l);
      }
    }
    return best;
  }

  @Test
  void tpeBeatsRandomOnAverageOverSeeds() {
    double tpe = 0;
    double random = 0;
    int wins = 0;
    int seeds = 8;
    for (long seed = 1; seed <= seeds; seed++) {
      double t = bestAfter(new TpeSampler(DIMS, seed), 120);
      double r = bestAfter(new RandomSampler(DIMS, seed), 120);
      tpe += t / seeds;
      random += r / seeds;
      if (t < r) {
        wins++;
      }
    }
    // deterministic (seeded): the figures are 0.0118 (TPE) against 0.0223 (random)
    assertThat(tpe).isLessThan(random * 0.75);
    assertThat(wins).as("seeds where TPE beat random").isGreaterThanOrEqualTo(5);
  }

  @Test
  void sameSeedSamePointsAndValuesStayOnTheGrid() {
    List<Trial> history = new ArrayList<>();
    TpeSampler a = new TpeSampler(DIMS, 42);
    TpeSampler b = new TpeSampler(DIMS, 42);
    for (int batch = 0; batch < 6; batch++) {
      List<Map<String, Object>> pa = a.ask(batch, 8, List.copyOf(history));
      assertThat(b.ask(batch, 8, List.copyOf(history))).isEqualTo(pa);
      for (Map<String, Object> p : pa) {
        double y = (Double) p.get("y");
        assertThat(y).isBetween(-1.0, 1.0);
        assertThat(Math.abs(y * 1000 - Math.rint(y * 1000))).isLessThan(1e-9);
        assertThat((Integer) p.get("x")).isBetween(0, 200);
        assertThat((Integer) p.get("z")).isBetween(10, 60);
        history.add(new Trial(p, objective(p)));
      }
    }
    assertThat(new TpeSampler(DIMS, 43).ask(5, 8, List.copyOf(history.subList(0, 40))))
        .isNotEqualTo(new TpeSampler(DIMS, 42).ask(5, 8, List.copyOf(history.subList(0, 40))));
  }

  @Test
  void normalHelpersAreAccurate() {
    assertThat(TpeSampler.phi(0)).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-7));
    assertThat(TpeSampler.phi(1.959964))
        .isCloseTo(0.975, org.assertj.core.api.Assertions.within(1e-6));
    for (double p : new double[] {0.001, 0.02, 0.3, 0.5, 0.9, 0.999}) {
      assertThat(TpeSampler.phi(TpeSampler.phiInv(p)))
          .isCloseTo(p, org.assertj.core.api.Assertions.within(1e-6));
    }
  }

  /** The batch scoring (shared cell edges) gives exactly the point-by-point densities. */
  @Test
  void batchDensitiesEqualPointByPointDensities() {
    java.util.Random rnd = new java.util.Random(3);
    for (int round = 0; round < 200; round++) {
      long lo = rnd.nextInt(50);
      long hi = lo + 1 + rnd.nextInt(400);
      double[] obs = new double[rnd.nextInt(300)];
      for (int i = 0; i < obs.length; i++) {
        obs[i] = lo + rnd.nextInt((int) (hi - lo + 1));
      }
      TpeSampler.Parzen parzen = TpeSampler.Parzen.of(obs, lo, hi);
      long[] xs = rnd.longs(1 + rnd.nextInt(40), lo, hi + 1).distinct().sorted().toArray();
      double[] batch = new double[xs.length];
      parzen.logMassAll(xs, batch);
      for (int k = 0; k < xs.length; k++) {
        assertThat(Double.doubleToRawLongBits(batch[k]))
            .as("x=%d", xs[k])
            .isEqualTo(Double.doubleToRawLongBits(parzen.logMass(xs[k])));
      }
    }
  }

  /**
   * Beyond 40 standard deviations the normal CDF is exactly 0 or 1, with or without the shortcut.
   */
  @Test
  void normalCdfShortcutIsExact() {
    for (double z = 40.0001; z < 200; z *= 1.37) {
      assertThat(0.5 * TpeSampler.erfc(-z / Math.sqrt(2))).isEqualTo(1.0);
      assertThat(0.5 * TpeSampler.erfc(z / Math.sqrt(2))).isEqualTo(0.0);
      assertThat(TpeSampler.phi(z)).isEqualTo(1.0);
      assertThat(TpeSampler.phi(-z)).isEqualTo(0.0);
    }
  }
}
