package io.tradingsuite.strategy.engine;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import java.util.Objects;

/**
 * One pair's full candle frame (startup candles included) and its unshifted signals, row-aligned.
 */
public record PairData(String pair, CandleColumns candles, SignalColumns signals) {

  public PairData {
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(candles, "candles");
    Objects.requireNonNull(signals, "signals");
    if (candles.size() != signals.size()) {
      throw new IllegalArgumentException(
          pair + ": " + candles.size() + " candles but " + signals.size() + " signal rows");
    }
  }
}
