package io.tradingsuite.core.protections;

import java.util.List;
import java.util.Optional;

/**
 * Locks every pair when the drawdown of the cumulated {@code close_profit} ratios of the trades in
 * the lookback (at least {@code trade_limit} (1)) exceeds {@code max_allowed_drawdown} (0.0). As in
 * Freqtrade: ratios are summed (not compounded), the running maximum starts at the first trade's
 * cumulative value (not at 0), and there is no lock when no trade is below a previous high.
 */
public final class MaxDrawdown extends Protection {

  private final int tradeLimit;
  private final double maxAllowedDrawdown;

  public MaxDrawdown(ProtectionConfig config) {
    super(config);
    this.tradeLimit = config.tradeLimit(1);
    this.maxAllowedDrawdown = config.getDouble("max_allowed_drawdown", 0.0);
  }

  @Override
  public boolean hasGlobalStop() {
    return true;
  }

  @Override
  public boolean hasLocalStop() {
    return false;
  }

  @Override
  public Optional<ProtectionReturn> globalStop(long now, String side, TradeHistory history) {
    List<ClosedTrade> trades = history.closedAfter(null, lookbackStart(now));
    if (trades.size() < tradeLimit || trades.isEmpty()) {
      return Optional.empty();
    }
    double dd = maxDrawdown(trades);
    if (dd > maxAllowedDrawdown) {
      long until = calculateLockEnd(trades, config.stopDurationMinutes());
      return Optional.of(
          new ProtectionReturn(
              until, "Drawdown " + dd + " > " + maxAllowedDrawdown, PairLock.ALL_SIDES));
    }
    return Optional.empty();
  }

  /**
   * Largest fall of the cumulative profit-ratio sum from its running maximum; 0 when the largest
   * fall is at the first trade (Freqtrade raises "no losing trade" there and does not lock).
   */
  static double maxDrawdown(List<ClosedTrade> tradesInCloseOrder) {
    double cumulative = 0.0;
    double high = Double.NEGATIVE_INFINITY;
    double minDd = 0.0;
    int idxMin = 0;
    for (int i = 0; i < tradesInCloseOrder.size(); i++) {
      cumulative += tradesInCloseOrder.get(i).profitRatio();
      high = Math.max(high, cumulative);
      double dd = cumulative - high;
      if (dd < minDd) {
        minDd = dd;
        idxMin = i;
      }
    }
    return idxMin == 0 ? 0.0 : Math.abs(minDd);
  }
}
