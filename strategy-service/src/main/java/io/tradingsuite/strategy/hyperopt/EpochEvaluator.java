package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.IndicatorCache;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestEngine;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.PairData;
import io.tradingsuite.strategy.engine.ProgressListener;
import io.tradingsuite.strategy.engine.StrategyBacktester;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one epoch's backtest over candle columns prepared once and shared read-only by every epoch
 * and thread.
 *
 * <p>It is the plain path ({@link StrategyBacktester}) with the per-epoch work cut to what the
 * epoch changes: the load window of each pair is cut once; signals are computed once per distinct
 * strategy-parameter assignment (indicators through the shared {@link IndicatorCache}, keyed by the
 * indicator parameters) and kept in a memory-bounded LRU, so epochs that differ only in ROI,
 * stoploss or trailing reuse them outright; the engine gets the same frames, signals and config as
 * the plain path (it trims the startup candles and the timerange end as views, without copying).
 * The result is the same trade for trade (checked by {@code HyperoptReproducibilityTest}).
 */
public final class EpochEvaluator {

  /** Memory the signal cache may hold (boolean columns, 2 bytes per candle and pair). */
  private static final long SIGNAL_CACHE_BYTES = 192L << 20;

  /**
   * Memory the indicator cache should stay near, assuming four double columns per set. Signal sets
   * are what epochs reuse; indicator sets only matter for strategies whose signals have parameters
   * of their own, and a cache of hundreds of full-length indicator sets keeps the garbage collector
   * busy for nothing.
   */
  private static final long INDICATOR_CACHE_BYTES = 256L << 20;

  private final Strategy strategy;
  private final BacktestConfig baseConfig;
  private final IndicatorCache cache;
  private final BacktestEngine engine = new BacktestEngine();
  private final List<String> pairNames = new ArrayList<>();
  private final List<CandleColumns> loaded = new ArrayList<>();
  private final Map<StrategyParams, List<SignalColumns>> signalCache;

  /**
   * @param candles per pair in whitelist order
   * @param cacheSize indicator sets kept per pair (LRU), within a memory budget; also bounds the
   *     signal sets kept
   */
  public EpochEvaluator(
      Strategy strategy,
      BacktestConfig baseConfig,
      Map<String, CandleColumns> candles,
      int cacheSize) {
    this.strategy = strategy;
    this.baseConfig = baseConfig;
    long rows = 0;
    for (Map.Entry<String, CandleColumns> e : candles.entrySet()) {
      CandleColumns frame = StrategyBacktester.loadWindow(e.getValue(), baseConfig);
      pairNames.add(e.getKey());
      loaded.add(frame);
      rows += frame.size();
    }
    // each indicator set is kept for every pair: the budget is shared by all rows
    long indicatorSets = Math.max(8, INDICATOR_CACHE_BYTES / Math.max(1, 32 * rows));
    this.cache =
        new IndicatorCache(strategy, (int) Math.max(1, Math.min(cacheSize, indicatorSets)));
    int maxSignalSets =
        (int) Math.max(1, Math.min(cacheSize, SIGNAL_CACHE_BYTES / Math.max(1, 2 * rows)));
    this.signalCache =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(
              Map.Entry<StrategyParams, List<SignalColumns>> eldest) {
            return size() > maxSignalSets;
          }
        };
  }

  public Strategy strategy() {
    return strategy;
  }

  public BacktestConfig baseConfig() {
    return baseConfig;
  }

  /**
   * The config a plain backtest of {@code a} runs with (the base config with the epoch's exit
   * plan).
   */
  public BacktestConfig configFor(SearchSpace.Assignment a) {
    return baseConfig.toBuilder().exitPlan(a.exitPlan()).build();
  }

  /** Backtests one assignment. Thread-safe. */
  public BacktestResult evaluate(SearchSpace.Assignment a) {
    List<SignalColumns> signals = signals(a.strategyParams());
    List<PairData> data = new ArrayList<>(loaded.size());
    for (int i = 0; i < loaded.size(); i++) {
      data.add(new PairData(pairNames.get(i), loaded.get(i), signals.get(i)));
    }
    return engine.run(configFor(a), data, strategy, ProgressListener.NONE);
  }

  /**
   * Every pair's signals for {@code params}, computed at most once while they stay in the cache.
   */
  private List<SignalColumns> signals(StrategyParams params) {
    synchronized (signalCache) {
      List<SignalColumns> hit = signalCache.get(params);
      if (hit != null) {
        return hit;
      }
    }
    // computed outside the lock: two threads may compute the same set, with equal results
    List<SignalColumns> computed = new ArrayList<>(loaded.size());
    for (CandleColumns frame : loaded) {
      computed.add(cache.signals(frame, params));
    }
    synchronized (signalCache) {
      signalCache.put(params, computed);
    }
    return computed;
  }
}
