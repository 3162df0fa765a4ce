package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.StrategyBacktester;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 500-epoch search of MaCrossoverStrategy: the best epoch's parameters, backtested through the
 * plain path (and again after exporting and loading the strategy parameter file), reproduce the
 * epoch's reported result exactly.
 */
class HyperoptReproducibilityTest {

  @TempDir Path var;

  @Test
  void bestEpochReproducesThroughThePlainBacktestAndTheParameterFile() {
    List<String> spaces = List.of("buy", "roi", "stoploss", "trailing");
    Path file = var.resolve("hyperopt_results").resolve(FthyptFile.fileName("MaCrossoverStrategy"));
    HyperoptRunner.Outcome o = HyperoptFixtures.run(spaces, 500, 2, 2024, file);
    assertThat(o.epochsDone()).isEqualTo(500);
    EpochResult best = o.best();
    assertThat(best.totalTrades()).isPositive();

    SearchSpace.Assignment a = o.bestAssignment();
    BacktestConfig cfg = HyperoptFixtures.config().toBuilder().exitPlan(a.exitPlan()).build();
    BacktestResult plain =
        new StrategyBacktester()
            .run(
                HyperoptFixtures.MA, a.strategyParams(), cfg, HyperoptFixtures.CANDLES, null, null);
    Map<String, Object> plainMetrics = ResultsJson.metrics("MaCrossoverStrategy", cfg, plain);
    assertThat(plainMetrics).isEqualTo(best.resultsMetrics());
    assertThat(HyperoptLoss.SharpeHyperOptLoss.loss(LossInput.of(plain))).isEqualTo(best.loss());
    assertThat(((BigDecimal) plainMetrics.get("profit_total_abs")).doubleValue())
        .isEqualTo(best.totalProfit());

    // export -> load -> apply as a backtest would -> same result
    StrategyParamsFile.write(var, "MaCrossoverStrategy", a.allParams());
    StrategyParamsFile.Loaded loaded =
        StrategyParamsFile.load(var, "MaCrossoverStrategy").orElseThrow();
    StrategyParams params = HyperoptFixtures.MA.resolveParams(loaded.strategyParams());
    BacktestConfig fromFile =
        HyperoptFixtures.config().toBuilder()
            .exitPlan(loaded.applyTo(HyperoptFixtures.MA.settings().exitPlan()))
            .build();
    assertThat(params).isEqualTo(a.strategyParams());
    assertThat(fromFile.exitPlan()).isEqualTo(a.exitPlan());
    BacktestResult again =
        new StrategyBacktester()
            .run(HyperoptFixtures.MA, params, fromFile, HyperoptFixtures.CANDLES, null, null);
    assertThat(again.trades()).isEqualTo(plain.trades());
    assertThat(again.summary()).isEqualTo(plain.summary());
  }
}
