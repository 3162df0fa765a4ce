package io.tradingsuite.e2e.load;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.e2e.harness.Http;
import io.tradingsuite.e2e.harness.ServiceName;
import io.tradingsuite.e2e.harness.Suite;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load harness of issue 10 item 5 (not a test: {@code bench/e2e/run.sh}). Market-data,
 * strategy, risk and execution run as their own processes from their packaged jars on the real
 * broker (the e2e harness: per-run topics and groups); one live bot trades MaCrossover on many
 * pairs and execution's paper venue fills its orders. Two phases:
 *
 * <ol>
 *   <li><b>throughput</b>: every pair's candles are published as fast as the producer goes; the
 *       figure is candles/s into strategy-service, from the first send until the bot has evaluated
 *       the last candle of every pair (its {@code GET /api/v1/bots}). Same-run baseline: a plain
 *       consumer reading the same candles from the topic.
 *   <li><b>latency</b>: candles at a fixed rate (500/s by default); for every fill, the time from
 *       its candle's record (the candle whose open it filled at, published closed) to the fill's
 *       record: p50/p99/p999. Same-run baseline: the broker's own produce-to-consume hop at the
 *       same rate.
 * </ol>
 *
 * Resident memory (VmRSS) of each service is printed after each phase. Prints figures only; no
 * target is asserted. Arguments: {@code [--short]} or {@code pairs candlesPerPair rate seconds}.
 */
public final class LoadBench {
  private static final long M5 = 300_000L;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private final int pairs;
  private final int candlesPerPair;
  private final int rate;
  private final int seconds;
  private final String exchange =
      "load-" + UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
  private final List<String> pairNames = new ArrayList<>();
  private final Map<String, double[]> walk = new HashMap<>();
  private final SplittableRandom random = new SplittableRandom(20260101L);
  private final StringBuilder report = new StringBuilder();

  private LoadBench(int pairs, int candlesPerPair, int rate, int seconds) {
    this.pairs = pairs;
    this.candlesPerPair = candlesPerPair;
    this.rate = rate;
    this.seconds = seconds;
    for (int i = 0; i < pairs; i++) {
      String p = String.format("L%03d/USDT", i);
      pairNames.add(p);
      walk.put(p, new double[] {100 + i, 0});
    }
  }

  public static void main(String[] args) throws Exception {
    LoadBench bench =
        args.length > 0 && args[0].equals("--short")
            ? new LoadBench(20, 150, 200, 10)
            : new LoadBench(
                arg(args, 0, 120), arg(args, 1, 500), arg(args, 2, 500), arg(args, 3, 60));
    bench.run();
  }

  private static int arg(String[] args, int i, int dflt) {
    return args.length > i ? Integer.parseInt(args[i]) : dflt;
  }

