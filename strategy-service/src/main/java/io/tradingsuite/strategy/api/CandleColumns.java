package io.tradingsuite.strategy.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * OHLCV candles of one pair as primitive columns, ordered by open time (epoch ms, UTC). Optional
 * extra named columns (e.g. {@code enter_long}/{@code exit_long} given with the candles for the
 * {@code Signals} strategy). Arrays are shared, not copied: treat them as read-only.
 */
public final class CandleColumns {

  private final long[] openTime;
  private final double[] open;
  private final double[] high;
  private final double[] low;
  private final double[] close;
  private final double[] volume;
  private final Map<String, double[]> extra;

  public CandleColumns(
      long[] openTime,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume) {
    this(openTime, open, high, low, close, volume, Map.of());
  }

  public CandleColumns(
      long[] openTime,
      double[] open,
      double[] high,
      double[] low,
      double[] close,
      double[] volume,
      Map<String, double[]> extra) {
    this.openTime = Objects.requireNonNull(openTime, "openTime");
    int n = openTime.length;
    this.open = check(open, n, "open");
    this.high = check(high, n, "high");
    this.low = check(low, n, "low");
    this.close = check(close, n, "close");
    this.volume = check(volume, n, "volume");
    Map<String, double[]> ex = new LinkedHashMap<>();
    if (extra != null) {
      extra.forEach((k, v) -> ex.put(k, check(v, n, k)));
    }
    this.extra = Collections.unmodifiableMap(ex);
    for (int i = 1; i < n; i++) {
      if (openTime[i] <= openTime[i - 1]) {
        throw new IllegalArgumentException("candle times must be strictly increasing at row " + i);
      }
    }
  }

  private static double[] check(double[] a, int n, String name) {
    Objects.requireNonNull(a, name);
    if (a.length != n) {
      throw new IllegalArgumentException(
          "column " + name + " has " + a.length + " rows, expected " + n);
    }
    return a;
  }

  public int size() {
    return openTime.length;
  }

  public long[] openTime() {
    return openTime;
  }

  public double[] open() {
    return open;
  }

  public double[] high() {
    return high;
  }

  public double[] low() {
    return low;
  }

  public double[] close() {
    return close;
  }

  public double[] volume() {
    return volume;
  }

  /** Extra column or {@code null}. */
  public double[] extra(String name) {
    return extra.get(name);
  }

  public Map<String, double[]> extras() {
    return extra;
  }

  /** Rows {@code [from, to)} as new arrays. */
  public CandleColumns slice(int from, int to) {
    Map<String, double[]> ex = new LinkedHashMap<>();
    extra.forEach((k, v) -> ex.put(k, Arrays.copyOfRange(v, from, to)));
    return new CandleColumns(
        Arrays.copyOfRange(openTime, from, to),
        Arrays.copyOfRange(open, from, to),
        Arrays.copyOfRange(high, from, to),
        Arrays.copyOfRange(low, from, to),
        Arrays.copyOfRange(close, from, to),
        Arrays.copyOfRange(volume, from, to),
        ex);
  }
}
