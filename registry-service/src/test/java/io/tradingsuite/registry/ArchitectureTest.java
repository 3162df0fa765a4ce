package io.tradingsuite.registry;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "registry";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {
      "io.tradingsuite.registry.report..",
      "io.tradingsuite.registry.index..",
      "io.tradingsuite.registry.store..",
      "io.tradingsuite.registry.backup..",
      "io.tradingsuite.registry.query.."
    };
  }
}
