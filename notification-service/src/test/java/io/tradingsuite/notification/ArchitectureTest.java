package io.tradingsuite.notification;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "notification";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {"io.tradingsuite.notification.domain.."};
  }
}