  private void run() throws Exception {
    print(
        String.format(
            "load harness: %d pairs, throughput phase %d candles, latency phase %d candles/s for %d s;"
                + " load average %s",
            pairs, pairs * candlesPerPair, rate, seconds, loadAverage()));
    try (Suite suite = suite().start()) {
      print(String.format("suite up: market-data, strategy, risk, execution (%s)", suite.runId()));
      String topic = suite.topics().name(Topics.CANDLES);
      try (KafkaProducer<String, String> producer = producer()) {
        throughput(suite, producer, topic);
        memory(suite, "after the throughput phase");
        latency(suite, producer, topic);
        memory(suite, "after the latency phase");
      }
      Path out = Path.of("target", "load-bench.txt");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report.toString());
      print(String.format("written to %s", out.toAbsolutePath()));
    }
  }

  private Suite.Builder suite() {
    Map<String, Object> bot = new LinkedHashMap<>();
    bot.put("name", "load");
    bot.put("strategy", "MaCrossoverStrategy");
    bot.put("params", Map.of("fast", 5, "slow", 12));
    bot.put("exchange", exchange);
    bot.put("pairs", pairNames);
    bot.put("timeframe", "5m");
    bot.put("stake_amount", 10);
    bot.put("minimal_roi", Map.of("0", 0.02));
    bot.put("stoploss", -0.02);
    bot.put("window", 60);
    String bots;
    try {
      bots = Http.JSON.writeValueAsString(List.of(bot));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Suite.builder("LoadBench")
        .services(
            ServiceName.MARKET_DATA, ServiceName.STRATEGY, ServiceName.RISK, ServiceName.EXECUTION)
        .config(ServiceName.STRATEGY, "suite.bots", bots)
        .config(ServiceName.EXECUTION, "execution.exchanges", exchange)
        .config(ServiceName.EXECUTION, "execution.dry-run-wallet", "1000000000")
        .config(ServiceName.EXECUTION, "execution.stake-currency", "USDT")
        .config(ServiceName.RISK, "risk.starting-equity", "1000000000")
        .config(ServiceName.RISK, "risk.live-max-concurrent-trades", String.valueOf(pairs))
        .config(ServiceName.RISK, "risk.max-orders-per-minute", "0");
  }

  // ------------------------------------------------------------------ phase 1

  private void throughput(Suite suite, KafkaProducer<String, String> producer, String topic)
      throws Exception {
    int n = pairs * candlesPerPair;
    List<ProducerRecord<String, String>> records = new ArrayList<>(n);
    for (int i = 0; i < candlesPerPair; i++) {
      for (String p : pairNames) {
        records.add(record(topic, candle(p, i)));
      }
    }
    Instant last = T0.plusMillis((candlesPerPair - 1) * M5);
    long t0 = System.nanoTime();
    for (ProducerRecord<String, String> r : records) {
      send(producer, r);
    }
    flush(producer);
    double published = (System.nanoTime() - t0) / 1e9;
    suite.await(
        "the bot to evaluate every pair's last candle",
        Duration.ofMinutes(15),
        () -> evaluatedUpTo(suite, last));
    double into = (System.nanoTime() - t0) / 1e9;

    long b0 = System.nanoTime();
    int read = readAll(suite, topic);
    double baseline = (System.nanoTime() - b0) / 1e9;
    print(
        String.format(
            "throughput: %d candles into strategy-service in %.2f s = %.0f candles/s (published in %.2f s)"
                + "  [target >= 20,000/s]",
            n, into, n / into, published));
    print(
        String.format(
            "  baseline: a plain consumer read the same %d records from the topic in %.2f s = %.0f/s",
            read, baseline, read / baseline));
  }

  /** Whether the bot's last processed candle of every pair is {@code last} or later. */
  private boolean evaluatedUpTo(Suite suite, Instant last) {
    var bots = suite.getJson(ServiceName.STRATEGY, "/bots");
    for (var b : bots) {
      if (!b.path("name").asText().equals("load")) {
        continue;
      }
      int done = 0;
      for (var m : b.path("markets")) {
        String t = m.path("last_candle").asText(null);
        if (t != null && !Instant.parse(t).isBefore(last)) {
          done++;
        }
      }
      return done == pairs;
    }
    return false;
  }

  // ------------------------------------------------------------------ phase 2

  private void latency(Suite suite, KafkaProducer<String, String> producer, String topic)
      throws Exception {
    int total = rate * seconds;
    long tick = TimeUnit.MILLISECONDS.toNanos(10);
    int perTick = Math.max(1, rate / 100);
    int sent = 0;
    int index = candlesPerPair;
    int next = 0;
    long start = System.nanoTime();
    long phaseStartMs = System.currentTimeMillis();
    while (sent < total) {
      for (int k = 0; k < perTick && sent < total; k++, sent++) {
        send(producer, record(topic, candle(pairNames.get(next), index)));
        next++;
        if (next == pairs) {
          next = 0;
          index++;
        }
      }
      long wake = start + (long) (sent / (double) rate * 1e9);
      long left = wake - System.nanoTime();
      if (left > 0) {
        TimeUnit.NANOSECONDS.sleep(Math.min(left, tick));
      }
    }
    flush(producer);
    double took = (System.nanoTime() - start) / 1e9;
    suite.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(10));

    // candle record time by (pair, open time); fill record time minus it
    Map<String, Long> candleAt = new HashMap<>();
    for (ConsumerRecord<String, String> r : suite.topics().readAll(Topics.CANDLES)) {
      if (r.timestamp() >= phaseStartMs) {
        Candle c = MessageCodec.instance().decode(r.value(), Candle.class);
        candleAt.put(c.pair() + "|" + c.openTime().toEpochMilli(), r.timestamp());
      }
    }
    List<Long> latencies = new ArrayList<>();
    List<String> slowest = new ArrayList<>();
    long worst = -1;
    for (ConsumerRecord<String, String> r : suite.topics().readAll(Topics.FILLS)) {
      Fill f = MessageCodec.instance().decode(r.value(), Fill.class);
      if (f.status() != FillStatus.FILLED) {
        continue;
      }
      Long c = candleAt.get(f.pair() + "|" + f.filledAt().toEpochMilli());
      if (c != null) {
        long ms = r.timestamp() - c;
        latencies.add(ms);
        if (ms > worst) {
          worst = ms;
          slowest.add(
              0,
              String.format(
                  "%d ms: %s %s at candle %s (%s)",
                  ms, f.side(), f.pair(), f.filledAt(), f.exitReason()));
        }
      }
    }
    print(
        String.format(
            "latency: %d candles at %.0f candles/s; %d fills: candle record -> fill record p50 %s,"
                + " p99 %s, p999 %s, max %s  [target p99 <= 15 ms at 500/s]",
            sent,
            sent / took,
            latencies.size(),
            pct(latencies, 50),
            pct(latencies, 99),
            pct(latencies, 99.9),
            pct(latencies, 100)));
    slowest.stream().limit(3).forEach(line -> print("  slowest fill " + line));
    List<Long> hop = brokerHop(suite);
    print(
        String.format(
            "  baseline: the broker alone at %d records/s, produce -> consume p50 %s, p99 %s, p999 %s",
            rate, pct(hop, 50), pct(hop, 99), pct(hop, 99.9)));
  }

  /** The broker's own produce-to-consume latency at the phase's rate, for 5 s. */
  private List<Long> brokerHop(Suite suite) throws Exception {
    // a dead-letter topic of the run: nothing consumes it
    String topic = suite.topics().name(Topics.dlq(Topics.ARTIFACTS));
    List<Long> out = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumer(suite);
        KafkaProducer<String, String> producer = producer()) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic)
          .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      consumer.assign(parts);
      consumer.seekToEnd(parts);
      parts.forEach(consumer::position);
      int n = rate * 5;
      long start = System.nanoTime();
      int sent = 0;
      while (out.size() < n && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30)) {
        long due = (long) ((System.nanoTime() - start) / 1e9 * rate);
        while (sent < Math.min(due, n)) {
          send(producer, new ProducerRecord<>(topic, "probe", String.valueOf(System.nanoTime())));
          sent++;
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(2))) {
          if ("probe".equals(r.key())) {
            out.add((System.nanoTime() - Long.parseLong(r.value())) / 1_000_000);
          }
        }
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ helpers

  private Candle candle(String pair, int i) {
    double[] w = walk.get(pair);
    double open = w[0];
    double close = Math.max(1, open * (1 + random.nextGaussian() * 0.006));
    w[0] = close;
    double high = Math.max(open, close) * (1 + Math.abs(random.nextGaussian()) * 0.002);
    double low = Math.min(open, close) * (1 - Math.abs(random.nextGaussian()) * 0.002);
    return new Candle(
        exchange,
        pair,
        "5m",
        T0.plusMillis(i * M5),
        dec(open),
        dec(high),
        dec(low),
        dec(close),
        BigDecimal.TEN);
  }

  private static BigDecimal dec(double v) {
    return BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN);
  }

  private ProducerRecord<String, String> record(String topic, Candle c) {
    return new ProducerRecord<>(
        topic, Topics.key(c.exchange(), c.pair()), MessageCodec.instance().encodeToString(c));
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
    return new KafkaProducer<>(p);
  }

  private static KafkaConsumer<String, String> consumer(Suite suite) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(
        ConsumerConfig.GROUP_ID_CONFIG,
        suite.topics().groupPrefix() + "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    return new KafkaConsumer<>(p);
  }

  private static String bootstrap() {
    return System.getProperty("e2e.kafka", "127.0.0.1:9092");
  }

  /** Reads the topic from its start to its end with a plain consumer; the number of records. */
  private static int readAll(Suite suite, String topic) {
    int n = 0;
    try (KafkaConsumer<String, String> c = consumer(suite)) {
      List<TopicPartition> parts = new ArrayList<>();
      c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (System.nanoTime() < deadline) {
        n += c.poll(Duration.ofMillis(200)).count();
        boolean done = true;
        for (TopicPartition tp : parts) {
          done &= c.position(tp) >= end.get(tp);
        }
        if (done) {
          break;
        }
      }
    }
    return n;
  }

  private void memory(Suite suite, String when) {
    StringBuilder s = new StringBuilder("memory " + when + " (VmRSS):");
    for (ServiceName name : suite.services()) {
      s.append(' ').append(name.module()).append(' ').append(rss(suite.process(name).pid()));
    }
    print(s.toString());
  }

  private static String rss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return (kb / 1024) + " MB";
        }
      }
    } catch (IOException | RuntimeException e) {
      return "n/a";
    }
    return "n/a";
  }

  private static String pct(List<Long> values, double p) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) + " ms";
  }

  private static String loadAverage() {
    try {
      String s = Files.readString(Path.of("/proc/loadavg"));
      return s.substring(0, s.indexOf(' '));
    } catch (IOException e) {
      return "n/a";
    }
  }

  private final java.util.concurrent.atomic.AtomicReference<Exception> sendFailure =
      new java.util.concurrent.atomic.AtomicReference<>();

  /** Sends without waiting; the first failure is rethrown by {@link #flush}. */
  private void send(KafkaProducer<String, String> producer, ProducerRecord<String, String> r) {
    java.util.concurrent.Future<?> unused =
        producer.send(
            r,
            (meta, e) -> {
              if (e != null) {
                sendFailure.compareAndSet(null, e);
              }
            });
  }

  private void flush(KafkaProducer<String, String> producer) {
    producer.flush();
    if (sendFailure.get() != null) {
      throw new IllegalStateException("a send failed: " + sendFailure.get(), sendFailure.get());
    }
  }

  private void print(String line) {
    System.out.println(line);
    report.append(line).append('\n');
  }
}
