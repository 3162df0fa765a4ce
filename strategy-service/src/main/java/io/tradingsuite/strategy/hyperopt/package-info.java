/**
 * Hyperopt (plain Java core): search spaces from a strategy's buy/sell parameters plus Freqtrade's
 * roi, stoploss and trailing spaces ({@link io.tradingsuite.strategy.hyperopt.SearchSpace}),
 * Freqtrade's ten loss functions ({@link io.tradingsuite.strategy.hyperopt.HyperoptLoss}), a seeded
 * TPE and random sampler, parallel evaluation over shared read-only candle columns ({@link
 * io.tradingsuite.strategy.hyperopt.EpochEvaluator}), the {@code .fthypt} results file with resume
 * ({@link io.tradingsuite.strategy.hyperopt.HyperoptRunner}), and the strategy parameter file
 * export ({@link io.tradingsuite.strategy.hyperopt.StrategyParamsFile}). Adapters (REST) live in
 * {@code hyperopt.rest}.
 */
package io.tradingsuite.strategy.hyperopt;
