package io.tradingsuite.strategy.hyperopt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Freqtrade's hyperopt spaces ({@code --spaces}). {@code all} selects every space, {@code default}
 * all but {@code trailing} (as Freqtrade, which also leaves out {@code protection}; protections are
 * not optimised here).
 */
public enum HyperoptSpace {
  BUY,
  SELL,
  ROI,
  STOPLOSS,
  TRAILING;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code spaces}; an unknown name is a {@link HyperoptInputException} on field {@code
   * spaces}.
   */
  public static Set<HyperoptSpace> parse(Collection<String> names) {
    if (names == null || names.isEmpty()) {
      return EnumSet.of(BUY, SELL, ROI, STOPLOSS);
    }
    EnumSet<HyperoptSpace> out = EnumSet.noneOf(HyperoptSpace.class);
    for (String raw : names) {
      String n = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
      switch (n) {
        case "all" -> out.addAll(EnumSet.allOf(HyperoptSpace.class));
        case "default" -> out.addAll(EnumSet.of(BUY, SELL, ROI, STOPLOSS));
        case "buy", "sell", "roi", "stoploss", "trailing" ->
            out.add(valueOf(n.toUpperCase(Locale.ROOT)));
        default ->
            throw new HyperoptInputException(
                "spaces",
                "unknown space '"
                    + raw
                    + "', known: buy, sell, roi, stoploss, trailing, default, all");
      }
    }
    return out;
  }
}
