package io.tradingsuite.execution;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "execution";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {"io.tradingsuite.execution.engine.."};
  }
}
