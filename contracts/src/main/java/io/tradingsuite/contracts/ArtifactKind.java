package io.tradingsuite.contracts;

/** In JSON: {@code backtest / hyperopt} (the lower-cased constant name). */
public enum ArtifactKind {
  BACKTEST,
  HYPEROPT
}
