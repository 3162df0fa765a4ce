package io.tradingsuite.strategy.hyperopt;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One evaluated epoch, as written to the {@code .fthypt} file (Freqtrade's keys).
 *
 * @param epoch 1-based ({@code current_epoch})
 * @param resultsMetricsJson {@code resultsMetrics} already rendered as JSON (by the worker thread
 *     that scored the epoch, so the thread appending to the file only copies text), or {@code null}
 */
public record EpochResult(
    int epoch,
    Map<String, Object> paramsDict,
    Map<String, Map<String, Object>> paramsDetails,
    Map<String, Map<String, Object>> paramsNotOptimized,
    double loss,
    Map<String, Object> resultsMetrics,
    String resultsExplanation,
    double totalProfit,
    boolean isInitialPoint,
    boolean isRandom,
    boolean isBest,
    String resultsMetricsJson) {

  /** Fthypt file format version written (Freqtrade's current one). */
  public static final int FILE_VERSION = 2;

  public EpochResult withBest(boolean best) {
    return new EpochResult(
        epoch,
        paramsDict,
        paramsDetails,
        paramsNotOptimized,
        loss,
        resultsMetrics,
        resultsExplanation,
        totalProfit,
        isInitialPoint,
        isRandom,
        best,
        resultsMetricsJson);
  }

  public int totalTrades() {
    Object n = resultsMetrics.get("total_trades");
    return n instanceof Number x ? x.intValue() : 0;
  }

  /** The JSON line object. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loss", loss);
    m.put("params_dict", paramsDict);
    m.put("params_details", paramsDetails);
    m.put("params_not_optimized", paramsNotOptimized);
    m.put(
        "results_metrics",
        resultsMetricsJson != null
            ? new com.fasterxml.jackson.databind.util.RawValue(resultsMetricsJson)
            : resultsMetrics);
    m.put("results_explanation", resultsExplanation);
    m.put("total_profit", totalProfit);
    m.put("current_epoch", epoch);
    m.put("is_initial_point", isInitialPoint);
    m.put("is_random", isRandom);
    m.put("is_best", isBest);
    m.put("fthypt_fileversion", FILE_VERSION);
    return m;
  }
}
