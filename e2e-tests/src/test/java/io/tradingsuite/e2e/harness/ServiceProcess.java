package io.tradingsuite.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service as its own JVM: {@code java <opts> -D... -jar quarkus-run.jar}, started without a
 * shell so the {@link Process} is the service's java process itself (its pid is the one a SIGKILL
 * hits). Output goes to one log file, appended across restarts with a header per start.
 */
public final class ServiceProcess {
  /** Exit status of a process ended by SIGKILL (128 + 9). */
  public static final int SIGKILL_EXIT = 137;

  private final ServiceName name;
  private final Path jar;
  private final Path log;
  private final int port;
  private final List<String> jvmOptions;
  private final Map<String, String> properties;
  private final Map<String, String> environment;
  private final Path workDir;
  private Process process;
  private int starts;

  ServiceProcess(
      ServiceName name,
      Path jar,
      Path log,
      int port,
      List<String> jvmOptions,
      Map<String, String> properties,
      Map<String, String> environment,
      Path workDir) {
    this.name = name;
    this.jar = jar;
    this.log = log;
    this.port = port;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.properties = Map.copyOf(properties);
    this.environment = Map.copyOf(environment);
    this.workDir = workDir;
  }

  public ServiceName name() {
    return name;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return log;
  }

  public synchronized long pid() {
    return process == null ? -1 : process.pid();
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Starts the JVM (the previous one must have ended). */
  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " already runs (pid " + process.pid() + ")");
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    properties.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> cmd.add("-D" + e.getKey() + "=" + e.getValue()));
    cmd.add("-jar");
    cmd.add(jar.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    // a clean environment: nothing of the developer's SUITE_*, RISK_*, KAFKA_* ... leaks in
    Map<String, String> env = pb.environment();
    env.clear();
    for (String keep : List.of("PATH", "HOME", "LANG", "TZ", "TMPDIR")) {
      String v = System.getenv(keep);
      if (v != null) {
        env.put(keep, v);
      }
    }
    // plain-text logs (the %prod profile writes JSON lines unless this says otherwise)
    env.put("SUITE_JSON_LOGS", "false");
    // the test's own variables (secrets among them: unlike -D properties they are not in the
    // command line this log's header shows)
    env.putAll(environment);
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    starts++;
    appendLog(
        "\n===== e2e: start #"
            + starts
            + " of "
            + name
            + " at "
            + Instant.now()
            + " on port "
            + port
            + "\n===== "
            + String.join(" ", cmd)
            + "\n");
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
    appendLog("===== e2e: pid " + process.pid() + "\n");
  }

  /**
   * SIGKILL: {@link Process#destroyForcibly()} on the java process, then waits for it. Returns the
   * exit status, which is {@value #SIGKILL_EXIT} when the kernel ended it with signal 9.
   */
  public synchronized int kill() {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(name + " is not running");
    }
    long pid = process.pid();
    process.destroyForcibly();
    int status = waitFor(30);
    appendLog("\n===== e2e: killed pid " + pid + " (SIGKILL), exit status " + status + "\n");
    return status;
  }

  /** SIGTERM (Quarkus shuts down gracefully), SIGKILL after 30 s. */
  public synchronized void stop() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        waitFor(30);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    appendLog("\n===== e2e: stopped, exit status " + process.exitValue() + "\n");
  }

  /** SIGTERM without waiting (to stop several services at once; {@link #stop} then waits). */
  synchronized void terminate() {
    if (process != null && process.isAlive()) {
      process.destroy();
    }
  }

  /** For the JVM shutdown hook: no waiting, no logging. */
  synchronized void destroyNow() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  /** The exit status if the process has ended, else null. */
  public synchronized Integer exitStatus() {
    return process == null || process.isAlive() ? null : process.exitValue();
  }

  private int waitFor(int seconds) {
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " (pid " + process.pid() + ") did not end");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return process.exitValue();
  }

  /** The last {@code lines} lines of the log (for failure messages). */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e + ")";
    }
  }

  private void appendLog(String s) {
    try {
      Files.writeString(
          log, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
