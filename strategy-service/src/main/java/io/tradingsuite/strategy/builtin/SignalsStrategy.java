package io.tradingsuite.strategy.builtin;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.Indicators;
import io.tradingsuite.strategy.api.Parameter;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.api.StrategySettings;
import java.util.List;

/**
 * {@code Signals}: the entry/exit flags come with the candles (extra columns {@value #ENTER_LONG}
 * and {@value #EXIT_LONG}, 0/1); the strategy computes nothing. Its settings are Freqtrade's
 * defaults and are meant to be overridden by the backtest request.
 */
public final class SignalsStrategy implements Strategy {

  public static final String NAME = "Signals";
  public static final String ENTER_LONG = "enter_long";
  public static final String EXIT_LONG = "exit_long";

  private static final StrategySettings SETTINGS =
      new StrategySettings(Timeframe.parse("5m"), 0, ExitPlan.builder().build());

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
    return List.of();
  }

  @Override
  public Indicators indicators(CandleColumns candles, StrategyParams params) {
    return new Indicators();
  }

  @Override
  public SignalColumns signals(
      CandleColumns candles, Indicators indicators, StrategyParams params) {
    return new SignalColumns(flags(candles, ENTER_LONG), flags(candles, EXIT_LONG));
  }

  private static boolean[] flags(CandleColumns candles, String column) {
    double[] v = candles.extra(column);
    boolean[] out = new boolean[candles.size()];
    if (v != null) {
      for (int i = 0; i < out.length; i++) {
        out[i] = v[i] == 1.0;
      }
    }
    return out;
  }
}
