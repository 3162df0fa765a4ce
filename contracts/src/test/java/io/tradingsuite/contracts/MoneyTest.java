package io.tradingsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({
    "0.123456785, 0.12345678", // tie, 8 is even: down
    "0.123456775, 0.12345678", // tie, 7 is odd: up
    "0.1234567850000001, 0.12345679", // above the tie: up
    "-0.123456785, -0.12345678",
    "-0.123456795, -0.12345680",
    "2.5, 2.50000000",
    "0.000000005, 0.00000000",
    "0.000000015, 0.00000002",
    "1E+3, 1000.00000000"
  })
  void reportsAtEightDecimalsHalfEven(String value, String expected) {
    assertThat(Money.report(new BigDecimal(value))).isEqualTo(new BigDecimal(expected));
    assertThat(Money.format(new BigDecimal(value))).isEqualTo(expected);
  }

  @Test
  void formatsPlainWithExactlyEightDecimals() {
    assertThat(Money.format(BigDecimal.ONE)).isEqualTo("1.00000000");
    assertThat(Money.format(new BigDecimal("1E-10"))).isEqualTo("0.00000000");
    assertThat(Money.format(new BigDecimal("12345678901234567890.123456789")))
        .isEqualTo("12345678901234567890.12345679");
  }

  @Test
  void parsesExactly() {
    assertThat(Money.of("0.10")).isEqualTo(new BigDecimal("0.10")).hasScaleOf(2);
    assertThat(Money.of(" 42 ")).isEqualTo(new BigDecimal("42"));
    assertThatThrownBy(() -> Money.of("NaN")).isInstanceOf(NumberFormatException.class);
  }

  @Test
  void dividesToThirtyFourDigits() {
    assertThat(Money.ratio(BigDecimal.ONE, new BigDecimal("3")))
        .isEqualTo(new BigDecimal("0.3333333333333333333333333333333333"));
    assertThat(Money.ratio(new BigDecimal("10.5"), new BigDecimal("100")))
        .isEqualByComparingTo("0.105");
    assertThatThrownBy(() -> Money.ratio(BigDecimal.ONE, BigDecimal.ZERO))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void passesNullThrough() {
    assertThat(Money.of(null)).isNull();
    assertThat(Money.report(null)).isNull();
    assertThat(Money.format(null)).isNull();
    assertThat(Money.ratio(null, BigDecimal.ONE)).isNull();
    assertThat(Money.ratio(BigDecimal.ONE, null)).isNull();
  }
}
