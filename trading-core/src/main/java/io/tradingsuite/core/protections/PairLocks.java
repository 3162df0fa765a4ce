package io.tradingsuite.core.protections;

import io.tradingsuite.core.Timeframe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The lock book (Freqtrade's in-memory {@code PairLocks}). A lock's end is moved to the next candle
 * boundary of the strategy timeframe ({@link Timeframe#nextDate}). Not thread-safe.
 */
public final class PairLocks {

  private final Timeframe timeframe;
  private final List<PairLock> locks = new ArrayList<>();

  public PairLocks(Timeframe timeframe) {
    this.timeframe = timeframe;
  }

  /** Creates a lock from {@code now} until {@code until} rounded up to the next candle boundary. */
  public PairLock lockPair(String pair, long until, String reason, long now, String side) {
    PairLock lock =
        new PairLock(
            pair, now, timeframe.nextDate(until), reason, side == null ? PairLock.ALL_SIDES : side);
    locks.add(lock);
    return lock;
  }

  /** Adds an already built lock (e.g. restored from a database or a manual lock) as is. */
  public void add(PairLock lock) {
    locks.add(lock);
  }

  /**
   * True if {@code pair} or every pair is locked at {@code time} for {@code side} ({@code null} =
   * any side).
   */
  public boolean isPairLocked(String pair, long time, String side) {
    for (int i = 0, n = locks.size(); i < n; i++) {
      PairLock l = locks.get(i);
      if (l.blocks(PairLock.ALL_PAIRS, time, side) || l.blocks(pair, time, side)) {
        return true;
      }
    }
    return false;
  }

  /** True if a global lock is active at {@code time} for {@code side}. */
  public boolean isGlobalLock(String side, long time) {
    for (PairLock l : locks) {
      if (l.blocks(PairLock.ALL_PAIRS, time, side)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Locks active at {@code time} for {@code pair} (exact pair name; {@value PairLock#ALL_PAIRS} for
   * global).
   */
  public List<PairLock> activeLocks(String pair, long time, String side) {
    List<PairLock> out = new ArrayList<>();
    for (PairLock l : locks) {
      if (l.blocks(pair, time, side)) {
        out.add(l);
      }
    }
    return out;
  }

  /** Every lock ever created, in creation order. */
  public List<PairLock> all() {
    return Collections.unmodifiableList(locks);
  }

  public Timeframe timeframe() {
    return timeframe;
  }
}
