package io.tradingsuite.core;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Freqtrade's float/decimal arithmetic, reproduced bit for bit where it decides trades.
 *
 * <ul>
 *   <li>{@link #round8(double)} = Python {@code float(f"{x:.8f}")}: round the exact binary value
 *       half-even to 8 decimals and parse it back. A fast path avoids allocation whenever the value
 *       is not within a hair of a rounding tie; otherwise the exact {@link BigDecimal} route is
 *       taken.
 *   <li>{@link #preciseMul(double, double)} = {@code float(FtPrecise(a) * FtPrecise(b))}: the
 *       product of the two numbers' shortest decimal strings, exact, then rounded once to a double.
 *       (Java 17's {@link Double#toString(double)} is not always the shortest representation -
 *       fixed in JDK 19 - which can differ from Python's {@code repr} in the last digit for rare
 *       values; the product then differs by at most one ulp.)
 * </ul>
 */
public final class FtMath {

  private static final double E8 = 1e8;

  /** Powers of ten as BigIntegers, for {@link #toDouble(BigDecimal)}. */
  private static final BigInteger[] POW10 = new BigInteger[64];

  static {
    POW10[0] = BigInteger.ONE;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1].multiply(BigInteger.TEN);
    }
  }

  /**
   * A cached {@link #precise(double)} result; immutable, so threads may share entries through
   * races.
   */
  private static final class PreciseEntry {
    final long bits;
    final BigDecimal decimal;

    PreciseEntry(long bits, BigDecimal decimal) {
      this.bits = bits;
      this.decimal = decimal;
    }
  }

  private static final int PRECISE_CACHE_BITS = 17;
  private static final PreciseEntry[] PRECISE_CACHE = new PreciseEntry[1 << PRECISE_CACHE_BITS];

  private FtMath() {}

  /** Python {@code float(f"{x:.8f}")}. */
  public static double round8(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    double y = x * E8;
    if (Math.abs(y) < 4.0e15) {
      double r = Math.rint(y);
      double frac = Math.abs(y - r);
      // far from a .5 tie: rint of the (slightly rounded) product equals the exact rounding
      if (frac < 0.4999 || frac > 0.5001) {
        return r / E8;
      }
    }
    return new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** Rounds half-even to 8 decimals as a {@link BigDecimal} (for reporting money). */
  public static BigDecimal toMoney(double x) {
    return precise(round8(x)).setScale(8, RoundingMode.HALF_EVEN);
  }

  /**
   * Exact decimal of the double's shortest string (Python's {@code FtPrecise(x)}): {@code new
   * BigDecimal(Double.toString(x))}. Backtests ask for the same candle prices over and over (every
   * hyperopt epoch trades on the same candles), so results are kept in a small direct-mapped cache
   * shared by all threads; the value returned is the same either way.
   */
  public static BigDecimal precise(double x) {
    long bits = Double.doubleToRawLongBits(x);
    long h = bits * 0x9E3779B97F4A7C15L;
    int slot = (int) (h >>> (64 - PRECISE_CACHE_BITS));
    PreciseEntry e = PRECISE_CACHE[slot];
    if (e != null && e.bits == bits) {
      return e.decimal;
    }
    BigDecimal d = new BigDecimal(Double.toString(x));
    PRECISE_CACHE[slot] = new PreciseEntry(bits, d);
    return d;
  }

  /**
   * {@link BigDecimal#doubleValue()} - the correctly rounded (half-even) double of the decimal -
   * without the string round trip that Java 17's implementation takes for every value beyond its
   * small fast path (render the digits, then parse them back). Here the decimal {@code u * 10^-s}
   * is divided in integers with enough quotient bits to round once, the remainder standing in for
   * every bit below. Values whose result would not be a normal double (and negative scales) take
   * {@code doubleValue()} itself.
   */
  public static double toDouble(BigDecimal d) {
    int scale = d.scale();
    if (d.signum() == 0
        || scale <= 0
        || scale >= POW10.length
        || (d.precision() <= 15 && scale < 23)) {
      return d.doubleValue(); // zero, integers, huge scales, and the JDK's own exact fast path
    }
    BigInteger u = d.unscaledValue().abs();
    BigInteger den = POW10[scale];
    // a quotient of 55 or 56 bits: 53 for the mantissa, the rest and the remainder decide the
    // rounding
    int shift = 55 + den.bitLength() - u.bitLength();
    BigInteger[] qr =
        shift >= 0
            ? u.shiftLeft(shift).divideAndRemainder(den)
            : u.divideAndRemainder(den.shiftLeft(-shift));
    long q = qr[0].longValue();
    int qBits = 64 - Long.numberOfLeadingZeros(q);
    int drop = qBits - 53;
    long mantissa = q >>> drop;
    long rest = q & ((1L << drop) - 1);
    long half = 1L << (drop - 1);
    if (rest > half || (rest == half && (qr[1].signum() != 0 || (mantissa & 1) != 0))) {
      mantissa++;
    }
    int exponent = drop - shift; // value = mantissa * 2^exponent
    if (exponent < -1000 || exponent > 900) {
      return d.doubleValue();
    }
    double r = Math.scalb((double) mantissa, exponent); // exact: mantissa <= 2^53, result normal
    return d.signum() < 0 ? -r : r;
  }

  /** {@code float(FtPrecise(a) * FtPrecise(b))}. */
  public static double preciseMul(double a, double b) {
    return preciseMul(precise(a), b);
  }

  /** {@code float(a * FtPrecise(b))} with {@code a} already a precise decimal. */
  public static double preciseMul(BigDecimal a, double b) {
    return a.multiply(precise(b)).doubleValue();
  }

  /**
   * ccxt {@code price_to_precision} with decimal-places precision: rounds {@code price} to {@code
   * decimals} places, up ({@code roundUp}, used for long stops) or down. {@code decimals < 0} = no
   * precision known, the price is returned unchanged (Freqtrade does the same when the market has
   * no precision).
   */
  public static double priceToPrecision(double price, int decimals, boolean roundUp) {
    return priceToPrecision(price, decimals, roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR);
  }

  /**
   * {@code price_to_precision} with an explicit rounding mode (Freqtrade's default is HALF_UP,
   * "ROUND").
   */
  public static double priceToPrecision(double price, int decimals, RoundingMode mode) {
    if (decimals < 0 || Double.isNaN(price) || Double.isInfinite(price)) {
      return price;
    }
    return precise(price).setScale(decimals, mode).doubleValue();
  }

  /**
   * Truncates an amount to {@code decimals} places (ccxt TRUNCATE); {@code decimals < 0} =
   * unchanged.
   */
  public static double amountToPrecision(double amount, int decimals) {
    if (decimals < 0) {
      return amount;
    }
    return precise(amount).setScale(decimals, RoundingMode.DOWN).doubleValue();
  }

  /** Used by tests: a double as a plain 8-decimal string. */
  static String fmt8(double x) {
    return new BigDecimal(x)
        .round(MathContext.DECIMAL64)
        .setScale(8, RoundingMode.HALF_EVEN)
        .toPlainString();
  }
}
