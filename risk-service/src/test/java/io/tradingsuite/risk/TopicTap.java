package io.tradingsuite.risk;

import io.tradingsuite.testing.LocalKafkaResource;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a topic receives from now on (all partitions, no consumer group, starting at the end),
 * on a background thread. Topics outlive test runs, so a test reads only what came after it started
 * and filters by its own ids.
 */
public final class TopicTap implements AutoCloseable {
  private final ConcurrentLinkedQueue<ConsumerRecord<String, String>> seen =
      new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public TopicTap(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafkaResource.bootstrapServers());
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
    List<TopicPartition> parts =
        consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(topic, i.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position); // resolve the end now, before the test produces anything
    thread =
        new Thread(
            () -> {
              try (consumer) {
                while (running) {
                  consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
                }
              }
            },
            "tap-" + topic);
    thread.setDaemon(true);
    thread.start();
  }

  public List<ConsumerRecord<String, String>> records() {
    return List.copyOf(seen);
  }

  public List<ConsumerRecord<String, String>> containing(String text) {
    return seen.stream().filter(r -> r.value() != null && r.value().contains(text)).toList();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
