package io.tradingsuite.core;

/** A candle timeframe such as {@code 5m}, {@code 1h}, {@code 1d} (Freqtrade/ccxt notation). */
public record Timeframe(String name, int minutes) {

  public Timeframe {
    if (minutes <= 0) {
      throw new IllegalArgumentException("timeframe must be positive: " + name);
    }
  }

  /**
   * Parses {@code 1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M} and any {@code
   * <n><unit>}.
   */
  public static Timeframe parse(String name) {
    if (name == null || name.length() < 2) {
      throw new IllegalArgumentException("bad timeframe: " + name);
    }
    char unit = name.charAt(name.length() - 1);
    int n;
    try {
      n = Integer.parseInt(name.substring(0, name.length() - 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad timeframe: " + name, e);
    }
    int perUnit =
        switch (unit) {
          case 'm' -> 1;
          case 'h' -> 60;
          case 'd' -> 1440;
          case 'w' -> 10080;
          case 'M' -> 43200;
          default -> throw new IllegalArgumentException("bad timeframe unit: " + name);
        };
    return new Timeframe(name, n * perUnit);
  }

  public long millis() {
    return minutes * 60_000L;
  }

  /** Start of the candle containing {@code epochMs}. */
  public long floor(long epochMs) {
    return Math.floorDiv(epochMs, millis()) * millis();
  }

  /**
   * Freqtrade's {@code timeframe_to_next_date} (ccxt {@code round_timeframe(ROUND_UP)}): the candle
   * start after the one containing {@code epochMs} - a time already on a boundary moves a full
   * candle on.
   */
  public long nextDate(long epochMs) {
    return floor(epochMs) + millis();
  }

  @Override
  public String toString() {
    return name;
  }
}
