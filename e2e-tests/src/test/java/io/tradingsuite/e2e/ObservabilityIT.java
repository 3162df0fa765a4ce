package io.tradingsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.e2e.harness.CandleSet;
import io.tradingsuite.e2e.harness.Http;
import io.tradingsuite.e2e.harness.OtlpReceiver;
import io.tradingsuite.e2e.harness.Pipeline;
import io.tradingsuite.e2e.harness.Scenario;
import io.tradingsuite.e2e.harness.ServiceName;
import io.tradingsuite.e2e.harness.Suite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 items 1–3 through the real thing: the four trading services as their own processes on the
 * real broker, exporting spans over OTLP/HTTP to a receiver inside this test, writing JSON log
 * lines, with secrets in their environment as a deployment passes them. A replay drives candles
 * through market-data → strategy → risk → execution; then:
 *
 * <ul>
 *   <li>every fill's trace holds the candle's publication (market-data), the signal (strategy), the
 *       decision (risk) and the fill (execution): one trace id across all four services, with the
 *       span attributes an operator searches by (pair, strategy, decision outcome and rule, client
 *       order id);
 *   <li>the Prometheus series the Grafana dashboard queries are served by the services, with values
 *       that match what went over the topics;
 *   <li>every log line is JSON, the lines that handle a message carry its trace id and correlation
 *       id, and no secret appears anywhere in any log.
 * </ul>
 */
class ObservabilityIT {
  static final int CANDLES_PER_PAIR = Integer.getInteger("e2e.observability.candles", 600);

  /** Secrets every service gets in its environment; none may reach a log. */
  static final Map<String, String> SECRETS = new LinkedHashMap<>();

  static Scenario scenario;
  static CandleSet candles;
  static OtlpReceiver otlp;
  static Suite suite;

  @BeforeAll
  static void startSuite() {
    for (String name :
        List.of(
            "EXCHANGE_API_KEY",
            "EXCHANGE_SECRET",
            "TELEGRAM_BOT_TOKEN",
            "WEBHOOK_SECRET",
            "POSTGRES_PASSWORD")) {
      SECRETS.put(name, "s3cr3t-" + name.toLowerCase(java.util.Locale.ROOT) + "-" + randomHex());
    }
    otlp = new OtlpReceiver();
    List<String> pairs = List.of("BTC/USDT", "ETH/USDT");
    scenario = Scenario.standard("obs", pairs);
    candles =
        CandleSet.generate(
            scenario.exchange(),
            List.of(
                new CandleSet.Profile("BTC/USDT", 42_000, 2, 0.004),
                new CandleSet.Profile("ETH/USDT", 2_300, 2, 0.005)),
            Instant.parse("2024-05-01T00:00:00Z"),
            CANDLES_PER_PAIR,
            20240501L);
    Suite.Builder b = scenario.suite("ObservabilityIT");
    for (ServiceName s : ServiceName.values()) {
      b.config(s, "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf")
          .config(s, "quarkus.otel.exporter.otlp.traces.endpoint", otlp.endpoint())
          .config(s, "quarkus.otel.bsp.schedule.delay", "200ms")
          // a line per handled message (MessageTracer), to check what every handling line carries
          .config(s, "quarkus.log.category.\"io.tradingsuite.support.tracing\".level", "DEBUG")
          .env(s, "SUITE_JSON_LOGS", "true");
      SECRETS.forEach((k, v) -> b.env(s, k, v));
    }
    suite = b.start();
  }

  private static String randomHex() {
    byte[] r = new byte[6];
    ThreadLocalRandom.current().nextBytes(r);
    return HexFormat.of().formatHex(r);
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
    if (otlp != null) {
      otlp.close();
    }
  }

  @Test
  void oneTraceFromCandleToFillMetricsAndCleanLogs() {
    candles.importInto(suite);
    String replay = scenario.replay(suite, candles, "max");
    suite.await(
        "replay " + replay + " to finish",
        Duration.ofMinutes(5),
        () -> "done".equals(Scenario.replayState(suite, replay).path("status").asText()));
    scenario.awaitBotsAt(suite, candles.last(), Duration.ofMinutes(3));
    suite.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(3));
    Pipeline pipeline = Pipeline.read(suite.topics());
    List<Fill> fills =
        Pipeline.messages(pipeline.fills).stream()
            .filter(f -> f.status() == FillStatus.FILLED)
            .toList();
    assertThat(fills).as("filled orders in the replay").hasSizeGreaterThanOrEqualTo(4);
    // the exporters flush every 200 ms; wait until the last fill's span has arrived
    try {
      suite.await(
          "the spans of every fill",
          Duration.ofMinutes(1),
          () -> fills.stream().allMatch(f -> !spansOf("fill_id", f.id()).isEmpty()));
    } catch (AssertionError e) {
      suite.log("spans so far: " + summary(otlp.spans()) + "; errors " + otlp.errors());
      throw e;
    }

