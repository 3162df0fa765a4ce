package io.tradingsuite.risk.domain;

import java.util.Locale;

/**
 * What "now" the stale-data rule compares a market's last candle against.
 *
 * <ul>
 *   <li>{@code MARKET} (default): the newest candle seen on the same exchange and timeframe (or the
 *       signal's own candle time, if later). An offline replay of 2024 candles is then not "stale"
 *       in 2026; only a market whose feed fell behind the others (or behind its own signal) is.
 *   <li>{@code WALL}: the wall clock: live trading, where a silent feed must stop entries.
 *   <li>{@code OFF}: no stale-data rule.
 * </ul>
 */
public enum StaleClock {
  MARKET,
  WALL,
  OFF;

  public static StaleClock parse(String s) {
    return valueOf(s.trim().toUpperCase(Locale.ROOT));
  }
}
