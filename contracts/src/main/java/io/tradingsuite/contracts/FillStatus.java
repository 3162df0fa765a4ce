package io.tradingsuite.contracts;

/**
 * In JSON: {@code filled / partially_filled / rejected / canceled} (the lower-cased constant name).
 */
public enum FillStatus {
  FILLED,
  PARTIALLY_FILLED,
  REJECTED,
  CANCELED
}
