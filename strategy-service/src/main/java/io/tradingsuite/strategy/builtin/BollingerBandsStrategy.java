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
import java.util.Set;

/**
 * Bollinger bands: enter when the close falls below the lower band, exit when it closes above the
 * middle band (or the upper band with {@code exit_at_upper}). Indicators depend on {@code
 * bb_period} and {@code bb_std}.
 */
public final class BollingerBandsStrategy implements Strategy {

  public static final String NAME = "BollingerBandsStrategy";

  private static final List<Parameter> PARAMS =
      List.of(
          Parameter.intParam("bb_period", ParameterSpace.BUY, 10, 50, 20),
          Parameter.decimalParam("bb_std", ParameterSpace.BUY, 1.0, 3.0, 2.0, 1),
          Parameter.booleanParam("exit_at_upper", ParameterSpace.SELL, false));

  private static final StrategySettings SETTINGS =
      new StrategySettings(
          Timeframe.parse("15m"),
          50,
          ExitPlan.builder()
              .stoploss(-0.10)
              .minimalRoi(RoiTable.of(0, 0.08, 120, 0.04, 480, 0.0))
              .build());

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
  public Set<String> indicatorParameters() {
    return Set.of("bb_period", "bb_std");
  }

  @Override
  public Indicators indicators(CandleColumns candles, StrategyParams p) {
    double dev = p.getDouble("bb_std");
    double[][] bb = TaLib.bbands(candles.close(), p.getInt("bb_period"), dev, dev);
    return new Indicators().put("bb_upper", bb[0]).put("bb_middle", bb[1]).put("bb_lower", bb[2]);
  }

  @Override
  public SignalColumns signals(CandleColumns candles, Indicators ind, StrategyParams p) {
    double[] close = candles.close();
    double[] lower = ind.get("bb_lower");
    double[] exitBand = p.getBoolean("exit_at_upper") ? ind.get("bb_upper") : ind.get("bb_middle");
    boolean[] enter = new boolean[close.length];
    boolean[] exit = new boolean[close.length];
    for (int i = 0; i < close.length; i++) {
      enter[i] = close[i] < lower[i];
      exit[i] = close[i] > exitBand[i];
    }
    return new SignalColumns(enter, exit);
  }
}
