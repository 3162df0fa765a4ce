package io.tradingsuite.core.protections;

import io.tradingsuite.core.Timeframe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of Freqtrade's {@code protections} list, parsed from its dict form, e.g. {@code
 * {"method": "StoplossGuard", "lookback_period_candles": 24, "trade_limit": 4,
 * "stop_duration_candles": 4}}. Candle counts are converted to minutes with the strategy timeframe;
 * defaults are Freqtrade's.
 */
public final class ProtectionConfig {

  private final String method;
  private final Map<String, Object> raw;
  private final long stopDurationMinutes;
  private final long lookbackMinutes;
  private final String unlockAt;

  private ProtectionConfig(
      String method,
      Map<String, Object> raw,
      long stopDurationMinutes,
      long lookbackMinutes,
      String unlockAt) {
    this.method = method;
    this.raw = raw;
    this.stopDurationMinutes = stopDurationMinutes;
    this.lookbackMinutes = lookbackMinutes;
    this.unlockAt = unlockAt;
  }

  /** Parses one protection dict. */
  public static ProtectionConfig parse(Map<String, ?> dict, Timeframe timeframe) {
    Objects.requireNonNull(dict, "protection");
    Object m = dict.get("method");
    if (m == null) {
      throw new IllegalArgumentException("protection without 'method': " + dict);
    }
    Map<String, Object> raw = new LinkedHashMap<>(dict);
    long stop =
        dict.containsKey("stop_duration_candles")
            ? ((long) num(dict, "stop_duration_candles", 0)) * timeframe.minutes()
            : (long) num(dict, "stop_duration", 60);
    long lookback =
        dict.containsKey("lookback_period_candles")
            ? ((long) num(dict, "lookback_period_candles", 0)) * timeframe.minutes()
            : (long) num(dict, "lookback_period", 60);
    Object unlock = dict.get("unlock_at");
    if (unlock != null && !unlock.toString().matches("\\d{1,2}:\\d{2}")) {
      throw new IllegalArgumentException("unlock_at must be HH:MM: " + unlock);
    }
    return new ProtectionConfig(
        m.toString(), raw, stop, lookback, unlock == null ? null : unlock.toString());
  }

  static double num(Map<String, ?> dict, String key, double dflt) {
    Object v = dict.get(key);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    return Double.parseDouble(v.toString());
  }

  static boolean bool(Map<String, ?> dict, String key) {
    Object v = dict.get(key);
    return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
  }

  public String method() {
    return method;
  }

  public long stopDurationMinutes() {
    return stopDurationMinutes;
  }

  public long lookbackMinutes() {
    return lookbackMinutes;
  }

  /** {@code "HH:MM"} or {@code null}. */
  public String unlockAt() {
    return unlockAt;
  }

  public int tradeLimit(int dflt) {
    return (int) num(raw, "trade_limit", dflt);
  }

  public double getDouble(String key, double dflt) {
    return num(raw, key, dflt);
  }

  public boolean getBoolean(String key) {
    return bool(raw, key);
  }

  public Map<String, Object> raw() {
    return Map.copyOf(raw);
  }
}
