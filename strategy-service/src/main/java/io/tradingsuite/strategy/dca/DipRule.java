package io.tradingsuite.strategy.dca;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * Buy the dip: when the last closed candle's close is below the simple moving average of the last
 * {@code maPeriod} closes (that candle included), the buy's stake is multiplied by {@code
 * multiplier}.
 */
public record DipRule(BigDecimal multiplier, int maPeriod) {

  public static final int MIN_PERIOD = 2;
  public static final int MAX_PERIOD = 1000;

  public DipRule {
    Objects.requireNonNull(multiplier, "multiplier");
    if (multiplier.signum() <= 0) {
      throw new IllegalArgumentException("multiplier must be > 0");
    }
    if (maPeriod < MIN_PERIOD || maPeriod > MAX_PERIOD) {
      throw new IllegalArgumentException(
          "ma_period must be from " + MIN_PERIOD + " to " + MAX_PERIOD);
    }
  }

  /** The outcome for one buy: the multiplier applied and what the decision was based on. */
  public record Outcome(BigDecimal multiplier, BigDecimal close, BigDecimal average, String note) {
    public boolean dip() {
      return multiplier.compareTo(BigDecimal.ONE) != 0;
    }
  }

  /**
   * Decides on the closes up to and including {@code last} (oldest first, consecutive candles).
   * With fewer than {@code maPeriod} closes there is no average: the plain stake, and a note why.
   */
  public Outcome apply(double[] closes, int last) {
    if (last < 0 || last >= closes.length) {
      return new Outcome(BigDecimal.ONE, null, null, "no candle before the due time");
    }
    BigDecimal close = BigDecimal.valueOf(closes[last]);
    if (last + 1 < maPeriod) {
      return new Outcome(
          BigDecimal.ONE,
          close,
          null,
          "only " + (last + 1) + " of " + maPeriod + " candles for the moving average");
    }
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = last - maPeriod + 1; i <= last; i++) {
      sum = sum.add(BigDecimal.valueOf(closes[i]));
    }
    BigDecimal average = sum.divide(BigDecimal.valueOf(maPeriod), MathContext.DECIMAL128);
    boolean below = close.compareTo(average) < 0;
    return new Outcome(below ? multiplier : BigDecimal.ONE, close, average, null);
  }
}
