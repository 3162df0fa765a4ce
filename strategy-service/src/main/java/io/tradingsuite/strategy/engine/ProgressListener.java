package io.tradingsuite.strategy.engine;

/**
 * Receives backtest progress in whole percent (0..100), each value at most once, in increasing
 * order.
 */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = percent -> {};

  void onProgress(int percent);
}
