package io.tradingsuite.risk.bench;

import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.risk.Fixtures;
import io.tradingsuite.risk.domain.RiskEngine;
import io.tradingsuite.risk.domain.RiskLimits;
import io.tradingsuite.risk.domain.StaleClock;
import java.io.File;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
 * Decisions through the real broker: starts the packaged risk-service (fresh database, fresh
 * consumer group reading from the end), produces entry signals and reads the decisions back. Prints
 * decisions/s, end-to-end latency (signal record time → decision record time) and the service's own
 * in-service latency (risk_decision_latency_seconds), plus two same-run baselines: the plain-Java
 * engine alone and a bare produce→consume round trip on a scratch topic.
 *
 * <pre>bench/risk/run.sh [signals]</pre>
 */
public final class DecisionBench {
  private static final String BOOTSTRAP = System.getProperty("kafka.bootstrap", "127.0.0.1:9092");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    Path jar =
        Path.of(args.length > 1 ? args[1] : "risk-service/target/quarkus-app/quarkus-run.jar");
    System.out.printf(
        "risk-service decision benchmark, %d signals, %d cores%n",
        n, Runtime.getRuntime().availableProcessors());

    engineBaseline(n);
    brokerBaseline(n);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path var = Files.createTempDirectory("risk-bench-");
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-Dquarkus.http.port=" + port,
            "-Dsuite.var-dir=" + var,
            "-Dsuite.api-key=bench",
            "-Dkafka.bootstrap.servers=" + BOOTSTRAP,
            "-Dmp.messaging.connector.smallrye-kafka.group.id=risk-bench-" + UUID.randomUUID(),
            "-Dmp.messaging.connector.smallrye-kafka.auto.offset.reset=latest",
            "-Dquarkus.log.console.json.enabled=false",
            "-Dquarkus.otel.sdk.disabled=true",
            "-Drisk.stale-data-clock=off",
            "-Drisk.max-orders-per-minute=0",
            "-Drisk.live-max-concurrent-trades=10000000",
            "-Drisk.live-max-per-market-exposure-pct=1",
            "-Drisk.starting-equity=1000000000",
            "-jar",
            jar.toString());
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.to(new File(var.resolve("service.log").toString())))
            .start();
    try {
      long deadline = System.currentTimeMillis() + 120_000;
      while (status(port, "/q/health/ready") != 200) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              "risk-service not ready; see " + var.resolve("service.log"));
        }
        Thread.sleep(500);
      }
      Thread.sleep(3000); // partition assignment of the fresh group
      run("warm-up", port, 2000, 0);
      run("paced 500/s (latency)", port, 2500, 500);
      run("burst (throughput)", port, n, 0);
    } finally {
      p.destroy();
      p.waitFor();
    }
  }

  private static void engineBaseline(int n) {
    RiskEngine e =
        new RiskEngine(
            new RiskLimits(
                Integer.MAX_VALUE,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                0,
                StaleClock.OFF,
                2,
                Duration.ofSeconds(60),
                new BigDecimal("1000000000"),
                List.of(),
                "5m"));
    e.markLoaded();
    String ex = Fixtures.freshExchange();
    List<Signal> signals = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      signals.add(Fixtures.entry(ex, "P" + i + "/USDT", Fixtures.T0, "10"));
    }
    Instant now = Instant.now();
    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = mx.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    int approved = 0;
    for (Signal s : signals) {
      approved += e.decide(s, now).approved() ? 1 : 0;
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
    // wall vs CPU time shows how much of a core this process really got (a shared, loaded machine)
    System.out.printf(
        "baseline engine only (no IO): %,.0f decisions/s wall, %,.0f per CPU-second (%d approved)%n",
        n / secs, n / cpu, approved);
  }

  private static void brokerBaseline(int n) throws Exception {
    String topic = "bench.risk.echo." + UUID.randomUUID();
    Properties ap = new Properties();
    ap.put("bootstrap.servers", BOOTSTRAP);
    try (Admin admin = Admin.create(ap)) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
      try (Tap tap = new Tap(topic);
          KafkaProducer<String, String> producer = producer()) {
        String payload =
            MessageCodec.instance()
                .encodeToString(Fixtures.entry("bench", "A/USDT", Fixtures.T0, "10"));
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          // not awaited, to measure throughput: the tap counts what arrives
          var unused = producer.send(new ProducerRecord<>(topic, "k" + (i % 64), payload));
        }
        producer.flush();
        while (tap.count() < n) {
          Thread.sleep(5);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "baseline broker produce->consume, no service: %,.0f records/s%n", n / secs);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get();
      }
    }
  }

  private static void run(String name, int port, int n, int perSecond) throws Exception {
    String ex = Fixtures.freshExchange();
    List<Signal> signals = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      signals.add(
          Fixtures.entry(
              ex,
              "B" + Integer.toHexString(i).toUpperCase(Locale.ROOT) + "X/USDT",
              Fixtures.T0,
              "10"));
    }
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    try (Tap tap = new Tap(Topics.DECISIONS);
        KafkaProducer<String, String> producer = producer()) {
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        Signal s = signals.get(i);
        if (perSecond > 0) {
          long due = t0 + (long) (i * 1e9 / perSecond);
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
        }
        sentAt.put(s.id(), System.currentTimeMillis());
        // not awaited, to measure throughput: the tap counts the decisions that arrive
        var unused =
            producer.send(
                new ProducerRecord<>(
                    Topics.SIGNALS,
                    Topics.key(s.exchange(), s.pair()),
                    MessageCodec.instance().encodeToString(s)));
      }
      producer.flush();
      long deadline = System.currentTimeMillis() + 300_000;
      while (tap.countMatching("\"signal_id\":\"sig-", sentAt) < n
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(5);
      }
      double secs = (tap.lastArrivalNanos() - t0) / 1e9;
      List<Long> e2e = tap.latencies(sentAt);
      Collections.sort(e2e);
      String metrics = get(port, "/q/metrics");
      System.out.printf(
          "%-24s %6d decisions in %6.2f s = %,8.0f decisions/s; end-to-end p50 %d ms, p99 %d ms;"
              + " in-service p50 %s ms, p99 %s ms%n",
          name,
          e2e.size(),
          secs,
          e2e.size() / secs,
          pct(e2e, 0.50),
          pct(e2e, 0.99),
          quantile(metrics, "0.5"),
          quantile(metrics, "0.99"));
    }
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? -1
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
  }

  private static String quantile(String metrics, String q) {
    Matcher m =
        Pattern.compile(
                "risk_decision_latency_seconds\\{[^}]*quantile=\""
                    + Pattern.quote(q)
                    + "\"[^}]*\\} ([0-9.eE+-]+)")
            .matcher(metrics);
    return m.find() ? String.format("%.2f", Double.parseDouble(m.group(1)) * 1000) : "?";
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
    return new KafkaProducer<>(p);
  }

  private static int status(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }

  private static String get(int port, String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Reads a topic from its end on a background thread, keeping what arrives and when. */
  private static final class Tap implements AutoCloseable {
    private final Map<String, Long> decisionTimes = new ConcurrentHashMap<>();
    private final AtomicLong count = new AtomicLong();
    private volatile long lastArrival;
    private volatile boolean running = true;
    private final Thread thread;

    Tap(String topic) {
      Properties p = new Properties();
      p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP);
      p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
      p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
      KafkaConsumer<String, String> c = new KafkaConsumer<>(p);
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      c.assign(parts);
      c.seekToEnd(parts);
      parts.forEach(c::position);
      thread =
          new Thread(
              () -> {
                try (c) {
                  while (running) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                      count.incrementAndGet();
                      lastArrival = System.nanoTime();
                      String v = r.value();
                      int i = v == null ? -1 : v.indexOf("\"signal_id\":\"");
                      if (i >= 0) {
                        decisionTimes.putIfAbsent(
                            v.substring(i + 13, v.indexOf('"', i + 13)), r.timestamp());
                      }
                    }
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    long count() {
      return count.get();
    }

    long lastArrivalNanos() {
      return lastArrival;
    }

    int countMatching(String ignored, Map<String, Long> ids) {
      int k = 0;
      for (String id : ids.keySet()) {
        if (decisionTimes.containsKey(id)) {
          k++;
        }
      }
      return k;
    }

    List<Long> latencies(Map<String, Long> sentAt) {
      List<Long> out = new ArrayList<>();
      sentAt.forEach(
          (id, t) -> {
            Long d = decisionTimes.get(id);
            if (d != null) {
              out.add(d - t);
            }
          });
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5000);
    }
  }
}
