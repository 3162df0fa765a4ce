package io.tradingsuite.strategy.api;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.Timeframe;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy's own settings (Freqtrade strategy attributes); a backtest config may override each.
 *
 * @param timeframe candle size
 * @param startupCandleCount candles needed before the first usable signal (trimmed by the backtest)
 * @param exitPlan stoploss, minimal_roi, trailing, use_exit_signal, exit_profit_only,
 *     ignore_roi_if_entry_signal
 * @param protections Freqtrade-style protection dicts (used only with enable_protections)
 */
public record StrategySettings(
    Timeframe timeframe,
    int startupCandleCount,
    ExitPlan exitPlan,
    List<Map<String, Object>> protections) {

  public StrategySettings {
    Objects.requireNonNull(timeframe, "timeframe");
    Objects.requireNonNull(exitPlan, "exitPlan");
    if (startupCandleCount < 0) {
      throw new IllegalArgumentException("startupCandleCount must be >= 0");
    }
    protections = protections == null ? List.of() : List.copyOf(protections);
  }

  public StrategySettings(Timeframe timeframe, int startupCandleCount, ExitPlan exitPlan) {
    this(timeframe, startupCandleCount, exitPlan, List.of());
  }
}
