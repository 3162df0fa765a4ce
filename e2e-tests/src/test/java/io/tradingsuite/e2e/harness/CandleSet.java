package io.tradingsuite.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic candle set: per pair a seeded random walk with drifting regimes (so
 * moving averages cross often), occasional gaps at the open (so stops fill at the open, as the
 * backtest's gap rule says) and prices rounded to the pair's decimals. The same seed gives the same
 * candles on every machine ({@link Random} is specified). Not market data.
 */
public final class CandleSet {
  /** One pair's walk: start price, price decimals, volatility per candle (ratio). */
  public record Profile(String pair, double start, int decimals, double sigma) {}

  /** One candle. */
  public record Row(
      long openTime,
      BigDecimal open,
      BigDecimal high,
      BigDecimal low,
      BigDecimal close,
      BigDecimal volume) {}

  private final String exchange;
  private final String timeframe;
  private final Duration step;
  private final Map<String, List<Row>> rows;

  private CandleSet(String exchange, String timeframe, Duration step, Map<String, List<Row>> rows) {
    this.exchange = exchange;
    this.timeframe = timeframe;
    this.step = step;
    this.rows = rows;
  }

  /** {@code perPair} 5m candles of each profile from {@code start}. */
  public static CandleSet generate(
      String exchange, List<Profile> profiles, Instant start, int perPair, long seed) {
    Duration step = Duration.ofMinutes(5);
    Map<String, List<Row>> rows = new LinkedHashMap<>();
    int index = 0;
    for (Profile p : profiles) {
      rows.put(
          p.pair(),
          walk(p, start.toEpochMilli(), step.toMillis(), perPair, seed * 1_000_003L + index++));
    }
    return new CandleSet(exchange, "5m", step, rows);
  }

  private static List<Row> walk(Profile p, long t0, long stepMs, int n, long seed) {
    Random r = new Random(seed);
    List<Row> out = new ArrayList<>(n);
    double close = p.start();
    double drift = 0;
    for (int i = 0; i < n; i++) {
      if (i % 150 == 0) {
        drift = (r.nextInt(5) - 2) * p.sigma() * 0.15; // a new regime: down, flat or up
      }
      double open = close;
      if (r.nextDouble() < 0.02) {
        open = close * StrictMath.exp(r.nextGaussian() * p.sigma() * 3); // a gap at the open
      }
      double next = open * StrictMath.exp(drift + r.nextGaussian() * p.sigma());
      double hi = Math.max(open, next) * (1 + Math.abs(r.nextGaussian()) * p.sigma() * 0.6);
      double lo = Math.min(open, next) * (1 - Math.abs(r.nextGaussian()) * p.sigma() * 0.6);
      BigDecimal o = round(open, p.decimals());
      BigDecimal c = round(next, p.decimals());
      BigDecimal h = round(hi, p.decimals()).max(o).max(c);
      BigDecimal l = round(lo, p.decimals()).min(o).min(c);
      BigDecimal v = round(10 + r.nextDouble() * 990, 3);
      out.add(new Row(t0 + i * stepMs, o, h, l, c, v));
      close = c.doubleValue();
    }
    return Collections.unmodifiableList(out);
  }

  private static BigDecimal round(double x, int decimals) {
    return new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN);
  }

  public String exchange() {
    return exchange;
  }

  public String timeframe() {
    return timeframe;
  }

  public List<String> pairs() {
    return List.copyOf(rows.keySet());
  }

  public List<Row> rows(String pair) {
    return rows.get(pair);
  }

  public int total() {
    return rows.values().stream().mapToInt(List::size).sum();
  }

  /** Open time of the first candle (every pair starts there). */
  public Instant first() {
    return Instant.ofEpochMilli(rows.values().iterator().next().get(0).openTime());
  }

  /** Open time of the last candle (every pair ends there). */
  public Instant last() {
    List<Row> r = rows.values().iterator().next();
    return Instant.ofEpochMilli(r.get(r.size() - 1).openTime());
  }

  public Duration step() {
    return step;
  }

  /**
   * Stores the set through market-data-service's import API (Freqtrade OHLCV JSON, one call per
   * pair, all or nothing) and checks what it says it imported.
   */
  public void importInto(Suite suite) {
    for (Map.Entry<String, List<Row>> e : rows.entrySet()) {
      StringBuilder json = new StringBuilder(e.getValue().size() * 80).append('[');
      for (Row row : e.getValue()) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append('[')
            .append(row.openTime())
            .append(',')
            .append(row.open().toPlainString())
            .append(',')
            .append(row.high().toPlainString())
            .append(',')
            .append(row.low().toPlainString())
            .append(',')
            .append(row.close().toPlainString())
            .append(',')
            .append(row.volume().toPlainString())
            .append(']');
      }
      json.append(']');
      String url =
          suite.api(
              ServiceName.MARKET_DATA,
              "/candles/import?exchange="
                  + exchange
                  + "&pair="
                  + e.getKey().replace("/", "%2F")
                  + "&timeframe="
                  + timeframe);
      JsonNode r =
          suite.http().post(url, json.toString()).expect(200, "import " + e.getKey()).body();
      if (r.path("imported").asInt() != e.getValue().size()) {
        throw new AssertionError(
            "market-data imported " + r + " of " + e.getValue().size() + " candles");
      }
    }
  }
}
