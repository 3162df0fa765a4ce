package io.tradingsuite.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Configuration for a {@code @QuarkusIntegrationTest}: the packaged application runs as its own
 * process with the {@code prod} profile, as deployed, pointed at the real local broker, with its
 * own files under {@code target/}, the API key the contract tests use, a consumer group of its own
 * that starts at the end of the topics (the shared broker's topics may hold other tests' messages),
 * and no span exporter (there is no collector to export to).
 */
public class PackagedAppResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    return Map.of(
        "kafka.bootstrap.servers",
        LocalKafkaResource.bootstrapServers(),
        "suite.var-dir",
        Path.of("target", "packaged-it", run).toAbsolutePath().toString(),
        "suite.api-key",
        ServiceBasicsContract.API_KEY,
        "mp.messaging.connector.smallrye-kafka.group.id",
        "packaged-it-" + run,
        "mp.messaging.connector.smallrye-kafka.auto.offset.reset",
        "latest",
        "quarkus.otel.sdk.disabled",
        "true");
  }

  @Override
  public void stop() {}
}
