package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a trade is exited, with Freqtrade's names and meaning. {@code minimalRoi} maps minutes since
 * entry to the profit ratio that exits the trade (JSON keys are strings: {@code
 * {"0":0.05,"30":0.02}}); it is copied into an unmodifiable map sorted by minutes.
 *
 * @param stoploss ratio in [-1, 0], e.g. -0.10
 * @param trailingStopPositive nullable
 */
public record ExitPlan(
    BigDecimal stoploss,
    SortedMap<Integer, BigDecimal> minimalRoi,
    boolean trailingStop,
    BigDecimal trailingStopPositive,
    BigDecimal trailingStopPositiveOffset,
    boolean trailingOnlyOffsetIsReached) {

  public ExitPlan {
    // the cast picks TreeMap(Map), which always sorts by natural order, whatever the argument's
    // comparator
    minimalRoi =
        minimalRoi == null
            ? null
            : Collections.unmodifiableSortedMap(
                new TreeMap<>((Map<Integer, BigDecimal>) minimalRoi));
  }
}
