package io.tradingsuite.strategy.live;

import io.tradingsuite.strategy.api.CandleColumns;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The rolling window of one market: the newest {@code capacity} candles by open time. Re-adding a
 * candle with the same open time replaces it (a re-delivered or corrected candle).
 */
final class PairWindow {

  private final int capacity;
  private final TreeMap<Long, double[]> rows = new TreeMap<>();

  PairWindow(int capacity) {
    this.capacity = capacity;
  }

  void put(long openTime, double open, double high, double low, double close, double volume) {
    rows.put(openTime, new double[] {open, high, low, close, volume});
    while (rows.size() > capacity) {
      rows.pollFirstEntry();
    }
  }

  void putAll(CandleColumns c) {
    for (int i = 0; i < c.size(); i++) {
      put(c.openTime()[i], c.open()[i], c.high()[i], c.low()[i], c.close()[i], c.volume()[i]);
    }
  }

  int size() {
    return rows.size();
  }

  /** Open time of the newest candle before {@code time}, or {@code null}. */
  Long lastBefore(long time) {
    return rows.lowerKey(time);
  }

  Long newest() {
    return rows.isEmpty() ? null : rows.lastKey();
  }

  /** The candles up to and including {@code time}, oldest first, as columns. */
  CandleColumns upTo(long time) {
    NavigableMap<Long, double[]> head = rows.headMap(time, true);
    int n = head.size();
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    int i = 0;
    for (Map.Entry<Long, double[]> e : head.entrySet()) {
      double[] r = e.getValue();
      t[i] = e.getKey();
      o[i] = r[0];
      h[i] = r[1];
      l[i] = r[2];
      c[i] = r[3];
      v[i] = r[4];
      i++;
    }
    return new CandleColumns(t, o, h, l, c, v);
  }
}
