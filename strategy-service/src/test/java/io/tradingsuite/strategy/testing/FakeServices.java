package io.tradingsuite.strategy.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) playing risk-service's backtest leases and market-data-service's
 * stored candles, for tests of the HTTP clients and the backtest flow. Behaviour is switched with
 * {@link #leaseMode}; every request is recorded.
 */
public final class FakeServices implements AutoCloseable {

  /** How the lease endpoint answers. */
  public enum LeaseMode {
    GRANT,
    CIRCUIT_BREAKER_OPEN,
    MAX_CONCURRENT_BACKTESTS,
    SERVER_ERROR,
    DROP_CONNECTION
  }

  /** One received request. */
  public record Recorded(String method, String path, String query, String body, String apiKey) {}

  public volatile LeaseMode leaseMode = LeaseMode.GRANT;
  public final List<Recorded> requests = new CopyOnWriteArrayList<>();

  /** Stored candles by {@code exchange|pair|timeframe}: rows {@code [epochMs, o, h, l, c, v]}. */
  public final Map<String, List<double[]>> candles = new ConcurrentHashMap<>();

  private final HttpServer server;
  private final AtomicInteger leases = new AtomicInteger();

  public FakeServices() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/backtest-leases", this::leases);
    server.createContext("/api/v1/candles", this::candles);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Recorded> requests(String method, String pathPrefix) {
    List<Recorded> out = new ArrayList<>();
    for (Recorded r : requests) {
      if (r.method().equals(method) && r.path().startsWith(pathPrefix)) {
        out.add(r);
      }
    }
    return out;
  }

  private Recorded record(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Recorded r =
        new Recorded(
            ex.getRequestMethod(),
            ex.getRequestURI().getPath(),
            ex.getRequestURI().getRawQuery(),
            body,
            ex.getRequestHeaders().getFirst("X-API-Key"));
    requests.add(r);
    return r;
  }

  private void leases(HttpExchange ex) throws IOException {
    Recorded r = record(ex);
    if (r.method().equals("DELETE")) {
      respond(ex, 204, null, null);
      return;
    }
    switch (leaseMode) {
      case GRANT -> {
        String runId = r.body().replaceAll(".*\"run_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        respond(
            ex,
            201,
            "application/json",
            "{\"id\":\"lease-"
                + leases.incrementAndGet()
                + "\",\"run_id\":\""
                + runId
                + "\",\"expires_at\":\""
                + Instant.now().plusSeconds(900)
                + "\"}");
      }
      case CIRCUIT_BREAKER_OPEN ->
          respond(
              ex,
              409,
              "application/problem+json",
              "{\"type\":\"about:blank\","
                  + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"circuit breaker is open: drawdown limit hit\","
                  + "\"rule\":\"CIRCUIT_BREAKER_OPEN\"}");
      case MAX_CONCURRENT_BACKTESTS ->
          respond(
              ex,
              409,
              "application/problem+json",
              "{\"type\":\"about:blank\","
                  + "\"title\":\"Conflict\",\"status\":409,\"detail\":\"2 backtests already hold leases (max 2)\","
                  + "\"rule\":\"MAX_CONCURRENT_BACKTESTS\"}");
      case SERVER_ERROR ->
          respond(ex, 500, "application/problem+json", "{\"status\":500,\"detail\":\"boom\"}");
      case DROP_CONNECTION -> ex.close();
    }
  }

  private void candles(HttpExchange ex) throws IOException {
    Recorded r = record(ex);
    Map<String, String> q = new LinkedHashMap<>();
    if (r.query() != null) {
      for (String kv : r.query().split("&", -1)) {
        int eq = kv.indexOf('=');
        q.put(kv.substring(0, eq), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    List<double[]> rows =
        candles.getOrDefault(
            q.get("exchange") + "|" + q.get("pair") + "|" + q.get("timeframe"), List.of());
    long from =
        q.containsKey("from") ? Instant.parse(q.get("from")).toEpochMilli() : Long.MIN_VALUE;
    long to = q.containsKey("to") ? Instant.parse(q.get("to")).toEpochMilli() : Long.MAX_VALUE;
    StringBuilder sb = new StringBuilder("[");
    for (double[] row : rows) {
      long t = (long) row[0];
      if (t < from || t > to) {
        continue;
      }
      if (sb.length() > 1) {
        sb.append(',');
      }
      sb.append("{\"exchange\":\"")
          .append(q.get("exchange"))
          .append("\",\"pair\":\"")
          .append(q.get("pair"))
          .append("\",\"timeframe\":\"")
          .append(q.get("timeframe"))
          .append("\",\"open_time\":\"")
          .append(Instant.ofEpochMilli(t))
          .append("\",\"open\":")
          .append(row[1])
          .append(",\"high\":")
          .append(row[2])
          .append(",\"low\":")
          .append(row[3])
          .append(",\"close\":")
          .append(row[4])
          .append(",\"volume\":")
          .append(row[5])
          .append('}');
    }
    respond(ex, 200, "application/json", sb.append(']').toString());
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    if (body == null) {
      ex.sendResponseHeaders(status, -1);
      ex.close();
      return;
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
