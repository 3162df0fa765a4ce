package io.tradingsuite.strategy.backtest;

import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the {@link StrategyRegistry} injectable: the built-in strategies plus every CDI bean
 * implementing {@link Strategy} (a class annotated {@code @Singleton} in this service), so adding a
 * strategy is writing one class (docs/STRATEGY.md, "Adding a strategy").
 */
public class StrategyRegistryProducer {

  @Produces
  @Singleton
  StrategyRegistry registry(@Any Instance<Strategy> beans) {
    List<Strategy> all = new ArrayList<>();
    StrategyRegistry builtin = StrategyRegistry.builtin();
    builtin.names().forEach(n -> all.add(builtin.require(n)));
    beans.forEach(all::add);
    return new StrategyRegistry(all);
  }
}
