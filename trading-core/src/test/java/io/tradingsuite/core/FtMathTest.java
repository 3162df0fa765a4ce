package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

class FtMathTest {

  // new BigDecimal(double) on purpose: the double's exact binary value is what round8 must match
  @SuppressWarnings("BigDecimalLiteralDouble")
  @Test
  void round8RemovesFloatNoiseLikePythonFormat() {
    double raw = 5500.0 / 5000.0 - 1; // 0.10000000000000009
    assertThat(raw).isGreaterThan(0.1);
    assertThat(FtMath.round8(raw)).isEqualTo(0.1);
    assertThat(FtMath.round8(-0.0099999999)).isEqualTo(-0.01);
    assertThat(FtMath.round8(0.123456785))
        .isEqualTo(new BigDecimal(0.123456785).setScale(8, RoundingMode.HALF_EVEN).doubleValue());
  }

  @Property(tries = 2000)
  void fastPathEqualsExactDecimalRounding(@ForAll @DoubleRange(min = -5, max = 5) double x) {
    double exact = new BigDecimal(x).setScale(8, RoundingMode.HALF_EVEN).doubleValue();
    assertThat(FtMath.round8(x)).isEqualTo(exact);
  }

  @Test
  void preciseMulUsesShortestDecimalStrings() {
    // 0.1 * 3 in binary is 0.30000000000000004; FtPrecise("0.1") * "3" is exactly 0.3
    assertThat(0.1 * 3).isNotEqualTo(0.3);
    assertThat(FtMath.preciseMul(0.1, 3)).isEqualTo(0.3);
  }

  @Test
  void priceAndAmountPrecision() {
    assertThat(FtMath.priceToPrecision(1.234561, 5, true)).isEqualTo(1.23457);
    assertThat(FtMath.priceToPrecision(1.234569, 5, false)).isEqualTo(1.23456);
    assertThat(FtMath.priceToPrecision(1.234569, -1, true)).isEqualTo(1.234569);
    assertThat(FtMath.amountToPrecision(0.123456789, 4)).isEqualTo(0.1234);
    assertThat(FtMath.toMoney(0.1 + 0.2)).isEqualByComparingTo("0.30000000");
  }
}
