package io.tradingsuite.core.protections;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Closed trades ordered by close time (ties keep insertion order), as the protections read them.
 * Not thread-safe.
 */
public final class TradeHistory {

  private final List<ClosedTrade> trades = new ArrayList<>();

  /**
   * Adds a closed trade, keeping the list ordered by close time (late arrivals are inserted in
   * place).
   */
  public void add(ClosedTrade trade) {
    int i = trades.size();
    while (i > 0 && trades.get(i - 1).closeTime() > trade.closeTime()) {
      i--;
    }
    trades.add(i, trade);
  }

  /**
   * Closed trades with {@code closeTime > after} (Freqtrade's {@code
   * get_trades_proxy(close_date=...)}), of {@code pair} or of every pair when {@code pair} is
   * {@code null}, in close order.
   */
  public List<ClosedTrade> closedAfter(String pair, long after) {
    int lo = 0;
    int hi = trades.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (trades.get(mid).closeTime() > after) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    List<ClosedTrade> out = new ArrayList<>();
    for (int i = lo; i < trades.size(); i++) {
      ClosedTrade t = trades.get(i);
      if (pair == null || pair.equals(t.pair())) {
        out.add(t);
      }
    }
    return out;
  }

  public List<ClosedTrade> all() {
    return Collections.unmodifiableList(trades);
  }

  public int size() {
    return trades.size();
  }
}
