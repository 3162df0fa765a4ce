package io.tradingsuite.contracts;

/** In JSON: {@code market / limit / stop / take_profit} (the lower-cased constant name). */
public enum OrderType {
  MARKET,
  LIMIT,
  STOP,
  TAKE_PROFIT
}
