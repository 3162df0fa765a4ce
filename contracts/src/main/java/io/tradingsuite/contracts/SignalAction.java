package io.tradingsuite.contracts;

/** In JSON: {@code enter_long / exit_long} (the lower-cased constant name). */
public enum SignalAction {
  ENTER_LONG,
  EXIT_LONG
}