    List<OtlpReceiver.Span> spans = otlp.spans();
    suite.log("received " + spans.size() + " spans; " + summary(spans));
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(otlp.errors()).as("undecodable OTLP requests").isEmpty();
    traces(soft, pipeline, fills, spans);
    metrics(soft, pipeline);
    logs(soft);
    soft.assertAll();
  }

  /** The series the dashboard queries, against what went over the topics. */
  private static void metrics(SoftAssertions soft, Pipeline pipeline) {
    Map<ServiceName, String> scraped = new LinkedHashMap<>();
    for (ServiceName s :
        List.of(
            ServiceName.MARKET_DATA,
            ServiceName.STRATEGY,
            ServiceName.RISK,
            ServiceName.EXECUTION)) {
      String text = suite.http().getText(suite.url(s) + "/q/metrics");
      scraped.put(s, text);
      soft.assertThat(text)
          .as("%s meters carry the service tag", s)
          .contains("service=\"" + s.module() + "\"");
    }
    soft.assertThat(sum(scraped.get(ServiceName.MARKET_DATA), "suite_candles_ingested_total"))
        .as("candles ingested (imported)")
        .isEqualTo(candles.total());
    soft.assertThat(sum(scraped.get(ServiceName.STRATEGY), "suite_signals_total"))
        .as("signals counted vs on the topic")
        .isEqualTo(pipeline.signals.size());
    soft.assertThat(sum(scraped.get(ServiceName.RISK), "suite_decisions_total"))
        .as("decisions counted vs on the topic")
        .isEqualTo(pipeline.decisions.size());
    soft.assertThat(sum(scraped.get(ServiceName.EXECUTION), "suite_fills_total"))
        .as("fills counted vs on the topic")
        .isEqualTo(pipeline.fills.size());
    long open = 0;
    for (JsonNode t : suite.getJson(ServiceName.EXECUTION, "/trades?limit=10000")) {
      if (t.path("is_open").asBoolean(false) || "open".equals(t.path("status").asText())) {
        open++;
      }
    }
    soft.assertThat(sum(scraped.get(ServiceName.EXECUTION), "suite_open_trades"))
        .as("open trades gauge vs GET /trades")
        .isEqualTo(open);
    soft.assertThat(scraped.get(ServiceName.EXECUTION))
        .contains("suite_candle_to_fill_seconds_bucket", "suite_equity{");
    if (open > 0) { // one exposure series per pair with an open position
      soft.assertThat(scraped.get(ServiceName.EXECUTION)).contains("suite_exposure{");
    }
    soft.assertThat(scraped.get(ServiceName.RISK)).contains("suite_circuit_breaker_open");
    soft.assertThat(scraped.get(ServiceName.STRATEGY))
        .contains("kafka_consumer_fetch_manager_records_lag_max");
  }

  /** Sum of every sample of a series (all label sets), as a whole number. */
  static long sum(String prometheusText, String series) {
    double total = 0;
    for (String line : prometheusText.lines().toList()) {
      if (line.startsWith(series + "{") || line.startsWith(series + " ")) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(total);
  }

  /**
   * Every line a service wrote is a JSON object; the lines written while handling a consumed
   * message name its trace and correlation id; no secret of the environment appears in any log.
   */
  private static void logs(SoftAssertions soft) {
    for (ServiceName s : suite.services()) {
      List<String> lines = logLines(s);
      int json = 0;
      int handling = 0;
      List<String> notJson = new ArrayList<>();
      List<String> untraced = new ArrayList<>();
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("=====")) {
          continue; // the harness's own lines (start, command line, kill)
        }
        JsonNode n = json(line);
        if (n == null || !n.isObject()) {
          notJson.add(line);
          continue;
        }
        json++;
        JsonNode mdc = n.path("mdc");
        boolean handles = n.path("message").asText().startsWith("handling ");
        if (handles) {
          handling++;
        }
        // a line of a message's (or request's) handling names its trace as well
        if ((handles || mdc.hasNonNull("correlation_id"))
            && !(mdc.hasNonNull("traceId") && mdc.hasNonNull("correlation_id"))) {
          untraced.add(line);
        }
      }
      soft.assertThat(notJson).as("%s log lines that are not JSON", s).isEmpty();
      soft.assertThat(untraced)
          .as("%s lines handling a message without trace or correlation id", s)
          .isEmpty();
      if (List.of(ServiceName.STRATEGY, ServiceName.RISK, ServiceName.EXECUTION).contains(s)) {
        soft.assertThat(handling).as("%s lines handling a message", s).isPositive();
      }
      String all = String.join("\n", lines);
      SECRETS.forEach(
          (name, value) ->
              soft.assertThat(all)
                  .as("%s log contains the value of %s", s, name)
                  .doesNotContain(value));
      soft.assertThat(all).as("%s log contains the API key", s).doesNotContain(suite.apiKey());
      suite.log(s + ": " + json + " JSON lines, " + handling + " handling a message");
    }
  }

  private static void traces(
      SoftAssertions soft, Pipeline pipeline, List<Fill> fills, List<OtlpReceiver.Span> spans) {
    Map<String, Signal> signals = new LinkedHashMap<>();
    Pipeline.messages(pipeline.signals).forEach(s -> signals.putIfAbsent(s.id(), s));
    Map<String, RiskDecision> decisions = new LinkedHashMap<>();
    Pipeline.messages(pipeline.decisions).forEach(d -> decisions.putIfAbsent(d.id(), d));
    for (Fill f : fills) {
      if (f.decisionId() == null) {
        continue; // not made for a decision (none in this scenario)
      }
      List<OtlpReceiver.Span> fillSpans = spansOf("fill_id", f.id());
      Set<String> traceIds =
          fillSpans.stream().map(OtlpReceiver.Span::traceId).collect(Collectors.toSet());
      soft.assertThat(traceIds).as("trace of fill %s", f.id()).hasSize(1);
      if (traceIds.size() != 1) {
        continue;
      }
      String trace = traceIds.iterator().next();
      List<OtlpReceiver.Span> inTrace =
          spans.stream().filter(s -> s.traceId().equals(trace)).toList();
      Set<String> services =
          inTrace.stream()
              .map(OtlpReceiver.Span::service)
              .collect(Collectors.toCollection(TreeSet::new));
      soft.assertThat(services)
          .as("services in the trace of fill %s (%s): %s", f.id(), f.pair(), describe(inTrace))
          .contains("market-data-service", "strategy-service", "risk-service", "execution-service");
      Signal signal = signals.get(f.signalId());
      RiskDecision decision = decisions.get(f.decisionId());
      soft.assertThat(signal).as("signal of fill %s", f.id()).isNotNull();
      soft.assertThat(decision).as("decision of fill %s", f.id()).isNotNull();
      if (signal == null || decision == null) {
        continue;
      }
      String where = "in the trace of fill " + f.id() + ":\n    " + describe(inTrace);
      soft.assertThat(
              hasSpan(
                  inTrace,
                  "strategy-service",
                  Map.of(
                      "signal_id", signal.id(), "strategy", signal.strategy(), "pair", f.pair())))
          .as("the signal's span (strategy, pair) %s", where)
          .isTrue();
      soft.assertThat(
              hasSpan(
                  inTrace,
                  "risk-service",
                  Map.of(
                      "decision_id", decision.id(),
                      "decision_outcome", "approved",
                      "pair", f.pair(),
                      "strategy", signal.strategy())))
          .as("the decision's span (outcome, pair, strategy) %s", where)
          .isTrue();
      soft.assertThat(
              hasSpan(
                  inTrace,
                  "market-data-service",
                  Map.of("pair", f.pair(), "candle_time", signal.candleTime().toString())))
          .as("the publication of the signal's candle %s", where)
          .isTrue();
      soft.assertThat(
              hasSpan(
                  inTrace,
                  "execution-service",
                  Map.of("fill_id", f.id(), "client_order_id", f.clientOrderId())))
          .as("the fill's span (client order id) %s", where)
          .isTrue();
    }
    // every decision's span says its outcome, and a denial its rule
    for (RiskDecision d : decisions.values()) {
      soft.assertThat(
              spansOf("decision_id", d.id()).stream()
                  .anyMatch(
                      s ->
                          "risk-service".equals(s.service())
                              && (d.approved() ? "approved" : "denied")
                                  .equals(s.attribute("decision_outcome"))
                              && (d.approved() || d.rule().equals(s.attribute("decision_rule")))))
          .as("span of decision %s (%s)", d.id(), d.rule())
          .isTrue();
    }
  }

  /** A span of {@code service} with all these attributes. */
  private static boolean hasSpan(
      List<OtlpReceiver.Span> spans, String service, Map<String, String> attributes) {
    return spans.stream()
        .anyMatch(
            s ->
                service.equals(s.service())
                    && attributes.entrySet().stream()
                        .allMatch(a -> a.getValue().equals(s.attribute(a.getKey()))));
  }

  private static List<OtlpReceiver.Span> spansOf(String attribute, String value) {
    return otlp.spans().stream().filter(s -> value.equals(s.attribute(attribute))).toList();
  }

  private static String describe(List<OtlpReceiver.Span> spans) {
    List<String> out = new ArrayList<>();
    for (OtlpReceiver.Span s : spans) {
      out.add(s.service() + ":" + s.name() + s.attributes());
    }
    return String.join("\n    ", out);
  }

  private static String summary(List<OtlpReceiver.Span> spans) {
    return spans.stream()
        .collect(
            Collectors.groupingBy(
                s -> s.service() + " " + s.name(), TreeMap::new, Collectors.counting()))
        .toString();
  }

  static List<String> logLines(ServiceName s) {
    try {
      return Files.readAllLines(suite.logDir().resolve(s.module() + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String line) {
    try {
      return Http.JSON.readTree(line);
    } catch (IOException e) {
      return null;
    }
  }
}
