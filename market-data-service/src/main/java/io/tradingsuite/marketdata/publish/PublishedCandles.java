package io.tradingsuite.marketdata.publish;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.marketdata.replay.ReplaySpec;
import io.tradingsuite.marketdata.replay.ReplayState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What is on the candle topic, read back: the topic's end offsets when a replay starts, and after a
 * crash, which of the replay's candles reached the topic. A replay records its progress only every
 * half window; a process killed in between leaves candles that the broker has but the database does
 * not know of. The topic is the truth about what was published, so a resumed replay starts after
 * the last candle of each pair found there (each pair's candles are on one partition, in order) and
 * sends nothing twice.
 */
@ApplicationScoped
public class PublishedCandles {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrap;

  @ConfigProperty(name = "mp.messaging.outgoing.candles-out.topic")
  String topic;

  private KafkaConsumer<String, String> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(p);
  }

  private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
    List<TopicPartition> out = new ArrayList<>();
    for (PartitionInfo info : c.partitionsFor(topic, TIMEOUT)) {
      out.add(new TopicPartition(topic, info.partition()));
    }
    return out;
  }

  /** Where each partition of the candle topic ends now. */
  public Map<Integer, Long> endOffsets() {
    try (KafkaConsumer<String, String> c = consumer()) {
      Map<Integer, Long> out = new TreeMap<>();
      c.endOffsets(partitions(c), TIMEOUT).forEach((tp, off) -> out.put(tp.partition(), off));
      return out;
    }
  }

  /**
   * The replay's progress as the topic shows it: for each pair with candles of the replay beyond
   * {@code recorded}, on the topic since {@code startOffsets}, the last open time found and the
   * published count grown by the candles found. Pairs with nothing beyond are left out.
   */
  public Map<String, ReplayState.PairProgress> beyond(
      ReplaySpec spec,
      Map<Integer, Long> startOffsets,
      Map<String, ReplayState.PairProgress> recorded) {
    Map<String, Set<Long>> found = new HashMap<>();
    scan(
        spec.exchange(),
        spec.pairs(),
        spec.timeframe(),
        (c, all) -> {
          List<TopicPartition> parts =
              all.stream().filter(tp -> startOffsets.containsKey(tp.partition())).toList();
          c.assign(parts);
          parts.forEach(tp -> c.seek(tp, startOffsets.get(tp.partition())));
          return parts;
        },
        (pair, t) -> {
          ReplayState.PairProgress done = recorded.get(pair);
          if (t >= spec.from() && t < spec.to() && (done == null || t > done.lastOpenTime())) {
            found.computeIfAbsent(pair, k -> new HashSet<>()).add(t);
          }
        });
    Map<String, ReplayState.PairProgress> out = new TreeMap<>();
    found.forEach(
        (pair, times) -> {
          ReplayState.PairProgress done = recorded.get(pair);
          long last = times.stream().mapToLong(Long::longValue).max().orElseThrow();
          out.put(
              pair,
              new ReplayState.PairProgress(
                  last, (done == null ? 0 : done.published()) + times.size()));
        });
    return out;
  }

  /**
   * The newest open time per pair of {@code exchange}/{@code timeframe} among the last {@code tail}
   * records of each partition. After a kill the service's own last candles are at the end of their
   * partitions (nothing else publishes candles), so the tail holds what the live feed sent but may
   * not have recorded.
   */
  public Map<String, Long> newestInTail(
      String exchange, List<String> pairs, String timeframe, int tail) {
    Map<String, Long> out = new TreeMap<>();
    scan(
        exchange,
        pairs,
        timeframe,
        (c, parts) -> {
          Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
          Map<TopicPartition, Long> begin = c.beginningOffsets(parts, TIMEOUT);
          c.assign(parts);
          for (TopicPartition tp : parts) {
            c.seek(tp, Math.max(begin.get(tp), end.get(tp) - tail));
          }
          return parts;
        },
        (pair, t) -> out.merge(pair, t, Math::max));
    return out;
  }

  /** Where a scan starts: assigns and seeks the partitions to read (of all), returns them. */
  private interface Start {
    List<TopicPartition> seek(KafkaConsumer<String, String> c, List<TopicPartition> assigned);
  }

  /** What a scan does with a candle of one of its pairs and timeframe: (pair, open time ms). */
  private interface Found {
    void accept(String pair, long openTime);
  }

  /**
   * Reads the candle topic from where {@code start} seeks up to its current end, handing each
   * candle of {@code pairs} on {@code exchange}/{@code timeframe} to {@code found}.
   */
  private void scan(
      String exchange, List<String> pairs, String timeframe, Start start, Found found) {
    Map<String, String> pairByKey = new HashMap<>();
    for (String pair : pairs) {
      pairByKey.put(Topics.key(exchange, pair), pair);
    }
    try (KafkaConsumer<String, String> c = consumer()) {
      List<TopicPartition> parts = start.seek(c, partitions(c));
      Map<TopicPartition, Long> end = c.endOffsets(parts, TIMEOUT);
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (!reached(c, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("could not read " + topic + " back within 2 minutes");
        }
        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
          String pair = r.key() == null ? null : pairByKey.get(r.key());
          if (pair == null || r.value() == null) {
            continue;
          }
          Candle candle;
          try {
            candle = MessageCodec.instance().decode(r.value(), Candle.class);
          } catch (RuntimeException e) {
            continue; // not a candle
          }
          if (candle.timeframe().equals(timeframe)) {
            found.accept(pair, candle.openTime().toEpochMilli());
          }
        }
      }
    }
  }

  private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey(), TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
