package io.tradingsuite.strategy.builtin;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.Indicators;
import io.tradingsuite.strategy.api.Parameter;
import io.tradingsuite.strategy.api.ParameterSpace;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.api.StrategySettings;
import java.util.List;

/**
 * Moving-average crossover: enter when the fast MA crosses above the slow MA, exit when it crosses
 * below. Parameters: {@code fast} (10), {@code slow} (30), {@code ma_type} ({@code SMA}|{@code
 * EMA}, default SMA).
 */
public final class MaCrossoverStrategy implements Strategy {

  public static final String NAME = "MaCrossoverStrategy";

  private static final List<Parameter> PARAMS =
      List.of(
          Parameter.intParam("fast", ParameterSpace.BUY, 2, 50, 10),
          Parameter.intParam("slow", ParameterSpace.BUY, 10, 200, 30),
          Parameter.categoricalParam("ma_type", ParameterSpace.BUY, List.of("SMA", "EMA"), "SMA"));

  private static final StrategySettings SETTINGS =
      new StrategySettings(
          Timeframe.parse("5m"),
          30,
          ExitPlan.builder().stoploss(-0.10).minimalRoi(RoiTable.of(0, 0.10)).build());

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StrategySettings settings() {
    return SETTINGS;
  }

  @Override
  public List<Parameter> parameters() {
    return PARAMS;
  }

  @Override
  public Indicators indicators(CandleColumns candles, StrategyParams p) {
    boolean ema = "EMA".equals(p.getString("ma_type"));
    double[] close = candles.close();
    int fast = p.getInt("fast");
    int slow = p.getInt("slow");
    return new Indicators()
        .put("fast_ma", ema ? TaLib.ema(close, fast) : TaLib.sma(close, fast))
        .put("slow_ma", ema ? TaLib.ema(close, slow) : TaLib.sma(close, slow));
  }

  @Override
  public SignalColumns signals(CandleColumns candles, Indicators ind, StrategyParams p) {
    double[] fast = ind.get("fast_ma");
    double[] slow = ind.get("slow_ma");
    return new SignalColumns(TaLib.crossedAbove(fast, slow), TaLib.crossedBelow(fast, slow));
  }
}
