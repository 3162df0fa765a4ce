package io.tradingsuite.contracts;

/** In JSON: {@code buy / sell} (the lower-cased constant name). */
public enum OrderSide {
  BUY,
  SELL
}
