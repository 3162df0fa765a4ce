package io.tradingsuite.e2e.harness;

import io.tradingsuite.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The run's own topics on the shared broker: {@code <prefix><topic>} for every topic of the
 * contract and its dead-letter twin, created with the partitions {@code deploy/local/kafka.sh}
 * gives the real ones, read back in full, and deleted afterwards together with the run's consumer
 * groups. Runs (and other modules' tests) never see each other's messages.
 */
public final class RunTopics implements AutoCloseable {
  /** Keyed by market: as many partitions as the local broker's topics. */
  static final Set<String> KEYED =
      Set.of(Topics.CANDLES, Topics.SIGNALS, Topics.DECISIONS, Topics.FILLS);

  static final int KEYED_PARTITIONS = 6;

  private final String bootstrap;
  private final String prefix;
  private final String groupPrefix;
  private final Admin admin;

  public RunTopics(String bootstrap, String prefix, String groupPrefix) {
    this.bootstrap = bootstrap;
    this.prefix = prefix;
    this.groupPrefix = groupPrefix;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    this.admin = Admin.create(p);
  }

  /** Fails with what to do when no broker answers. */
  public void requireBroker() {
    try {
      admin.describeCluster().nodes().get(15, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "no Kafka broker answers at "
              + bootstrap
              + " ("
              + e
              + "). The end-to-end tests need the local broker: ./suite test starts it, or"
              + " deploy/local/kafka.sh start",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The run's name of a contract topic. */
  public String name(String topic) {
    return prefix + topic;
  }

  public String prefix() {
    return prefix;
  }

  public String groupPrefix() {
    return groupPrefix;
  }

  /** Creates the run's topics (idempotent). */
  public void createAll() {
    List<NewTopic> topics = new ArrayList<>();
    for (String t : Topics.all()) {
      topics.add(new NewTopic(name(t), KEYED.contains(t) ? KEYED_PARTITIONS : 1, (short) 1));
      topics.add(new NewTopic(name(Topics.dlq(t)), 1, (short) 1));
    }
    try {
      admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("could not create the run's topics: " + e.getCause(), e);
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("could not create the run's topics in 30 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every record of {@code topic} (a contract topic name; the run's copy is read), in order. */
  public List<ConsumerRecord<String, String>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupPrefix + "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    List<ConsumerRecord<String, String>> out = new ArrayList<>();
    try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(name(topic), Duration.ofSeconds(15))
          .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(15));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (!reached(c, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + name(topic) + " to its end in 120 s");
        }
        c.poll(Duration.ofMillis(500)).forEach(out::add);
      }
    }
    return out;
  }

  private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey(), Duration.ofSeconds(15)) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** End offsets of every run topic, summed: grows while anything is still being published. */
  public long totalEndOffset() {
    try {
      Set<String> names = new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
      names.removeIf(n -> !n.startsWith(prefix));
      Map<TopicPartition, OffsetSpec> req = new HashMap<>();
      admin
          .describeTopics(names)
          .allTopicNames()
          .get(15, TimeUnit.SECONDS)
          .forEach(
              (n, d) ->
                  d.partitions()
                      .forEach(
                          pi ->
                              req.put(new TopicPartition(n, pi.partition()), OffsetSpec.latest())));
      long sum = 0;
      for (ListOffsetsResult.ListOffsetsResultInfo i :
          admin.listOffsets(req).all().get(15, TimeUnit.SECONDS).values()) {
        sum += i.offset();
      }
      return sum;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read end offsets: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Records the run's service consumer groups have not committed yet, per group ({@code group ->
   * lag}); a group without members counts its committed offsets only. Probe groups are left out.
   */
  public Map<String, Long> lagByGroup() {
    try {
      List<String> groups = new ArrayList<>();
      for (String g : groupIds()) {
        if (!g.startsWith(groupPrefix + "probe-")) {
          groups.add(g);
        }
      }
      Map<String, Long> lag = new HashMap<>();
      Map<String, ConsumerGroupDescription> described =
          admin.describeConsumerGroups(groups).all().get(15, TimeUnit.SECONDS);
      for (String g : groups) {
        Set<TopicPartition> assigned = new HashSet<>();
        for (MemberDescription m : described.get(g).members()) {
          assigned.addAll(m.assignment().topicPartitions());
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin
                .listConsumerGroupOffsets(g)
                .partitionsToOffsetAndMetadata()
                .get(15, TimeUnit.SECONDS);
        assigned.addAll(committed.keySet());
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        assigned.forEach(tp -> req.put(tp, OffsetSpec.latest()));
        long total = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
            admin.listOffsets(req).all().get(15, TimeUnit.SECONDS).entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          total += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        lag.put(g, total);
      }
      return lag;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not read consumer group offsets: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * True when, for every group, the group is stable and its members together hold every partition
   * of each topic (run names) listed for it.
   */
  public boolean assigned(Map<String, Set<String>> groupTopics) {
    if (groupTopics == null || groupTopics.isEmpty()) {
      return true;
    }
    try {
      Map<String, ConsumerGroupDescription> described =
          admin.describeConsumerGroups(groupTopics.keySet()).all().get(15, TimeUnit.SECONDS);
      Map<String, Integer> partitions = new HashMap<>();
      admin
          .describeTopics(
              groupTopics.values().stream()
                  .flatMap(Set::stream)
                  .collect(java.util.stream.Collectors.toSet()))
          .allTopicNames()
          .get(15, TimeUnit.SECONDS)
          .forEach((n, d) -> partitions.put(n, d.partitions().size()));
      for (Map.Entry<String, Set<String>> e : groupTopics.entrySet()) {
        ConsumerGroupDescription d = described.get(e.getKey());
        if (d == null || d.groupState() != GroupState.STABLE) {
          return false;
        }
        Set<TopicPartition> held = new HashSet<>();
        for (MemberDescription m : d.members()) {
          held.addAll(m.assignment().topicPartitions());
        }
        for (String topic : e.getValue()) {
          for (int i = 0; i < partitions.getOrDefault(topic, 0); i++) {
            if (!held.contains(new TopicPartition(topic, i))) {
              return false;
            }
          }
        }
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The run's consumer groups. */
  private List<String> groupIds()
      throws ExecutionException, TimeoutException, InterruptedException {
    List<String> out = new ArrayList<>();
    for (GroupListing g :
        admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(15, TimeUnit.SECONDS)) {
      if (g.groupId().startsWith(groupPrefix)) {
        out.add(g.groupId());
      }
    }
    return out;
  }

  /** Deletes the run's topics and consumer groups (best effort: the broker may be gone). */
  public void deleteAll() {
    try {
      Collection<String> groups = groupIds();
      if (!groups.isEmpty()) {
        admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
      }
      Set<String> names = new HashSet<>(admin.listTopics().names().get(15, TimeUnit.SECONDS));
      names.removeIf(n -> !n.startsWith(prefix));
      if (!names.isEmpty()) {
        admin.deleteTopics(names).all().get(30, TimeUnit.SECONDS);
      }
    } catch (ExecutionException | TimeoutException e) {
      System.err.println("[e2e] could not delete the run's topics/groups: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(10));
  }
}
