package io.tradingsuite.strategy.engine;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Freqtrade's {@code stake_amount}: a fixed amount in the stake currency, or {@code "unlimited"}.
 */
public record StakeAmount(BigDecimal fixed) {

  public static final StakeAmount UNLIMITED = new StakeAmount(null);

  public static StakeAmount of(BigDecimal amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("stake_amount must be positive: " + amount);
    }
    return new StakeAmount(amount);
  }

  public static StakeAmount of(String value) {
    if ("unlimited".equalsIgnoreCase(value.trim())) {
      return UNLIMITED;
    }
    return of(new BigDecimal(value.trim()));
  }

  public boolean isUnlimited() {
    return fixed == null;
  }

  @Override
  public String toString() {
    return isUnlimited() ? "unlimited" : fixed.toPlainString();
  }
}
