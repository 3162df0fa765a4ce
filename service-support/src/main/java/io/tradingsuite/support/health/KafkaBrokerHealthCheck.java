package io.tradingsuite.support.health;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka broker: one metadata round trip with a short deadline. (Quarkus' own check
 * waits for the admin client's 60 s default when the broker is gone, which outlives any probe.)
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerHealthCheck implements HealthCheck {
  private static final long TIMEOUT_MS = 3000;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private Admin admin;

  @Override
  public HealthCheckResponse call() {
    var response =
        HealthCheckResponse.named("kafka").withData("bootstrap.servers", bootstrapServers);
    try {
      int nodes = admin().describeCluster().nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
      return response.up().withData("nodes", nodes).build();
    } catch (Exception e) {
      return response
          .down()
          .withData(
              "error",
              "broker unreachable within "
                  + TIMEOUT_MS
                  + " ms: "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()))
          .build();
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin =
          Admin.create(
              Map.of(
                  AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                  bootstrapServers,
                  AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT_MS,
                  AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                  (int) TIMEOUT_MS,
                  AdminClientConfig.CLIENT_ID_CONFIG,
                  "health-check"));
    }
    return admin;
  }

  synchronized void onStop(@Observes ShutdownEvent ignored) {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(1));
    }
  }
}
