package io.tradingsuite.strategy.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Starts one {@link FakeServices} for the Quarkus test app and points {@code suite.risk.url} and
 * {@code suite.market-data.url} at it. It applies to every {@code @QuarkusTest} of the module (one
 * app boot); by default leases are granted.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

  private static volatile FakeServices instance;

  public static FakeServices services() {
    return instance;
  }

  @Override
  public Map<String, String> start() {
    try {
      instance = new FakeServices();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.of("suite.risk.url", instance.url(), "suite.market-data.url", instance.url());
  }

  @Override
  public void stop() {
    if (instance != null) {
      instance.close();
    }
  }
}
