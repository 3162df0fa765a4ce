package io.tradingsuite.core.protections;

/**
 * A lock that blocks new entries on {@code pair} ({@value #ALL_PAIRS} = every pair) for {@code
 * side} ({@value #ALL_SIDES} = both) while {@code lockEndTime >= now}.
 */
public record PairLock(String pair, long lockTime, long lockEndTime, String reason, String side) {

  public static final String ALL_PAIRS = "*";
  public static final String ALL_SIDES = "*";

  public boolean isGlobal() {
    return ALL_PAIRS.equals(pair);
  }

  /**
   * Freqtrade's lock filter: end not passed, pair matches, side matches ({@code null} side = any).
   */
  public boolean blocks(String queryPair, long now, String querySide) {
    return lockEndTime >= now
        && pair.equals(queryPair)
        && (querySide == null || ALL_SIDES.equals(side) || side.equals(querySide));
  }
}
