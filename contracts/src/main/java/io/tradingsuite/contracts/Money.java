package io.tradingsuite.contracts;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Decimal helpers for money, prices and amounts. Every method passes {@code null} through: a null
 * argument gives a null result, so optional fields need no special-casing.
 */
public final class Money {
  /** Decimals kept in reports and displays (satoshi precision). */
  public static final int SCALE = 8;

  private Money() {}

  /**
   * Parses a decimal exactly, keeping its scale ({@code "0.10"} has scale 2); surrounding blanks
   * are ignored.
   */
  public static BigDecimal of(String value) {
    return value == null ? null : new BigDecimal(value.strip());
  }

  /** Rounds to {@link #SCALE} decimals, half-even (banker's rounding). */
  public static BigDecimal report(BigDecimal value) {
    return value == null ? null : value.setScale(SCALE, RoundingMode.HALF_EVEN);
  }

  /**
   * Plain text with exactly {@link #SCALE} decimals, never scientific notation: {@code
   * 1000.00000000}.
   */
  public static String format(BigDecimal value) {
    return value == null ? null : report(value).toPlainString();
  }

  /**
   * {@code numerator / denominator} to 34 significant digits ({@link MathContext#DECIMAL128}).
   *
   * @throws ArithmeticException if the denominator is zero
   */
  public static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
    if (numerator == null || denominator == null) {
      return null;
    }
    return numerator.divide(denominator, MathContext.DECIMAL128);
  }
}
