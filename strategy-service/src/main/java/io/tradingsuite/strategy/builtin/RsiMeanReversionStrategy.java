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
 * RSI mean reversion: enter when RSI crosses up through {@code buy_rsi} (leaving oversold), exit
 * when RSI is above {@code sell_rsi}. Indicators depend only on {@code rsi_period}, so threshold
 * changes reuse them.
 */
public final class RsiMeanReversionStrategy implements Strategy {

  public static final String NAME = "RsiMeanReversionStrategy";

  private static final List<Parameter> PARAMS =
      List.of(
          Parameter.intParam("rsi_period", ParameterSpace.BUY, 5, 30, 14),
          Parameter.intParam("buy_rsi", ParameterSpace.BUY, 10, 45, 30),
          Parameter.intParam("sell_rsi", ParameterSpace.SELL, 55, 90, 70));

  private static final StrategySettings SETTINGS =
      new StrategySettings(
          Timeframe.parse("15m"),
          30,
          ExitPlan.builder()
              .stoploss(-0.08)
              .minimalRoi(RoiTable.of(0, 0.06, 60, 0.03, 240, 0.01))
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
    return Set.of("rsi_period");
  }

  @Override
  public Indicators indicators(CandleColumns candles, StrategyParams p) {
    return new Indicators().put("rsi", TaLib.rsi(candles.close(), p.getInt("rsi_period")));
  }

  @Override
  public SignalColumns signals(CandleColumns candles, Indicators ind, StrategyParams p) {
    double[] rsi = ind.get("rsi");
    int n = rsi.length;
    double buy = p.getInt("buy_rsi");
    double sell = p.getInt("sell_rsi");
    boolean[] enter = new boolean[n];
    boolean[] exit = new boolean[n];
    for (int i = 1; i < n; i++) {
      enter[i] = rsi[i] > buy && rsi[i - 1] <= buy;
      exit[i] = rsi[i] > sell;
    }
    return new SignalColumns(enter, exit);
  }
}
