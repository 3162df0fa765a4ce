package io.tradingsuite.e2e.harness;

/** The services the harness can start, by their module (and Quarkus application) name. */
public enum ServiceName {
  MARKET_DATA("market-data-service"),
  STRATEGY("strategy-service"),
  RISK("risk-service"),
  EXECUTION("execution-service"),
  REGISTRY("registry-service"),
  NOTIFICATION("notification-service");

  private final String module;

  ServiceName(String module) {
    this.module = module;
  }

  /** The Maven module, which is also the Quarkus application name and the log file name. */
  public String module() {
    return module;
  }

  @Override
  public String toString() {
    return module;
  }
}
