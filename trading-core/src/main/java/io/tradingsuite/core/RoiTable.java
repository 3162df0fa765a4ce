package io.tradingsuite.core;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Freqtrade's {@code minimal_roi}: minutes since trade open &rarr; required profit ratio. Keys are
 * sorted; the active entry at a trade duration is the largest key {@code <=} that duration.
 * Immutable; lookups do not allocate.
 */
public final class RoiTable {

  private static final RoiTable EMPTY = new RoiTable(new int[0], new double[0]);
  private static final RoiTable FREQTRADE_DEFAULT =
      new RoiTable(new int[] {0}, new double[] {10.0});

  private final int[] minutes;
  private final double[] ratios;

  private RoiTable(int[] minutes, double[] ratios) {
    this.minutes = minutes;
    this.ratios = ratios;
  }

  /** No ROI at all (Freqtrade: an empty dict). */
  public static RoiTable disabled() {
    return EMPTY;
  }

  /** Freqtrade's default when a strategy defines none: {@code {"0": 10.0}}. */
  public static RoiTable freqtradeDefault() {
    return FREQTRADE_DEFAULT;
  }

  /**
   * From a map whose keys are minutes (Integer, Long or numeric String as in Freqtrade's config).
   */
  public static RoiTable of(Map<?, ? extends Number> table) {
    if (table == null || table.isEmpty()) {
      return EMPTY;
    }
    TreeMap<Integer, Double> sorted = new TreeMap<>();
    for (Map.Entry<?, ? extends Number> e : table.entrySet()) {
      Object k = e.getKey();
      int minute = k instanceof Number n ? n.intValue() : Integer.parseInt(k.toString().trim());
      if (minute < 0) {
        throw new IllegalArgumentException("minimal_roi key must be >= 0: " + k);
      }
      if (e.getValue() == null) {
        throw new IllegalArgumentException("minimal_roi value missing for key " + k);
      }
      sorted.put(minute, e.getValue().doubleValue());
    }
    int[] m = new int[sorted.size()];
    double[] r = new double[sorted.size()];
    int i = 0;
    for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
      m[i] = e.getKey();
      r[i] = e.getValue();
      i++;
    }
    return new RoiTable(m, r);
  }

  /** Convenience: {@code RoiTable.of(0, 0.05, 30, 0.02)}. */
  public static RoiTable of(double... minuteRatioPairs) {
    if (minuteRatioPairs.length % 2 != 0) {
      throw new IllegalArgumentException("pairs of (minutes, ratio) expected");
    }
    Map<Integer, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < minuteRatioPairs.length; i += 2) {
      m.put((int) minuteRatioPairs[i], minuteRatioPairs[i + 1]);
    }
    return of(m);
  }

  public boolean isEmpty() {
    return minutes.length == 0;
  }

  public int size() {
    return minutes.length;
  }

  /** Index of the active entry at {@code tradeDurationMinutes}, or -1 when none applies yet. */
  public int activeIndex(long tradeDurationMinutes) {
    int idx = -1;
    for (int i = 0; i < minutes.length; i++) {
      if (minutes[i] <= tradeDurationMinutes) {
        idx = i;
      } else {
        break;
      }
    }
    return idx;
  }

  public int minutesAt(int index) {
    return minutes[index];
  }

  public double ratioAt(int index) {
    return ratios[index];
  }

  /** Sorted copy as a map minutes &rarr; ratio. */
  public Map<Integer, Double> asMap() {
    Map<Integer, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < minutes.length; i++) {
      m.put(minutes[i], ratios[i]);
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RoiTable t
        && Arrays.equals(minutes, t.minutes)
        && Arrays.equals(ratios, t.ratios);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(minutes) + Arrays.hashCode(ratios);
  }

  @Override
  public String toString() {
    return asMap().toString();
  }
}
