package io.tradingsuite.execution.engine;

import io.tradingsuite.contracts.TradingMode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/**
 * The knobs of the execution engine.
 *
 * @param exchanges the exchanges this instance serves; decisions for other exchanges are left to
 *     another instance (logged, no fill)
 * @param stakeCurrency the wallet's currency (a pair must be quoted in it)
 * @param dryRunWallet the paper wallet's starting balance in the stake currency
 * @param fee fee ratio charged on each paper fill (0.001 = 0.1%)
 * @param slippage paper price slippage ratio against the trader (0 = off; anything else breaks
 *     parity)
 * @param pairs optional allow-list of pairs; empty = any pair quoted in the stake currency
 */
public record EngineSettings(
    TradingMode mode,
    Set<String> exchanges,
    String stakeCurrency,
    BigDecimal dryRunWallet,
    BigDecimal fee,
    BigDecimal slippage,
    Set<String> pairs) {

  public EngineSettings {
    exchanges =
        exchanges.stream()
            .map(e -> e.toLowerCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());
    pairs =
        pairs.stream()
            .map(p -> p.toUpperCase(Locale.ROOT))
            .collect(java.util.stream.Collectors.toSet());
    if (fee.signum() < 0 || fee.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("execution.fee must be in [0, 1) (was " + fee + ")");
    }
    if (slippage.signum() < 0 || slippage.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "execution.slippage must be in [0, 1) (was " + slippage + ")");
    }
    if (dryRunWallet.signum() < 0) {
      throw new IllegalArgumentException(
          "execution.dry-run-wallet must be >= 0 (was " + dryRunWallet + ")");
    }
  }

  public static EngineSettings paperDefaults(String exchange) {
    return new EngineSettings(
        TradingMode.PAPER,
        Set.of(exchange),
        "USDT",
        new BigDecimal("1000"),
        new BigDecimal("0.001"),
        BigDecimal.ZERO,
        Set.of());
  }
}
