package io.tradingsuite.cli;

import io.tradingsuite.testing.ServiceArchitectureContract;

/** The cli talks to the services over REST only: it uses none of their classes. */
class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "cli";
  }

  @Override
  protected String[] corePackages() {
    return new String[0];
  }
}
