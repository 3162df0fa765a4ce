package io.tradingsuite.strategy.hyperopt;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Proposes points. {@link #ask} must depend only on {@code (seed, batch, history)} - never on wall
 * time, thread scheduling or earlier calls - so a run is reproducible from its seed, whatever the
 * number of jobs, and a resumed run proposes exactly what the interrupted one would have.
 */
public interface Sampler {

  /**
   * The next {@code n} points to evaluate, given what has been evaluated so far.
   *
   * @param batch 0-based batch number
   * @param n points wanted
   * @param history every completed epoch before this batch, in epoch order
   */
  List<Map<String, Object>> ask(int batch, int n, List<Trial> history);

  /**
   * Whether point {@code epochIndex} (0-based) of the run is drawn at random (Freqtrade's {@code
   * is_random}).
   */
  boolean isRandom(int epochIndex);

  /** Sampler kinds by request name. */
  enum Kind {
    TPE,
    RANDOM;

    public static Kind parse(String s) {
      if (s == null || s.isBlank()) {
        return TPE;
      }
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new HyperoptInputException(
            "sampler", "unknown sampler '" + s + "', known: tpe, random");
      }
    }

    public Sampler create(List<Dimension> dims, long seed) {
      return this == TPE ? new TpeSampler(dims, seed) : new RandomSampler(dims, seed);
    }
  }

  /** SplitMix64 finaliser: independent, well-mixed seeds per (run seed, batch). */
  static long mix(long seed, long batch) {
    long z = seed * 0x9E3779B97F4A7C15L + batch * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
