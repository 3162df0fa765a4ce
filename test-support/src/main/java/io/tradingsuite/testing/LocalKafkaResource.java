package io.tradingsuite.testing;

import io.quarkus.test.kafka.KafkaCompanionResource;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} and its {@link KafkaCompanion} at the real local broker that {@code
 * ./suite test} starts ({@code deploy/local/kafka.sh}), instead of a Dev Services container.
 * Override the address with {@code -Dkafka.bootstrap=host:port} or {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public class LocalKafkaResource extends KafkaCompanionResource {

  public static String bootstrapServers() {
    String fromProperty = System.getProperty("kafka.bootstrap");
    if (fromProperty != null && !fromProperty.isBlank()) {
      return fromProperty;
    }
    String fromEnv = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
    return fromEnv != null && !fromEnv.isBlank() ? fromEnv : "127.0.0.1:9092";
  }

  @Override
  public Map<String, String> start() {
    String bootstrap = bootstrapServers();
    kafkaCompanion = new KafkaCompanion(bootstrap);
    return Map.of("kafka.bootstrap.servers", bootstrap);
  }
}
