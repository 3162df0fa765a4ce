package io.tradingsuite.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A whole suite of services as separate JVM processes, the way {@code ./suite up} runs them, but
 * isolated for one test run:
 *
 * <ul>
 *   <li>each service from its packaged {@code <module>/target/quarkus-app/quarkus-run.jar}, with
 *       free HTTP ports chosen at start and the other services' URLs pointing at them;
 *   <li>one var dir for the run ({@code suite.var-dir}, as {@code SUITE_VAR_DIR}: the SQLite
 *       databases and the artifacts registry-service indexes), under {@code target/e2e/<test>};
 *   <li>the shared local broker (127.0.0.1:9092 unless {@code -De2e.kafka=...}), but the run's own
 *       copy of every topic ({@code e2e.<run>.market.candles.v1}, ...: every {@code *.topic} of the
 *       service's application.properties is renamed) and its own consumer groups, so nothing of
 *       other runs or other modules' tests reaches it;
 *   <li>the API key from {@code SUITE_API_KEY} (a random one when unset);
 *   <li>stdout/stderr of each service in {@code target/e2e-logs/<test>/<module>.log}.
 * </ul>
 *
 * {@link #kill} ends a service with SIGKILL and reports the exit status; {@link
 * #start(ServiceName)} brings it back with the same port, var dir and configuration. {@link #close}
 * stops everything and deletes the run's topics and groups.
 */
public final class Suite implements AutoCloseable {
  private static final Pattern TOPIC_KEY =
      Pattern.compile(
          "mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(dead-letter-queue\\.)?topic");
  private static final Pattern GROUP_KEY =
      Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.group\\.id");

  private final String testName;
  private final String runId;
  private final Path root;
  private final Path varDir;
  private final Path logDir;
  private final String apiKey;
  private final String bootstrap;
  private final RunTopics topics;
  private final Http http;
  private final Map<ServiceName, ServiceProcess> processes = new EnumMap<>(ServiceName.class);

  /** Per service: consumer group -> the run topics its channels read. */
  private final Map<ServiceName, Map<String, Set<String>>> subscriptions =
      new EnumMap<>(ServiceName.class);

  private final Thread shutdownHook;
  private boolean closed;

  private Suite(Builder b) {
    this.testName = b.testName;
    this.root = root();
    this.runId = newRunId();
    Path work =
        Path.of(System.getProperty("e2e.work-dir", root.resolve("e2e-tests/target").toString()));
    this.varDir = work.resolve("e2e").resolve(testName).resolve("var");
    this.logDir = work.resolve("e2e-logs").resolve(testName);
    String key = System.getenv("SUITE_API_KEY");
    this.apiKey = key == null || key.isBlank() ? HexFormat.of().formatHex(randomBytes(16)) : key;
    this.bootstrap = System.getProperty("e2e.kafka", "127.0.0.1:9092");
    this.topics = new RunTopics(bootstrap, "e2e." + runId + ".", "e2e-" + runId + "-");
    this.http = new Http(apiKey);
    requireJars(b.services);
    try {
      topics.requireBroker();
      prepare(b);
    } catch (RuntimeException | Error e) {
      topics.close();
      throw e;
    }
    shutdownHook = new Thread(() -> processes.values().forEach(ServiceProcess::destroyNow));
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  private void prepare(Builder b) {
    recreate(varDir);
    recreate(logDir);
    topics.createAll();
    Map<ServiceName, Integer> ports = new EnumMap<>(ServiceName.class);
    Set<Integer> taken = new HashSet<>();
    for (ServiceName s : b.services) {
      ports.put(s, freePort(taken));
    }
    List<String> jvm =
        Arrays.asList(
            System.getProperty("e2e.jvm-opts", "-Xms32m -Xmx256m -XX:+UseSerialGC")
                .trim()
                .split("\\s+"));
    for (ServiceName s : b.services) {
      Map<String, String> props = new LinkedHashMap<>();
      props.put("quarkus.http.host", "127.0.0.1");
      props.put("quarkus.http.port", String.valueOf(ports.get(s)));
      props.put("suite.var-dir", varDir.toString());
      props.put("kafka.bootstrap.servers", bootstrap);
      props.put(
          "mp.messaging.connector.smallrye-kafka.group.id", topics.groupPrefix() + s.module());
      // a SIGKILLed consumer leaves its group only when its session times out (45 s by default);
      // the broker's minimum (6 s) lets the restarted one take its partitions back sooner
      props.put("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "6000");
      props.put("mp.messaging.connector.smallrye-kafka.heartbeat.interval.ms", "1000");
      props.putAll(renamedTopics(s));
      props.putAll(urls(ports));
      props.putAll(b.config.getOrDefault(s, Map.of()));
      // secrets by environment, as deployments pass them: never on the logged command line
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SUITE_API_KEY", apiKey);
      env.putAll(b.env.getOrDefault(s, Map.of()));
      processes.put(
          s,
          new ServiceProcess(
              s,
              jar(s),
              logDir.resolve(s.module() + ".log"),
              ports.get(s),
              jvm,
              props,
              env,
              varDir));
    }
  }

  public static Builder builder(String testName) {
    return new Builder(testName);
  }

  /** What a suite runs and how each service is configured beyond the harness's wiring. */
  public static final class Builder {
    private final String testName;
    private final List<ServiceName> services = new ArrayList<>();
    private final Map<ServiceName, Map<String, String>> config = new EnumMap<>(ServiceName.class);
    private final Map<ServiceName, Map<String, String>> env = new EnumMap<>(ServiceName.class);

    private Builder(String testName) {
      this.testName = testName;
    }

    public Builder services(ServiceName... names) {
      services.addAll(Arrays.asList(names));
      return this;
    }

    /** A configuration property of one service (passed as a system property: it wins). */
    public Builder config(ServiceName s, String key, String value) {
      config.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /**
     * An environment variable of one service, the way a deployment passes secrets (not shown in the
     * log's command line, unlike {@link #config}).
     */
    public Builder env(ServiceName s, String key, String value) {
      env.computeIfAbsent(s, k -> new LinkedHashMap<>()).put(key, value);
      return this;
    }

    /** Prepares the run (topics, dirs, ports) without starting anything. */
    public Suite build() {
      return new Suite(this);
    }

    /** Builds and starts every service, waiting until all are ready. */
    public Suite start() {
      Suite s = build();
      try {
        s.startAll();
      } catch (RuntimeException | Error e) {
        s.close();
        throw e;
      }
      return s;
    }
  }

  // ------------------------------------------------------------------ lifecycle

  /** Starts every service at once, then waits until all are ready. */
  public void startAll() {
    processes.values().forEach(ServiceProcess::start);
    for (ServiceName s : processes.keySet()) {
      awaitReady(s);
    }
  }

  /** (Re)starts one service with its port, var dir and configuration, and waits until ready. */
  public void start(ServiceName s) {
    process(s).start();
    awaitReady(s);
  }

  /**
   * SIGKILL to the service's java process ({@link Process#destroyForcibly()}); fails unless the
   * process ended with signal 9 (exit status 137).
   */
  public void kill(ServiceName s) {
    ServiceProcess p = process(s);
    long pid = p.pid();
    int status = p.kill();
    if (status != ServiceProcess.SIGKILL_EXIT) {
      throw new AssertionError(
          s + " (pid " + pid + ") ended with status " + status + ", not 137 (SIGKILL)");
    }
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new AssertionError(s + " (pid " + pid + ") is still alive after SIGKILL");
    }
    log("killed " + s + " (pid " + pid + ", exit status " + status + " = SIGKILL)");
  }

  /** Graceful stop (SIGTERM). */
  public void stop(ServiceName s) {
    process(s).stop();
  }

  /**
   * Waits until the service answers ready on {@code /q/health/ready} and every one of its Kafka
   * consumers has its partitions: readiness alone does not say the consumer groups are balanced,
   * and a replay started before that would reach a service seconds late.
   */
  public void awaitReady(ServiceName s) {
    ServiceProcess p = process(s);
    String url = url(s) + "/q/health/ready";
    long timeout = Long.getLong("e2e.ready-timeout-sec", 240);
    long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
    while (true) {
      if (!p.isAlive()) {
        throw new AssertionError(
            s
                + " exited during start-up (status "
                + p.exitStatus()
                + "); log "
                + p.log()
                + ":\n"
                + p.tail(40));
      }
      Http.Response r = http.answers(url) ? http.get(url) : null;
      if (r != null
          && r.status() == 200
          && "UP".equals(r.body().path("status").asText())
          && topics.assigned(subscriptions.get(s))) {
        log(s + " ready on port " + p.port() + " (pid " + p.pid() + "), its consumers assigned");
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            s
                + " not ready after "
                + timeout
                + " s: "
                + (r == null ? "no answer" : r.text())
                + "; log "
                + p.log()
                + ":\n"
                + p.tail(40));
      }
      sleep(500);
    }
  }

  /**
   * Waits until the run is idle: every consumer group of the run has committed every record of its
   * partitions and no topic grew, twice in a row {@code quiet} apart (offsets are committed a few
   * seconds after processing).
   */
  public void awaitIdle(Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long lastEnd = -1;
    int calm = 0;
    Map<String, Long> lag = Map.of();
    while (calm < 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the run did not become idle in " + timeout + "; lag " + lag);
      }
      requireAllAlive();
      long end = topics.totalEndOffset();
      lag = topics.lagByGroup();
      boolean noLag = lag.values().stream().allMatch(v -> v == 0);
      calm = noLag && end == lastEnd ? calm + 1 : 0;
      lastEnd = end;
      sleep(quiet.toMillis());
    }
  }

  /** Polls {@code condition} every half second until it holds; fails with {@code what}. */
  public void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      requireAllAlive();
      sleep(500);
    }
  }

  /** Fails (with the log tail) when a service that should run has died. */
  public void requireAllAlive() {
    for (ServiceProcess p : processes.values()) {
      Integer status = p.exitStatus();
      if (status != null && status != ServiceProcess.SIGKILL_EXIT) {
        throw new AssertionError(
            p.name() + " died (status " + status + "); log " + p.log() + ":\n" + p.tail(40));
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<ServiceName> order = new ArrayList<>(processes.keySet());
    order.sort(Comparator.reverseOrder());
    order.forEach(s -> processes.get(s).terminate()); // all shut down at once
    for (ServiceName s : order) {
      try {
        processes.get(s).stop();
      } catch (RuntimeException e) {
        log("could not stop " + s + ": " + e);
        processes.get(s).destroyNow();
      }
    }
    try {
      if (!Boolean.getBoolean("e2e.keep-topics")) {
        topics.deleteAll();
      }
    } finally {
      topics.close();
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // the JVM is shutting down already; the hook runs anyway
      }
    }
  }

  // ------------------------------------------------------------------ accessors

  public String url(ServiceName s) {
    return "http://127.0.0.1:" + process(s).port();
  }

  /** {@code url(s) + "/api/v1" + path}. */
  public String api(ServiceName s, String path) {
    return url(s) + "/api/v1" + path;
  }

  public Http http() {
    return http;
  }

  public RunTopics topics() {
    return topics;
  }

  public String runId() {
    return runId;
  }

  public String apiKey() {
    return apiKey;
  }

  public Path varDir() {
    return varDir;
  }

  public Path logDir() {
    return logDir;
  }

  /** The services of this run. */
  public java.util.Set<ServiceName> services() {
    return java.util.Collections.unmodifiableSet(processes.keySet());
  }

  public ServiceProcess process(ServiceName s) {
    ServiceProcess p = processes.get(s);
    if (p == null) {
      throw new IllegalArgumentException(s + " is not part of this suite");
    }
    return p;
  }

  public JsonNode getJson(ServiceName s, String path) {
    return http.getJson(api(s, path));
  }

  public void log(String message) {
    System.out.println(
        "[e2e "
            + testName
            + " "
            + java.time.LocalTime.now(java.time.ZoneOffset.UTC)
            + "Z] "
            + message);
  }

  // ------------------------------------------------------------------ wiring

  /** The repository root (where the service modules are). */
  static Path root() {
    String r = System.getProperty("e2e.root");
    Path p = r != null ? Path.of(r) : Path.of("").toAbsolutePath().getParent();
    return p.toAbsolutePath().normalize();
  }

  Path jar(ServiceName s) {
    return root.resolve(s.module()).resolve("target/quarkus-app/quarkus-run.jar");
  }

  private void requireJars(List<ServiceName> services) {
    List<String> missing = new ArrayList<>();
    for (ServiceName s : services) {
      if (!Files.isRegularFile(jar(s))) {
        missing.add(s.module());
      }
    }
    if (!missing.isEmpty()) {
      String list = String.join(",", missing);
      throw new IllegalStateException(
          "the end-to-end tests run the packaged services, but these are not built: "
              + list
              + " (no target/quarkus-app/quarkus-run.jar). Build them first: ./mvnw -B -DskipTests"
              + " package -pl "
              + list
              + " -am   (a full ./mvnw verify packages them before e2e-tests)");
    }
  }

  private Map<String, String> urls(Map<ServiceName, Integer> ports) {
    Map<String, String> m = new LinkedHashMap<>();
    ports.forEach(
        (s, port) -> {
          String u = "http://127.0.0.1:" + port;
          switch (s) {
            case MARKET_DATA -> m.put("suite.market-data.url", u);
            case RISK -> m.put("suite.risk.url", u);
            case STRATEGY -> m.put("registry.strategy-url", u);
            case EXECUTION -> m.put("suite.execution.url", u);
            default -> {
              // registry and notification are called by no other service
            }
          }
        });
    return m;
  }

  /**
   * The run's topic for every {@code *.topic} of the service's application.properties, and a group
   * id of the run for every channel that names its own.
   */
  private Map<String, String> renamedTopics(ServiceName s) {
    Properties props = applicationProperties(s);
    Map<String, String> m = new LinkedHashMap<>();
    Map<String, String> channelGroups = new LinkedHashMap<>();
    for (String key : props.stringPropertyNames()) {
      Matcher g = GROUP_KEY.matcher(key);
      if (g.matches()) {
        String group = topics.groupPrefix() + s.module() + "-" + g.group(1);
        m.put(key, group);
        channelGroups.put(g.group(1), group);
      }
    }
    Map<String, Set<String>> subs = new LinkedHashMap<>();
    for (String key : props.stringPropertyNames()) {
      Matcher t = TOPIC_KEY.matcher(key);
      if (t.matches()) {
        String topic = topics.name(props.getProperty(key).trim());
        m.put(key, topic);
        if (t.group(1).equals("incoming") && t.group(3) == null) {
          String group = channelGroups.getOrDefault(t.group(2), topics.groupPrefix() + s.module());
          subs.computeIfAbsent(group, k -> new java.util.TreeSet<>()).add(topic);
        }
      }
    }
    if (m.isEmpty()) {
      throw new IllegalStateException("no topics found in " + s + "'s application.properties");
    }
    subscriptions.put(s, subs);
    return m;
  }

  private Properties applicationProperties(ServiceName s) {
    Path appDir = jar(s).getParent().resolve("app");
    try (Stream<Path> jars = Files.list(appDir)) {
      for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        try (JarFile jf = new JarFile(j.toFile())) {
          var entry = jf.getEntry("application.properties");
          if (entry != null) {
            Properties p = new Properties();
            try (InputStream in = jf.getInputStream(entry)) {
              p.load(in);
            }
            return p;
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + appDir, e);
    }
    throw new IllegalStateException("no application.properties in " + appDir);
  }

  // ------------------------------------------------------------------ helpers

  private static String newRunId() {
    String t = Long.toString(System.currentTimeMillis() / 1000 % 1_000_000, 36);
    return (t + HexFormat.of().formatHex(randomBytes(3))).toLowerCase(Locale.ROOT);
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }

  private static int freePort(Set<Integer> taken) {
    for (int i = 0; i < 50; i++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        s.setReuseAddress(true);
        if (taken.add(s.getLocalPort())) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free port");
  }

  private static void recreate(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> all = Files.walk(dir)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + dir, e);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
