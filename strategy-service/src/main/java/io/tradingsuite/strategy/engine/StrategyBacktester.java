package io.tradingsuite.strategy.engine;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.IndicatorCache;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Strategy + parameters + raw candles &rarr; backtest, the way Freqtrade prepares data: candles
 * before {@code timerange start - startup candles} are not loaded, indicators and signals are
 * computed over the loaded frame (startup candles included), then the engine trims the startup rows
 * and runs. With an {@link IndicatorCache} the indicator columns are reused across runs (hyperopt).
 */
public final class StrategyBacktester {

  private final BacktestEngine engine = new BacktestEngine();

  /**
   * Backtests {@code strategy} with {@code params} over {@code candles}.
   *
   * @param candles per pair in whitelist order (use a {@link java.util.LinkedHashMap}); frames must
   *     stay the same instances between runs for the cache to hit
   * @param cache optional indicator cache for {@code strategy}, or {@code null}
   */
  public BacktestResult run(
      Strategy strategy,
      StrategyParams params,
      BacktestConfig config,
      Map<String, CandleColumns> candles,
      IndicatorCache cache,
      ProgressListener progress) {
    List<PairData> data = new ArrayList<>();
    for (Map.Entry<String, CandleColumns> e : candles.entrySet()) {
      CandleColumns frame = loadWindow(e.getValue(), config);
      SignalColumns signals =
          cache != null ? cache.signals(frame, params) : strategy.computeSignals(frame, params);
      data.add(new PairData(e.getKey(), frame, signals));
    }
    return engine.run(config, data, strategy, progress);
  }

  /**
   * The load window: drops rows before {@code timerange start - startup * timeframe} (returns the
   * same instance when none).
   */
  public static CandleColumns loadWindow(CandleColumns c, BacktestConfig config) {
    if (config.timerangeStart() == null) {
      return c;
    }
    long from =
        config.timerangeStart().toEpochMilli()
            - config.startupCandles() * config.timeframe().millis();
    long[] t = c.openTime();
    int i = 0;
    while (i < t.length && t[i] < from) {
      i++;
    }
    return i == 0 ? c : c.slice(i, t.length);
  }
}
