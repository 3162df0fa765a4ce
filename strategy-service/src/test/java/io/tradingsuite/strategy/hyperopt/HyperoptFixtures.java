package io.tradingsuite.strategy.hyperopt;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.StakeAmount;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small MaCrossoverStrategy search over two synthetic pairs (12 days of 5m, timerange from day
 * 2).
 */
final class HyperoptFixtures {

  static final Strategy MA = new MaCrossoverStrategy();
  static final Map<String, CandleColumns> CANDLES = new LinkedHashMap<>();

  static {
    CANDLES.put("BTC/USDT", SyntheticCandles.randomWalk(11, 12 * 288, 5, 40000));
    CANDLES.put("ETH/USDT", SyntheticCandles.randomWalk(12, 12 * 288, 5, 2500));
  }

  private HyperoptFixtures() {}

  static BacktestConfig config() {
    return BacktestConfig.builder(MA.settings())
        .stakeAmount(StakeAmount.of(new BigDecimal("100")))
        .dryRunWallet(new BigDecimal("1000"))
        .maxOpenTrades(2)
        .fee(0.001)
        .timerange(Instant.parse("2024-01-02T00:00:00Z"), Instant.parse("2024-01-12T00:00:00Z"))
        .build();
  }

  static SearchSpace space(List<String> spaces) {
    BacktestConfig cfg = config();
    return SearchSpace.of(
        MA,
        HyperoptSpace.parse(spaces),
        MA.resolveParams(Map.of()),
        cfg.exitPlan(),
        cfg.timeframe().minutes(),
        null);
  }

  static EpochScorer scorer(SearchSpace space, HyperoptLoss loss) {
    return new EpochScorer(space, new EpochEvaluator(MA, config(), CANDLES, 1024), loss, 1, "USDT");
  }

  static HyperoptRunner.Outcome run(
      List<String> spaces, int epochs, int jobs, long seed, Path file) {
    SearchSpace space = space(spaces);
    HyperoptSettings settings =
        new HyperoptSettings(
            epochs,
            jobs,
            1,
            HyperoptLoss.SharpeHyperOptLoss,
            Sampler.Kind.TPE,
            seed,
            HyperoptSettings.DEFAULT_BATCH_SIZE);
    try (LocalBatchExecutor ex = new LocalBatchExecutor(scorer(space, settings.loss()), jobs)) {
      return new HyperoptRunner(space, settings).run(ex, file, null, null);
    }
  }
}
