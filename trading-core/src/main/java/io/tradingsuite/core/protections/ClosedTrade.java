package io.tradingsuite.core.protections;

import java.util.Objects;

/**
 * What a protection needs to know about a closed trade.
 *
 * @param pair e.g. {@code BTC/USDT}
 * @param closeTime epoch ms of the close (backtest: the exit candle's open time)
 * @param profitRatio Freqtrade's {@code close_profit} (fee-inclusive ratio)
 * @param profitAbs absolute profit in the stake currency
 * @param exitReason Freqtrade exit reason name ({@code stop_loss}, {@code trailing_stop_loss},
 *     {@code roi}, ...)
 * @param side {@code long} or {@code short}
 */
public record ClosedTrade(
    String pair,
    long closeTime,
    double profitRatio,
    double profitAbs,
    String exitReason,
    String side) {

  public ClosedTrade {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(exitReason, "exitReason");
    side = side == null ? "long" : side;
  }

  /** A long trade. */
  public static ClosedTrade of(
      String pair, long closeTime, double profitRatio, double profitAbs, String exitReason) {
    return new ClosedTrade(pair, closeTime, profitRatio, profitAbs, exitReason, "long");
  }
}
