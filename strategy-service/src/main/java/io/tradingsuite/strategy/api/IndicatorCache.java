package io.tradingsuite.strategy.api;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memoises {@link Strategy#indicators} per candle frame (by identity) and per value of the
 * strategy's {@link Strategy#indicatorParameters() indicator parameters}, so hyperopt epochs that
 * only change signal thresholds reuse the indicator columns. Bounded LRU per frame; thread-safe
 * (synchronised).
 */
public final class IndicatorCache {

  private final Strategy strategy;
  private final int maxEntriesPerFrame;
  private final IdentityHashMap<CandleColumns, Map<StrategyParams, Indicators>> cache =
      new IdentityHashMap<>();

  public IndicatorCache(Strategy strategy, int maxEntriesPerFrame) {
    this.strategy = strategy;
    this.maxEntriesPerFrame = maxEntriesPerFrame;
  }

  public Indicators indicators(CandleColumns candles, StrategyParams params) {
    StrategyParams key = params.subset(strategy.indicatorParameters());
    Map<StrategyParams, Indicators> perFrame;
    synchronized (this) {
      perFrame =
          cache.computeIfAbsent(
              candles,
              c ->
                  new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(
                        Map.Entry<StrategyParams, Indicators> eldest) {
                      return size() > maxEntriesPerFrame;
                    }
                  });
      Indicators hit = perFrame.get(key);
      if (hit != null) {
        return hit;
      }
    }
    Indicators computed = strategy.indicators(candles, params);
    synchronized (this) {
      perFrame.put(key, computed);
    }
    return computed;
  }

  public SignalColumns signals(CandleColumns candles, StrategyParams params) {
    return strategy.signals(candles, indicators(candles, params), params);
  }
}
