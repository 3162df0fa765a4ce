package io.tradingsuite.strategy;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "strategy";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {
      "io.tradingsuite.strategy.api..",
      "io.tradingsuite.strategy.builtin..",
      "io.tradingsuite.strategy.engine..",
      "io.tradingsuite.strategy.hyperopt"
    };
  }
}
