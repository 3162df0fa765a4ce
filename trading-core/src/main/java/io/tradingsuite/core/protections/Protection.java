package io.tradingsuite.core.protections;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Base of the protections (Freqtrade's {@code IProtection}): durations, lookback and lock-end
 * rules.
 */
public abstract class Protection {

  protected final ProtectionConfig config;

  protected Protection(ProtectionConfig config) {
    this.config = config;
  }

  /** Freqtrade's method name, e.g. {@code StoplossGuard}. */
  public String name() {
    return config.method();
  }

  public ProtectionConfig config() {
    return config;
  }

  /** Whether this protection can lock every pair. */
  public abstract boolean hasGlobalStop();

  /** Whether this protection can lock the pair of the closed trade. */
  public abstract boolean hasLocalStop();

  /** Global check at {@code now} after a trade of {@code side} closed. */
  public Optional<ProtectionReturn> globalStop(long now, String side, TradeHistory trades) {
    return Optional.empty();
  }

  /** Per-pair check at {@code now} after a trade on {@code pair} closed. */
  public Optional<ProtectionReturn> stopPerPair(
      String pair, long now, String side, TradeHistory trades) {
    return Optional.empty();
  }

  /** {@code now - lookback_period} (exclusive lower bound of trade close times). */
  protected long lookbackStart(long now) {
    return now - config.lookbackMinutes() * 60_000L;
  }

  /**
   * {@code calculate_lock_end}: latest close among {@code trades} plus {@code stopMinutes}, or,
   * with {@code unlock_at}, the next occurrence of that UTC wall time at or after the latest close.
   */
  protected long calculateLockEnd(List<ClosedTrade> trades, long stopMinutes) {
    long maxClose = Long.MIN_VALUE;
    for (ClosedTrade t : trades) {
      maxClose = Math.max(maxClose, t.closeTime());
    }
    if (config.unlockAt() != null) {
      ZonedDateTime max = Instant.ofEpochMilli(maxClose).atZone(ZoneOffset.UTC);
      LocalTime at =
          LocalTime.parse(
              config.unlockAt().length() == 4 ? "0" + config.unlockAt() : config.unlockAt());
      ZonedDateTime unlock = max.withHour(at.getHour()).withMinute(at.getMinute());
      if (unlock.isBefore(max)) {
        unlock = unlock.plusDays(1);
      }
      return unlock.toInstant().toEpochMilli();
    }
    return maxClose + stopMinutes * 60_000L;
  }

  protected String perSideLock(boolean onlyPerSide, String side) {
    return onlyPerSide ? side : PairLock.ALL_SIDES;
  }

  /**
   * Creates a protection from its config ({@code StoplossGuard, MaxDrawdown, CooldownPeriod,
   * LowProfitPairs}).
   */
  public static Protection create(ProtectionConfig config) {
    return switch (config.method()) {
      case "StoplossGuard" -> new StoplossGuard(config);
      case "MaxDrawdown" -> new MaxDrawdown(config);
      case "CooldownPeriod" -> new CooldownPeriod(config);
      case "LowProfitPairs" -> new LowProfitPairs(config);
      default ->
          throw new IllegalArgumentException("unknown protection method: " + config.method());
    };
  }
}
