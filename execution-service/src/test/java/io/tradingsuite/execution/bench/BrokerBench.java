package io.tradingsuite.execution.bench;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ExitPlan;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
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
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
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
 * Decisions to fills through the real broker: starts the packaged execution-service (fresh SQLite
 * database, paper mode, the run's own topics), gives it candles and signals, then approved
 * decisions, and reads the fills back. Per phase: decisions → fills per second, in-service latency
 * (the decision appended to the broker → its fill handed to the service's producer, from the two
 * records' timestamps: the decision topic stamps the broker's append time, the fill the service's
 * send), the service's CPU time per decision and the load average. Same-run baseline: a bare
 * produce → consume on a scratch topic. The second argument is the jar to run, so an older build
 * can be measured in the same minutes.
 *
 * <p>Each phase uses new markets: their signal candle and the next one, then the phase's signals,
 * are consumed before the first decision is sent (one probe decision per market, sent after all of
 * them, must have filled), so every decision fills at once, at the next candle's open - the path of
 * a decision that arrives after its candle, measured without waiting for candles.
 *
 * <pre>bench/execution/broker.sh [decisions] [quarkus-run.jar]</pre>
 */
public final class BrokerBench {
  private static final String BOOTSTRAP = System.getProperty("kafka.bootstrap", "127.0.0.1:9092");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final int MARKETS = 50;
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  /** The run's topics. */
  record RunTopics(String decisions, String signals, String candles, String fills) {
    List<String> all() {
      return List.of(
          decisions,
          signals,
          candles,
          fills,
          decisions + ".dlq",
          signals + ".dlq",
          candles + ".dlq",
          signals + ".out");
    }
  }

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    Path jar =
        Path.of(args.length > 1 ? args[1] : "execution-service/target/quarkus-app/quarkus-run.jar");
    System.out.printf(
        "execution-service decisions -> fills through the broker, %d decisions, %d cores, load %.1f%n",
        n, Runtime.getRuntime().availableProcessors(), loadAverage());
    brokerBaseline(n);

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "bench.exec." + run + ".";
    RunTopics topics =
        new RunTopics(
            prefix + "decisions", prefix + "signals", prefix + "candles", prefix + "fills");
    Path var = Files.createTempDirectory("execution-bench-");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // e.g. EXECUTION_BENCH_SERVICE_JVM_OPTS=-XX:StartFlightRecording=filename=/tmp/exec.jfr
    String extra = System.getenv("EXECUTION_BENCH_SERVICE_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    cmd.addAll(
        List.of(
            "-Xmx512m",
            "-Dquarkus.http.port=" + port,
            "-Dsuite.var-dir=" + var,
            "-Dsuite.api-key=bench",
            "-Dkafka.bootstrap.servers=" + BOOTSTRAP,
            "-Dmp.messaging.connector.smallrye-kafka.group.id=execution-bench-" + run,
            "-Dmp.messaging.incoming.decisions.topic=" + topics.decisions(),
            "-Dmp.messaging.incoming.decisions.dead-letter-queue.topic="
                + topics.decisions()
                + ".dlq",
            "-Dmp.messaging.incoming.signals.topic=" + topics.signals(),
            "-Dmp.messaging.incoming.signals.dead-letter-queue.topic=" + topics.signals() + ".dlq",
            "-Dmp.messaging.incoming.candles.topic=" + topics.candles(),
            "-Dmp.messaging.incoming.candles.dead-letter-queue.topic=" + topics.candles() + ".dlq",
            "-Dmp.messaging.outgoing.fills-out.topic=" + topics.fills(),
            "-Dmp.messaging.outgoing.signals-out.topic=" + topics.signals() + ".out",
            "-Dexecution.exchanges=xbench",
            "-Dexecution.dry-run-wallet=1000000000",
            "-Dquarkus.log.console.json.enabled=false",
            "-Dquarkus.otel.sdk.disabled=" + !"on".equals(System.getenv("EXECUTION_BENCH_TRACING")),
            "-jar",
            jar.toString()));
    if (hasDeadLetterChannels(jar)) {
      // the consumers' own dead-letter channels (an older build has none, and refuses to start
      // with the properties of channels it does not have)
      cmd.addAll(
          cmd.size() - 2,
          List.of(
              "-Dmp.messaging.outgoing.decisions-dlq.topic=" + topics.decisions() + ".dlq",
              "-Dmp.messaging.outgoing.signals-dlq.topic=" + topics.signals() + ".dlq",
              "-Dmp.messaging.outgoing.candles-dlq.topic=" + topics.candles() + ".dlq"));
    }
    Properties ap = new Properties();
    ap.put("bootstrap.servers", BOOTSTRAP);
    try (Admin admin = Admin.create(ap)) {
      List<NewTopic> create = new ArrayList<>();
      for (String t : topics.all()) {
        boolean main = !t.contains(".dlq") && !t.endsWith(".out");
        NewTopic nt = new NewTopic(t, main ? 6 : 1, (short) 1);
        if (t.equals(topics.decisions())) {
          // the moment the service could have fetched a decision
          nt = nt.configs(Map.of("message.timestamp.type", "LogAppendTime"));
        }
        create.add(nt);
      }
      admin.createTopics(create).all().get();
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.to(new File(var.resolve("service.log").toString())))
              .start();
      try (Tap fills = new Tap(topics.fills());
          KafkaProducer<String, String> producer = producer()) {
        long deadline = System.currentTimeMillis() + 180_000;
        while (status(port, "/q/health/ready") != 200) {
          if (System.currentTimeMillis() > deadline || !p.isAlive()) {
            throw new IllegalStateException(
                "execution-service not ready; see " + var.resolve("service.log"));
          }
          Thread.sleep(500);
        }
        System.out.printf(
            "service %s (pid %d), log %s%n", jar, p.pid(), var.resolve("service.log"));
        Phases phases = new Phases(p, topics, fills, producer);
        phases.run("warm-up", Math.min(3000, n), 0);
        phases.run("paced 1,000/s", Math.min(5000, n), 1000);
        phases.run("paced 5,000/s", n, 5000);
        phases.run("burst (throughput)", n, 0);
      } finally {
        p.destroy();
        p.waitFor();
        admin.deleteTopics(topics.all()).all().get();
      }
    }
  }

  /** The phases of one service run; each phase has its own markets. */
  private static final class Phases {
    final Process service;
    final RunTopics topics;
    final Tap fills;
    final KafkaProducer<String, String> producer;
    final ExitPlan plan;
    int phase;

    Phases(Process service, RunTopics topics, Tap fills, KafkaProducer<String, String> producer) {
      this.service = service;
      this.topics = topics;
      this.fills = fills;
      this.producer = producer;
      TreeMap<Integer, BigDecimal> roi = new TreeMap<>();
      roi.put(0, new BigDecimal("0.05"));
      this.plan = new ExitPlan(new BigDecimal("-0.10"), roi, false, null, BigDecimal.ZERO, false);
    }

    void run(String name, int n, int perSecond) throws Exception {
      String tag = "p" + ++phase;
      Instant now = Instant.now();
      // the markets' candles, the phase's signals, then one probe per market: when every probe has
      // filled, the service has everything before it (same key, same partition, in order)
      for (int m = 0; m < MARKETS; m++) {
        for (int k = 0; k < 2; k++) {
          Candle c =
              new Candle(
                  "xbench",
                  pair(tag, m),
                  "5m",
                  T0.plusSeconds(300L * k),
                  new BigDecimal("100"),
                  new BigDecimal("100.5"),
                  new BigDecimal("99.5"),
                  new BigDecimal("100"),
                  BigDecimal.TEN);
          send(topics.candles(), c.exchange(), c.pair(), MessageCodec.instance().encodeToString(c));
        }
      }
      List<RiskDecision> decisions = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        Signal s = signal(tag + "-s" + i, pair(tag, i % MARKETS));
        send(topics.signals(), s.exchange(), s.pair(), MessageCodec.instance().encodeToString(s));
        decisions.add(decision(tag, i, s, now));
      }
      List<RiskDecision> probes = new ArrayList<>();
      for (int m = 0; m < MARKETS; m++) {
        Signal s = signal(tag + "-probe-s" + m, pair(tag, m));
        send(topics.signals(), s.exchange(), s.pair(), MessageCodec.instance().encodeToString(s));
        probes.add(decision(tag + "-probe", m, s, now));
      }
      for (RiskDecision d : probes) {
        send(
            topics.decisions(),
            d.order().exchange(),
            d.order().pair(),
            MessageCodec.instance().encodeToString(d));
      }
      producer.flush();
      awaitFills(probes.stream().map(d -> d.order().clientOrderId()).toList(), 300_000);

      Map<String, Long> appended = new ConcurrentHashMap<>();
      Map<String, Long> sentAt = new java.util.HashMap<>();
      double load0 = loadAverage();
      long cpu0 = cpuNanos(service);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        RiskDecision d = decisions.get(i);
        if (perSecond > 0) {
          // parked, not spinning: a busy loop would take a core the service needs
          long due = t0 + (long) (i * 1e9 / perSecond);
          for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
          }
        }
        String coid = d.order().clientOrderId();
        sentAt.put(coid, System.currentTimeMillis());
        var unused =
            producer.send(
                new ProducerRecord<>(
                    topics.decisions(),
                    Topics.key(d.order().exchange(), d.order().pair()),
                    MessageCodec.instance().encodeToString(d)),
                (meta, err) -> {
                  if (meta != null) {
                    appended.put(coid, meta.timestamp()); // the broker's append time
                  }
                });
      }
      producer.flush();
      List<String> coids = decisions.stream().map(d -> d.order().clientOrderId()).toList();
      awaitFills(coids, 600_000);
      double secs = (fills.lastArrivalNanos() - t0) / 1e9;
      long cpu = cpuNanos(service) - cpu0;
      double load1 = loadAverage();
      List<Long> inService = new ArrayList<>(n);
      List<Long> e2e = new ArrayList<>(n);
      for (String coid : coids) {
        Long filled = fills.time(coid);
        if (filled != null && appended.containsKey(coid)) {
          inService.add(filled - appended.get(coid));
          e2e.add(filled - sentAt.get(coid));
        }
      }
      Collections.sort(inService);
      Collections.sort(e2e);
      System.out.printf(
          "%-22s %6d fills in %6.2f s = %,7.0f decisions -> fills /s; in-service p50 %d ms,"
              + " p99 %d ms, max %d ms; send -> fill p50 %d ms, p99 %d ms; service CPU %.0f us"
              + " per decision; load %.1f-%.1f%n",
          name,
          inService.size(),
          secs,
          inService.size() / secs,
          pct(inService, 0.50),
          pct(inService, 0.99),
          inService.isEmpty() ? -1 : inService.get(inService.size() - 1),
          pct(e2e, 0.50),
          pct(e2e, 0.99),
          cpu / 1000.0 / Math.max(1, inService.size()),
          load0,
          load1);
    }

    private void awaitFills(List<String> coids, long timeoutMillis) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMillis;
      while (System.currentTimeMillis() < deadline) {
        if (coids.stream().allMatch(c -> fills.time(c) != null)) {
          return;
        }
        if (!service.isAlive()) {
          throw new IllegalStateException("the service died");
        }
        Thread.sleep(5);
      }
      long missing = coids.stream().filter(c -> fills.time(c) == null).count();
      throw new IllegalStateException(missing + " of " + coids.size() + " fills did not come");
    }

    private void send(String topic, String exchange, String pair, String json) {
      var unused = producer.send(new ProducerRecord<>(topic, Topics.key(exchange, pair), json));
    }

    private Signal signal(String id, String pair) {
      return new Signal(
          id,
          "Bench",
          "xbench",
          pair,
          "5m",
          T0,
          SignalAction.ENTER_LONG,
          null,
          null,
          BigDecimal.ONE,
          BigDecimal.TEN,
          plan,
          Instant.now());
    }

    private RiskDecision decision(String tag, int i, Signal s, Instant now) {
      Order o =
          new Order(
              tag + "-c" + i,
              "xbench",
              s.pair(),
              OrderSide.BUY,
              OrderType.MARKET,
              null,
              s.stakeAmount(),
              null,
              tag + "-t" + i,
              plan);
      return new RiskDecision(
          tag + "-d" + i, s.id(), true, null, List.of(), o, now, now.plusSeconds(3600));
    }

    private static String pair(String tag, int m) {
      return "B" + tag.toUpperCase(java.util.Locale.ROOT) + "M" + m + "/USDT";
    }
  }

  /** Whether the packaged app configures the outgoing channel {@code decisions-dlq}. */
  private static boolean hasDeadLetterChannels(Path quarkusRunJar) throws java.io.IOException {
    Path app = quarkusRunJar.toAbsolutePath().getParent().resolve("app");
    try (var jars = Files.list(app)) {
      for (Path j : jars.toList()) {
        try (var zip = new java.util.zip.ZipFile(j.toFile())) {
          var entry = zip.getEntry("application.properties");
          if (entry != null
              && new String(
                      zip.getInputStream(entry).readAllBytes(),
                      java.nio.charset.StandardCharsets.UTF_8)
                  .contains("mp.messaging.outgoing.decisions-dlq.")) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static void brokerBaseline(int n) throws Exception {
    String topic = "bench.exec.echo." + UUID.randomUUID();
    Properties ap = new Properties();
    ap.put("bootstrap.servers", BOOTSTRAP);
    try (Admin admin = Admin.create(ap)) {
      admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
      try (Tap tap = new Tap(topic);
          KafkaProducer<String, String> producer = producer()) {
        String payload = "{\"client_order_id\":\"%s\"}";
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          var unused =
              producer.send(new ProducerRecord<>(topic, "k" + (i % 64), payload.formatted(i)));
        }
        producer.flush();
        while (tap.count() < n) {
          Thread.sleep(5);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "baseline broker produce -> consume, no service: %,.0f records/s%n", n / secs);
      } finally {
        admin.deleteTopics(List.of(topic)).all().get();
      }
    }
  }

  private static long cpuNanos(Process p) {
    return p.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  private static double loadAverage() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static long pct(List<Long> sorted, double p) {
    return sorted.isEmpty()
        ? -1
        : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
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

  /**
   * Reads a topic from its end on a background thread, keeping the record timestamp of the first
   * message naming each {@code client_order_id}.
   */
  private static final class Tap implements AutoCloseable {
    private static final String MARKER = "\"client_order_id\":\"";
    private final Map<String, Long> times = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong count =
        new java.util.concurrent.atomic.AtomicLong();
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
                      int i = v == null ? -1 : v.indexOf(MARKER);
                      if (i >= 0) {
                        int from = i + MARKER.length();
                        times.putIfAbsent(v.substring(from, v.indexOf('"', from)), r.timestamp());
                      }
                    }
                  }
                }
              });
      thread.setDaemon(true);
      thread.start();
    }

    Long time(String clientOrderId) {
      return times.get(clientOrderId);
    }

    long count() {
      return count.get();
    }

    long lastArrivalNanos() {
      return lastArrival;
    }

    @Override
    public void close() throws InterruptedException {
      running = false;
      thread.join(5000);
    }
  }
}
