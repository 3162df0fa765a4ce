package io.tradingsuite.strategy.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Entry/exit signal columns aligned with a {@link CandleColumns} (row {@code i} = computed on the
 * close of candle {@code i}; the engine acts on them at the next candle). {@code enterTag} may be
 * {@code null}.
 */
// plain arrays for the speed of the backtest loop; never compared or hashed
@SuppressWarnings("ArrayRecordComponent")
public record SignalColumns(boolean[] enterLong, boolean[] exitLong, String[] enterTag) {

  public SignalColumns {
    Objects.requireNonNull(enterLong, "enterLong");
    Objects.requireNonNull(exitLong, "exitLong");
    if (enterLong.length != exitLong.length
        || (enterTag != null && enterTag.length != enterLong.length)) {
      throw new IllegalArgumentException("signal columns differ in length");
    }
  }

  public SignalColumns(boolean[] enterLong, boolean[] exitLong) {
    this(enterLong, exitLong, null);
  }

  public int size() {
    return enterLong.length;
  }

  public SignalColumns slice(int from, int to) {
    return new SignalColumns(
        Arrays.copyOfRange(enterLong, from, to),
        Arrays.copyOfRange(exitLong, from, to),
        enterTag == null ? null : Arrays.copyOfRange(enterTag, from, to));
  }

  /** No signals at all. */
  public static SignalColumns none(int size) {
    return new SignalColumns(new boolean[size], new boolean[size]);
  }
}
