package io.tradingsuite.contracts;

/** In JSON: {@code paper / live} (the lower-cased constant name). */
public enum TradingMode {
  PAPER,
  LIVE
}
