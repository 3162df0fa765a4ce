package io.tradingsuite.strategy.builtin;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import java.util.Arrays;

/**
 * Thin adapter over TA-Lib's {@link Core}: full-length output columns aligned with the input,
 * {@code NaN} during the look-back period (as Python's {@code talib} returns them). One {@link
 * Core} per thread.
 */
final class TaLib {

  private static final ThreadLocal<Core> CORE = ThreadLocal.withInitial(Core::new);

  private TaLib() {}

  static double[] sma(double[] in, int period) {
    double[] out = nanArray(in.length);
    if (in.length == 0) {
      return out;
    }
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    double[] tmp = new double[in.length];
    check(CORE.get().sma(0, in.length - 1, in, period, beg, nb, tmp), "SMA");
    return place(tmp, beg, nb, out);
  }

  static double[] ema(double[] in, int period) {
    double[] out = nanArray(in.length);
    if (in.length == 0) {
      return out;
    }
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    double[] tmp = new double[in.length];
    check(CORE.get().ema(0, in.length - 1, in, period, beg, nb, tmp), "EMA");
    return place(tmp, beg, nb, out);
  }

  static double[] rsi(double[] in, int period) {
    double[] out = nanArray(in.length);
    if (in.length == 0) {
      return out;
    }
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    double[] tmp = new double[in.length];
    check(CORE.get().rsi(0, in.length - 1, in, period, beg, nb, tmp), "RSI");
    return place(tmp, beg, nb, out);
  }

  /** Bollinger bands with an SMA middle: {@code [upper, middle, lower]}. */
  static double[][] bbands(double[] in, int period, double devUp, double devDown) {
    double[] up = nanArray(in.length);
    double[] mid = nanArray(in.length);
    double[] low = nanArray(in.length);
    if (in.length == 0) {
      return new double[][] {up, mid, low};
    }
    MInteger beg = new MInteger();
    MInteger nb = new MInteger();
    double[] u = new double[in.length];
    double[] m = new double[in.length];
    double[] l = new double[in.length];
    check(
        CORE.get()
            .bbands(0, in.length - 1, in, period, devUp, devDown, MAType.Sma, beg, nb, u, m, l),
        "BBANDS");
    return new double[][] {place(u, beg, nb, up), place(m, beg, nb, mid), place(l, beg, nb, low)};
  }

  private static double[] nanArray(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }

  private static double[] place(double[] packed, MInteger beg, MInteger nb, double[] out) {
    System.arraycopy(packed, 0, out, beg.value, nb.value);
    return out;
  }

  private static void check(RetCode rc, String fn) {
    if (rc != RetCode.Success) {
      throw new IllegalArgumentException("TA-Lib " + fn + " failed: " + rc);
    }
  }

  /** qtpylib {@code crossed_above}: {@code a[i] > b[i] && a[i-1] <= b[i-1]} (false where NaN). */
  static boolean[] crossedAbove(double[] a, double[] b) {
    boolean[] out = new boolean[a.length];
    for (int i = 1; i < a.length; i++) {
      out[i] = a[i] > b[i] && a[i - 1] <= b[i - 1];
    }
    return out;
  }

  /** qtpylib {@code crossed_below}: {@code a[i] < b[i] && a[i-1] >= b[i-1]}. */
  static boolean[] crossedBelow(double[] a, double[] b) {
    boolean[] out = new boolean[a.length];
    for (int i = 1; i < a.length; i++) {
      out[i] = a[i] < b[i] && a[i - 1] >= b[i - 1];
    }
    return out;
  }
}
