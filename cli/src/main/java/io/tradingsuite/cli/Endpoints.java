package io.tradingsuite.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where each service listens; each can be moved with an environment variable (e.g. RISK_URL). */
public final class Endpoints {
  private Endpoints() {}

  public static final Map<String, String> SERVICES = new LinkedHashMap<>();

  static {
    SERVICES.put("market-data-service", url("MARKET_DATA_URL", 8081));
    SERVICES.put("strategy-service", url("STRATEGY_URL", 8082));
    SERVICES.put("risk-service", url("RISK_URL", 8083));
    SERVICES.put("execution-service", url("EXECUTION_URL", 8084));
    SERVICES.put("registry-service", url("REGISTRY_URL", 8085));
    SERVICES.put("notification-service", url("NOTIFICATION_URL", 8086));
  }

  public static String marketData() {
    return SERVICES.get("market-data-service");
  }

  public static String strategy() {
    return SERVICES.get("strategy-service");
  }

  public static String risk() {
    return SERVICES.get("risk-service");
  }

  public static String execution() {
    return SERVICES.get("execution-service");
  }

  public static String registry() {
    return SERVICES.get("registry-service");
  }

  private static String url(String env, int port) {
    String value = System.getenv(env);
    return value != null && !value.isBlank()
        ? value.replaceAll("/+$", "")
        : "http://127.0.0.1:" + port;
  }
}
