package io.tradingsuite.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Freqtrade's float/decimal arithmetic, reproduced bit for bit where it decides trades.
 *
 * <ul>
 *   <li>{@link #round8(double)} = Python {@code float(f"{x:.8f}")}: round the exact binary value half-even to
 *       8 decimals and parse it back. A fast path avoids allocation whenever the value is not within a
 *       hair of a rounding tie; otherwise the exact {@link BigDecimal} route is taken.</li>
 *   <li>{@link #preciseMul(double, double)} = {@code float(FtPrecise(a) * FtPrecise(b))}: the product of the
 *       two numbers' shortest decimal strings, exact, then rounded once to a double. (Java 17's
 *       {@link Double#toString(double)} is not always the shortest representation - fixed in JDK 19 - which
 *       can differ from Python's {@code repr} in the last digit for rare values; the product then differs
 *       by at most one ulp.)</li>
 * </ul>
 */
public final class FtMath {

    private static final double E8 = 1e8;

    private FtMath() {
    }

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
        return new BigDecimal(Double.toString(round8(x))).setScale(8, RoundingMode.HALF_EVEN);
    }

    /** Exact decimal of the double's shortest string (Python's {@code FtPrecise(x)}). */
    public static BigDecimal precise(double x) {
        return new BigDecimal(Double.toString(x));
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
     * ccxt {@code price_to_precision} with decimal-places precision: rounds {@code price} to
     * {@code decimals} places, up ({@code roundUp}, used for long stops) or down. {@code decimals < 0} = no precision known,
     * the price is returned unchanged (Freqtrade does the same when the market has no precision).
     */
    public static double priceToPrecision(double price, int decimals, boolean roundUp) {
        return priceToPrecision(price, decimals, roundUp ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    /** {@code price_to_precision} with an explicit rounding mode (Freqtrade's default is HALF_UP, "ROUND"). */
    public static double priceToPrecision(double price, int decimals, RoundingMode mode) {
        if (decimals < 0 || Double.isNaN(price) || Double.isInfinite(price)) {
            return price;
        }
        return precise(price).setScale(decimals, mode).doubleValue();
    }

    /** Truncates an amount to {@code decimals} places (ccxt TRUNCATE); {@code decimals < 0} = unchanged. */
    public static double amountToPrecision(double amount, int decimals) {
        if (decimals < 0) {
            return amount;
        }
        return precise(amount).setScale(decimals, RoundingMode.DOWN).doubleValue();
    }

    /** Used by tests: a double as a plain 8-decimal string. */
    static String fmt8(double x) {
        return new BigDecimal(x).round(MathContext.DECIMAL64).setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    }
}
