package io.tradingsuite.strategy.api;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A trading strategy computed over whole columns. Implementations are stateless and thread-safe:
 * every input comes in as arguments, so hyperopt can evaluate many parameter assignments in
 * parallel.
 *
 * <p>Computation is split so indicators can be reused: {@link #indicators} depends only on the
 * parameters in {@link #indicatorParameters()}; {@link #signals} may use all of them.
 */
public interface Strategy extends StrategyCallbacks {

  /** Registry name, e.g. {@code MaCrossoverStrategy}. */
  String name();

  StrategySettings settings();

  /** Declared hyperoptable parameters (possibly empty). */
  List<Parameter> parameters();

  /** Names of the parameters {@link #indicators} depends on; default: all of them. */
  default Set<String> indicatorParameters() {
    return parameters().stream().map(Parameter::name).collect(Collectors.toUnmodifiableSet());
  }

  /** Indicator columns over the whole candle frame. */
  Indicators indicators(CandleColumns candles, StrategyParams params);

  /** Entry/exit signals (row {@code i} computed on the close of candle {@code i}). */
  SignalColumns signals(CandleColumns candles, Indicators indicators, StrategyParams params);

  /** Validated parameters with defaults filled in. */
  default StrategyParams resolveParams(Map<String, ?> raw) {
    return StrategyParams.resolve(parameters(), raw);
  }

  /** Convenience: indicators then signals. */
  default SignalColumns computeSignals(CandleColumns candles, StrategyParams params) {
    return signals(candles, indicators(candles, params), params);
  }
}
