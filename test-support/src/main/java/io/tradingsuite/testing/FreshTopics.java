package io.tradingsuite.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Topic names of one test run ({@code <prefix>-<random>.<topic>}), created on the local broker, for
 * a test whose counts must see only its own messages: the shared topics carry every other run's
 * messages, and a fresh consumer group reads them all from the start.
 */
public final class FreshTopics {
  private final String prefix;

  public FreshTopics(String prefix) {
    this.prefix = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This run's name of {@code topic}. */
  public String of(String topic) {
    return prefix + "." + topic;
  }

  /** Creates this run's names of {@code topics} (one partition each), waiting for the broker. */
  public FreshTopics create(String... topics) {
    Set<NewTopic> wanted =
        Arrays.stream(topics)
            .map(t -> new NewTopic(of(t), 1, (short) 1))
            .collect(Collectors.toSet());
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalKafkaResource.bootstrapServers()))) {
      admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create topics " + wanted + ": " + e.getMessage(), e);
    }
    return this;
  }
}
