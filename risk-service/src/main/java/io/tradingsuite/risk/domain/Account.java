package io.tradingsuite.risk.domain;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.core.protections.ProtectionManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One exchange account: its open trades (from fills), approved entries and exits not filled yet,
 * realized profit, order rate window and protections. Equity and limits are per account, as in a
 * Freqtrade bot (one bot = one exchange wallet).
 */
public final class Account {
  /**
   * An approved entry waiting for its fill; counts as open for every limit until it fills or
   * expires.
   */
  public record PendingEntry(String tradeId, String pair, BigDecimal stake, Instant expiresAt) {}

  final String exchange;
  final Map<String, OpenTrade> open = new LinkedHashMap<>();
  final Map<String, PendingEntry> pendingEntries = new LinkedHashMap<>();
  // indexes so that one decision costs O(open trades), not O(pending entries)
  // strategy entries only (one per pair); DCA entries may be several per pair, so exposure sums
  // stakes
  private final Map<String, PendingEntry> pendingByPair = new HashMap<>();
  private final Map<String, BigDecimal> pendingStakeByPair = new HashMap<>();
  private int pendingDca;
  private final java.util.PriorityQueue<PendingEntry> pendingByExpiry =
      new java.util.PriorityQueue<>(java.util.Comparator.comparing(PendingEntry::expiresAt));
  private BigDecimal pendingTotal = BigDecimal.ZERO;
  final Map<String, Instant> pendingExits = new HashMap<>();
  final Set<String> closed = new HashSet<>();
  final ArrayDeque<Instant> approvals = new ArrayDeque<>();
  final ProtectionManager protections;
  BigDecimal realizedProfit = BigDecimal.ZERO;

  Account(String exchange, List<Map<String, Object>> protectionConfig, Timeframe timeframe) {
    this.exchange = exchange;
    this.protections = ProtectionManager.fromConfig(protectionConfig, timeframe);
  }

  /** Forgets pending orders whose decision expired and approvals older than the rate window. */
  void addPending(PendingEntry p) {
    removePending(p.tradeId());
    pendingEntries.put(p.tradeId(), p);
    if (Ids.isDcaTrade(p.tradeId())) {
      pendingDca++;
    } else {
      pendingByPair.put(p.pair(), p);
    }
    pendingStakeByPair.merge(p.pair(), p.stake(), BigDecimal::add);
    pendingByExpiry.add(p);
    pendingTotal = pendingTotal.add(p.stake());
  }

  void removePending(String tradeId) {
    PendingEntry p = pendingEntries.remove(tradeId);
    if (p != null) {
      if (Ids.isDcaTrade(tradeId)) {
        pendingDca--;
      } else {
        pendingByPair.remove(p.pair(), p);
      }
      BigDecimal left = pendingStakeByPair.get(p.pair()).subtract(p.stake());
      if (left.signum() == 0) {
        pendingStakeByPair.remove(p.pair());
      } else {
        pendingStakeByPair.put(p.pair(), left);
      }
      pendingTotal = pendingTotal.subtract(p.stake());
      // left in pendingByExpiry: skipped there once it is no longer in pendingEntries
    }
  }

  /** The pending strategy entry on the pair (DCA buys are not indexed here), or null. */
  PendingEntry pendingOn(String pair) {
    return pendingByPair.get(pair);
  }

  /** Pending entries that count against max_open_trades: all but DCA buys. */
  int pendingStrategyEntries() {
    return pendingEntries.size() - pendingDca;
  }

  /** Open trades that count against max_open_trades: all but DCA trades. */
  int openStrategyTrades() {
    int n = 0;
    for (String tradeId : open.keySet()) {
      if (!Ids.isDcaTrade(tradeId)) {
        n++;
      }
    }
    return n;
  }

  void expire(Instant now) {
    while (!pendingByExpiry.isEmpty() && !now.isBefore(pendingByExpiry.peek().expiresAt())) {
      PendingEntry p = pendingByExpiry.poll();
      @SuppressWarnings("ReferenceEquality") // this entry, not a later one for the same trade
      boolean stillPending = pendingEntries.get(p.tradeId()) == p;
      if (stillPending) {
        removePending(p.tradeId());
      }
    }
    pendingExits.values().removeIf(exp -> !now.isBefore(exp));
    Instant windowStart = now.minusSeconds(60);
    while (!approvals.isEmpty() && !approvals.peekFirst().isAfter(windowStart)) {
      approvals.pollFirst();
    }
  }

  public BigDecimal equity(BigDecimal startingEquity) {
    return startingEquity.add(realizedProfit);
  }

  BigDecimal exposure(String pairOrNull) {
    BigDecimal sum = BigDecimal.ZERO;
    for (OpenTrade t : open.values()) {
      if (pairOrNull == null || t.pair.equals(pairOrNull)) {
        sum = sum.add(t.exposure());
      }
    }
    if (pairOrNull == null) {
      return sum.add(pendingTotal);
    }
    BigDecimal pending = pendingStakeByPair.get(pairOrNull);
    return pending == null ? sum : sum.add(pending);
  }

  public String exchange() {
    return exchange;
  }

  public Map<String, OpenTrade> openTrades() {
    return open;
  }

  public Map<String, PendingEntry> pendingEntries() {
    return pendingEntries;
  }

  public Map<String, Instant> pendingExits() {
    return pendingExits;
  }

  public BigDecimal realizedProfit() {
    return realizedProfit;
  }

  public ProtectionManager protections() {
    return protections;
  }

  public int approvalsLastMinute() {
    return approvals.size();
  }
}
