package io.tradingsuite.core.protections;

import io.tradingsuite.core.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the configured protections after each closed trade and keeps the resulting locks
 * (Freqtrade's {@code ProtectionManager} + {@code PairLocks}). Use from one thread (the backtest
 * loop, or risk-service behind its own serialisation).
 *
 * <pre>
 *   ProtectionManager pm = ProtectionManager.fromConfig(protectionDicts, Timeframe.parse("5m"));
 *   List&lt;PairLock&gt; newLocks = pm.onTradeClosed(closedTrade);          // at the trade's close time
 *   boolean blocked = pm.isPairLocked("BTC/USDT", candleOpenTime, "long");
 * </pre>
 */
public final class ProtectionManager {

  private final List<Protection> protections;
  private final TradeHistory history;
  private final PairLocks locks;

  public ProtectionManager(List<Protection> protections, TradeHistory history, PairLocks locks) {
    this.protections = List.copyOf(protections);
    this.history = history;
    this.locks = locks;
  }

  /** From Freqtrade's list-of-dicts form. */
  public static ProtectionManager fromConfig(
      List<? extends Map<String, ?>> dicts, Timeframe timeframe) {
    List<Protection> ps = new ArrayList<>();
    if (dicts != null) {
      for (Map<String, ?> d : dicts) {
        ps.add(Protection.create(ProtectionConfig.parse(d, timeframe)));
      }
    }
    return new ProtectionManager(ps, new TradeHistory(), new PairLocks(timeframe));
  }

  /**
   * Records the closed trade and evaluates every protection at its close time. Returns the new
   * locks.
   */
  public List<PairLock> onTradeClosed(ClosedTrade trade) {
    history.add(trade);
    return evaluate(trade.pair(), trade.closeTime(), trade.side());
  }

  /**
   * Freqtrade's {@code stop_per_pair} then {@code global_stop} at {@code now}: each protection may
   * lock; a lock is only added when no lock for the same pair/side already reaches its end.
   */
  public List<PairLock> evaluate(String pair, long now, String side) {
    List<PairLock> created = new ArrayList<>(0);
    for (Protection p : protections) {
      if (p.hasLocalStop()) {
        Optional<ProtectionReturn> r = p.stopPerPair(pair, now, side, history);
        if (r.isPresent() && !locks.isPairLocked(pair, r.get().until(), r.get().lockSide())) {
          created.add(
              locks.lockPair(
                  pair,
                  r.get().until(),
                  p.name() + ": " + r.get().reason(),
                  now,
                  r.get().lockSide()));
        }
      }
    }
    for (Protection p : protections) {
      if (p.hasGlobalStop()) {
        Optional<ProtectionReturn> r = p.globalStop(now, side, history);
        if (r.isPresent() && !locks.isGlobalLock(r.get().lockSide(), r.get().until())) {
          created.add(
              locks.lockPair(
                  PairLock.ALL_PAIRS,
                  r.get().until(),
                  p.name() + ": " + r.get().reason(),
                  now,
                  r.get().lockSide()));
        }
      }
    }
    return created;
  }

  /** True when entries on {@code pair} for {@code side} are blocked at {@code time}. */
  public boolean isPairLocked(String pair, long time, String side) {
    return locks.isPairLocked(pair, time, side);
  }

  public boolean isEmpty() {
    return protections.isEmpty();
  }

  public List<Protection> protections() {
    return protections;
  }

  public TradeHistory history() {
    return history;
  }

  public PairLocks locks() {
    return locks;
  }
}
