package io.tradingsuite.marketdata.replay;

import java.util.List;

/**
 * What to replay: stored candles of {@code pairs} on {@code exchange}/{@code timeframe} with {@code
 * from <= open_time < to} (epoch ms), at {@code speed} × real time ({@code 0} = as fast as the
 * broker acknowledges).
 */
public record ReplaySpec(
    String id,
    String exchange,
    List<String> pairs,
    String timeframe,
    long from,
    long to,
    double speed) {
  public ReplaySpec {
    pairs = List.copyOf(pairs);
  }
}
