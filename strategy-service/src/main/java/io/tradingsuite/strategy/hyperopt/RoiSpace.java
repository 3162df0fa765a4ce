package io.tradingsuite.strategy.hyperopt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Freqtrade's ROI hyperspace ({@code IHyperStrategy.roi_space} / {@code generate_roi_table}): three
 * time steps {@code roi_t1..3} and three profit steps {@code roi_p1..3} whose bounds are scaled
 * with the timeframe - times linearly ({@code tf / 5}), profits logarithmically ({@code log1p(tf) /
 * log1p(5)}) - so that 5m gives the legacy ranges t1 10..120, t2 10..60, t3 10..40 minutes and p1
 * 0.01..0.04, p2 0.01..0.07, p3 0.01..0.20.
 */
public final class RoiSpace {

  private RoiSpace() {}

  /** The six dimensions for a timeframe of {@code timeframeMinutes}. */
  public static List<Dimension> dimensions(int timeframeMinutes) {
    double tScale = timeframeMinutes / 5.0;
    double pScale = Math.log1p(timeframeMinutes) / Math.log1p(5);
    HyperoptSpace s = HyperoptSpace.ROI;
    return List.of(
        new Dimension.IntDim("roi_t1", s, (int) (10 * tScale), (int) (120 * tScale)),
        new Dimension.IntDim("roi_t2", s, (int) (10 * tScale), (int) (60 * tScale)),
        new Dimension.IntDim("roi_t3", s, (int) (10 * tScale), (int) (40 * tScale)),
        SearchSpace.skDecimal("roi_p1", s, 0.01 * pScale, 0.04 * pScale, 3),
        SearchSpace.skDecimal("roi_p2", s, 0.01 * pScale, 0.07 * pScale, 3),
        SearchSpace.skDecimal("roi_p3", s, 0.01 * pScale, 0.20 * pScale, 3));
  }

  /**
   * {@code generate_roi_table}: {@code {0: p1+p2+p3, t3: p1+p2, t3+t2: p1, t3+t2+t1: 0}} (minutes
   * &rarr; ratio, in increasing minutes).
   */
  public static Map<Integer, Double> generateRoiTable(Map<String, ?> params) {
    int t1 = num(params, "roi_t1").intValue();
    int t2 = num(params, "roi_t2").intValue();
    int t3 = num(params, "roi_t3").intValue();
    double p1 = num(params, "roi_p1").doubleValue();
    double p2 = num(params, "roi_p2").doubleValue();
    double p3 = num(params, "roi_p3").doubleValue();
    Map<Integer, Double> roi = new LinkedHashMap<>();
    roi.put(0, p1 + p2 + p3);
    roi.put(t3, p1 + p2);
    roi.put(t3 + t2, p1);
    roi.put(t3 + t2 + t1, 0.0);
    return roi;
  }

  private static Number num(Map<String, ?> params, String name) {
    Object v = params.get(name);
    if (!(v instanceof Number n)) {
      throw new IllegalArgumentException("roi parameter " + name + " missing");
    }
    return n;
  }
}
