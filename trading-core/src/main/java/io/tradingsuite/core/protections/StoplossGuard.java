package io.tradingsuite.core.protections;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Locks after {@code trade_limit} (10) stoploss-type exits with {@code close_profit <
 * required_profit} (0.0) within the lookback; globally (unless {@code only_per_pair}) and per pair.
 * {@code only_per_side} counts and locks only the closing trade's side.
 */
public final class StoplossGuard extends Protection {

  private static final Set<String> STOP_REASONS =
      Set.of("stop_loss", "stoploss_on_exchange", "trailing_stop_loss", "liquidation");

  private final int tradeLimit;
  private final double requiredProfit;
  private final boolean onlyPerPair;
  private final boolean onlyPerSide;

  public StoplossGuard(ProtectionConfig config) {
    super(config);
    this.tradeLimit = config.tradeLimit(10);
    this.requiredProfit = config.getDouble("required_profit", 0.0);
    this.onlyPerPair = config.getBoolean("only_per_pair");
    this.onlyPerSide = config.getBoolean("only_per_side");
  }

  @Override
  public boolean hasGlobalStop() {
    return !onlyPerPair;
  }

  @Override
  public boolean hasLocalStop() {
    return true;
  }

  @Override
  public Optional<ProtectionReturn> globalStop(long now, String side, TradeHistory trades) {
    if (onlyPerPair) {
      return Optional.empty();
    }
    return guard(now, null, side, trades);
  }

  @Override
  public Optional<ProtectionReturn> stopPerPair(
      String pair, long now, String side, TradeHistory trades) {
    return guard(now, pair, side, trades);
  }

  private Optional<ProtectionReturn> guard(
      long now, String pair, String side, TradeHistory history) {
    List<ClosedTrade> hits = new ArrayList<>();
    for (ClosedTrade t : history.closedAfter(pair, lookbackStart(now))) {
      if (STOP_REASONS.contains(t.exitReason())
          && t.profitRatio() != 0.0
          && t.profitRatio() < requiredProfit
          && (!onlyPerSide || t.side().equals(side))) {
        hits.add(t);
      }
    }
    if (hits.size() < tradeLimit) {
      return Optional.empty();
    }
    long until = calculateLockEnd(hits, config.stopDurationMinutes());
    return Optional.of(
        new ProtectionReturn(
            until,
            hits.size() + " stoplosses in " + config.lookbackMinutes() + " min",
            perSideLock(onlyPerSide, side)));
  }
}
