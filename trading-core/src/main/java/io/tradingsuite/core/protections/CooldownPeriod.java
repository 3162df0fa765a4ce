package io.tradingsuite.core.protections;

import java.util.List;
import java.util.Optional;

/**
 * Locks a pair for {@code stop_duration} after a trade on it closed. As in Freqtrade, the lookback
 * for "a recent trade" is the stop duration itself (not {@code lookback_period}).
 */
public final class CooldownPeriod extends Protection {

  public CooldownPeriod(ProtectionConfig config) {
    super(config);
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
      String pair, long now, String side, TradeHistory trades) {
    List<ClosedTrade> recent =
        trades.closedAfter(pair, now - config.stopDurationMinutes() * 60_000L);
    if (recent.isEmpty()) {
      return Optional.empty();
    }
    ClosedTrade last = recent.get(0);
    for (ClosedTrade t : recent) {
      if (t.closeTime() >= last.closeTime()) {
        last = t;
      }
    }
    long until = calculateLockEnd(List.of(last), config.stopDurationMinutes());
    return Optional.of(
        new ProtectionReturn(
            until,
            "Cooldown period for " + config.stopDurationMinutes() + " min",
            PairLock.ALL_SIDES));
  }
}
