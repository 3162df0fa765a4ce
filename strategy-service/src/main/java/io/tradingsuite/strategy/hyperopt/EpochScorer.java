package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.engine.BacktestResult;
import java.util.Map;

/**
 * Point &rarr; backtest &rarr; loss and Freqtrade's per-epoch report. Thread-safe; holds only
 * read-only state, so any number of threads (or instances, given the same inputs) score points
 * identically.
 */
public final class EpochScorer {

  private final SearchSpace space;
  private final EpochEvaluator evaluator;
  private final HyperoptLoss loss;
  private final int minTrades;
  private final String stakeCurrency;

  public EpochScorer(
      SearchSpace space,
      EpochEvaluator evaluator,
      HyperoptLoss loss,
      int minTrades,
      String stakeCurrency) {
    this.space = space;
    this.evaluator = evaluator;
    this.loss = loss;
    this.minTrades = minTrades;
    this.stakeCurrency = stakeCurrency == null ? "USDT" : stakeCurrency;
  }

  public SearchSpace space() {
    return space;
  }

  public EpochEvaluator evaluator() {
    return evaluator;
  }

  /** What one point scored (epoch numbering and is_best are added by the runner, in order). */
  public record Scored(
      SearchSpace.Assignment assignment,
      double loss,
      Map<String, Object> metrics,
      String metricsJson,
      String explanation,
      double totalProfit,
      BacktestResult result) {}

  public Scored score(Map<String, Object> point) {
    SearchSpace.Assignment a = space.decode(point);
    BacktestResult r = evaluator.evaluate(a);
    double l = HyperoptLoss.MAX_LOSS;
    if (r.trades().size() >= minTrades) {
      l = loss.loss(LossInput.of(r));
      // a NaN/infinite loss would poison the sampler's ordering; Freqtrade's losses never produce
      // one on
      // valid data, so treat it like "no usable result"
      if (!Double.isFinite(l)) {
        l = HyperoptLoss.MAX_LOSS;
      }
    }
    Map<String, Object> metrics =
        ResultsJson.metrics(space.strategy().name(), evaluator.configFor(a), r);
    String metricsJson = ResultsJson.toJson(metrics);
    return new Scored(
        a,
        l,
        metrics,
        metricsJson,
        ResultsJson.explanation(metrics, stakeCurrency),
        r.summary().profitTotalAbs().doubleValue(),
        r);
  }
}
