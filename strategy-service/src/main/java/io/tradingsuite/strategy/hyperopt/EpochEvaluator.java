package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.IndicatorCache;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestEngine;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.PairData;
import io.tradingsuite.strategy.engine.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one epoch's backtest over candle columns prepared once and shared read-only by every epoch and thread.
 *
 * <p>The plain path ({@link io.tradingsuite.strategy.engine.StrategyBacktester}) cuts the load window, computes
 * signals, and lets the engine trim the startup candles and the timerange end - copying every column on every
 * run. Here the load window and the trimmed candles are cut once; per epoch only the signal columns are
 * computed (indicators come from the shared {@link IndicatorCache}, keyed by the indicator parameters) and
 * sliced, and the engine gets an already-trimmed frame with a config that trims nothing. The result is the
 * same trade for trade (checked by {@code HyperoptReproducibilityTest}).
 */
public final class EpochEvaluator {

    private final Strategy strategy;
    private final BacktestConfig baseConfig;
    private final IndicatorCache cache;
    private final BacktestEngine engine = new BacktestEngine();
    private final List<Prepared> pairs = new ArrayList<>();

    private record Prepared(String pair, CandleColumns loaded, CandleColumns trimmed, int from, int to) {
    }

    /**
     * @param candles    per pair in whitelist order
     * @param cacheSize  indicator sets kept per pair (LRU)
     */
    public EpochEvaluator(Strategy strategy, BacktestConfig baseConfig, Map<String, CandleColumns> candles,
            int cacheSize) {
        this.strategy = strategy;
        this.baseConfig = baseConfig;
        this.cache = new IndicatorCache(strategy, cacheSize);
        long tfMs = baseConfig.timeframe().millis();
        int startup = baseConfig.startupCandles();
        long endMs = baseConfig.timerangeEnd() == null ? Long.MAX_VALUE : baseConfig.timerangeEnd().toEpochMilli();
        for (Map.Entry<String, CandleColumns> e : candles.entrySet()) {
            CandleColumns c = e.getValue();
            long[] t = c.openTime();
            int skip = 0;
            if (baseConfig.timerangeStart() != null) {
                long loadFrom = baseConfig.timerangeStart().toEpochMilli() - startup * tfMs;
                while (skip < t.length && t[skip] < loadFrom) {
                    skip++;
                }
            }
            CandleColumns loaded = skip == 0 ? c : c.slice(skip, t.length);
            long[] lt = loaded.openTime();
            int from = Math.min(lt.length, startup);
            int to = lt.length;
            while (to > from && lt[to - 1] > endMs) {
                to--;
            }
            pairs.add(new Prepared(e.getKey(), loaded, loaded.slice(from, to), from, to));
        }
    }

    public Strategy strategy() {
        return strategy;
    }

    public BacktestConfig baseConfig() {
        return baseConfig;
    }

    /** The config a plain backtest of {@code a} runs with (the base config with the epoch's exit plan). */
    public BacktestConfig configFor(SearchSpace.Assignment a) {
        return baseConfig.toBuilder().exitPlan(a.exitPlan()).build();
    }

    /** Backtests one assignment. Thread-safe. */
    public BacktestResult evaluate(SearchSpace.Assignment a) {
        BacktestConfig cfg = baseConfig.toBuilder().exitPlan(a.exitPlan()).timerange(null, null).startupCandles(0)
                .build();
        List<PairData> data = new ArrayList<>(pairs.size());
        for (Prepared p : pairs) {
            SignalColumns s = cache.signals(p.loaded(), a.strategyParams());
            if (p.from() != 0 || p.to() != s.size()) {
                s = s.slice(p.from(), p.to());
            }
            data.add(new PairData(p.pair(), p.trimmed(), s));
        }
        return engine.run(cfg, data, strategy, ProgressListener.NONE);
    }
}
