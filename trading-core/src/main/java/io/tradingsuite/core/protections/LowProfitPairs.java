package io.tradingsuite.core.protections;

import java.util.List;
import java.util.Optional;

/**
 * Locks a pair whose summed {@code close_profit} over the lookback (at least {@code trade_limit}
 * (1) trades) is below {@code required_profit} (0.0).
 */
public final class LowProfitPairs extends Protection {

  private final int tradeLimit;
  private final double requiredProfit;
  private final boolean onlyPerSide;

  public LowProfitPairs(ProtectionConfig config) {
    super(config);
    this.tradeLimit = config.tradeLimit(1);
    this.requiredProfit = config.getDouble("required_profit", 0.0);
    this.onlyPerSide = config.getBoolean("only_per_side");
  }

  @Override
  public boolean hasGlobalStop() {
    return false;
  }

  @Override
  public boolean hasLocalStop() {
    return true;
  }

  @Override
  public Optional<ProtectionReturn> stopPerPair(
      String pair, long now, String side, TradeHistory history) {
    List<ClosedTrade> trades = history.closedAfter(pair, lookbackStart(now));
    if (trades.size() < tradeLimit) {
      return Optional.empty();
    }
    double profit = 0.0;
    for (ClosedTrade t : trades) {
      if (t.profitRatio() != 0.0 && (!onlyPerSide || t.side().equals(side))) {
        profit += t.profitRatio();
      }
    }
    if (profit < requiredProfit) {
      long until = calculateLockEnd(trades, config.stopDurationMinutes());
      return Optional.of(
          new ProtectionReturn(
              until,
              "Low profit " + profit + " < " + requiredProfit,
              perSideLock(onlyPerSide, side)));
    }
    return Optional.empty();
  }
}
