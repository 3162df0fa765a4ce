package io.tradingsuite.risk;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "risk";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {"io.tradingsuite.risk.domain.."};
  }
}
