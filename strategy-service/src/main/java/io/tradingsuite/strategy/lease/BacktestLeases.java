package io.tradingsuite.strategy.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.tradingsuite.support.http.ApiKeyFilter;
import io.tradingsuite.support.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Backtest leases from risk-service: every backtest or hyperopt run takes one before it starts and
 * gives it back after, reporting its max drawdown. risk-service refuses while its circuit breaker
 * is open or too many runs hold leases. When risk-service cannot be reached the run is refused too
 * (fail closed): nothing runs unguarded.
 */
@ApplicationScoped
public class BacktestLeases {

  /** Status of the refusal when risk-service is down or broken. */
  public static final int UNREACHABLE_STATUS = 503;

  public static final String UNREACHABLE_DETAIL =
      "risk-service unreachable: backtest refused (fail closed)";

  /** A granted lease. */
  public record Lease(String id, String runId, Instant expiresAt) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Inject ObjectMapper json;

  @ConfigProperty(name = "suite.risk.url", defaultValue = "http://127.0.0.1:8083")
  String riskUrl;

  @ConfigProperty(name = "suite.api-key")
  Optional<String> apiKey;

  @ConfigProperty(name = "suite.risk.timeout", defaultValue = "PT5S")
  Duration timeout;

  /**
   * Asks risk-service for a lease.
   *
   * @param kind {@code backtest} or {@code hyperopt}
   * @throws ProblemException 409 with risk-service's reason when refused (circuit breaker, too many
   *     concurrent backtests); 503 {@value #UNREACHABLE_DETAIL} when risk-service is down or broken
   */
  public Lease acquire(String runId, String strategy, String kind) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("run_id", runId);
    body.put("strategy", strategy);
    body.put("kind", kind);
    HttpResponse<String> resp;
    try {
      resp =
          send(
              withKey(HttpRequest.newBuilder(URI.create(base() + "/api/v1/backtest-leases")))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                  .build());
    } catch (IOException e) {
      Log.warnf(
          "lease for %s refused: risk-service at %s unreachable (%s)",
          runId, riskUrl, e.toString());
      throw new ProblemException(UNREACHABLE_STATUS, null, UNREACHABLE_DETAIL);
    }
    int status = resp.statusCode();
    JsonNode answer = parse(resp.body());
    if (status == 200 || status == 201) {
      String id = answer.path("id").asText(null);
      if (id == null || id.isBlank()) {
        Log.warnf(
            "lease for %s refused: risk-service answered %d without a lease id", runId, status);
        throw new ProblemException(UNREACHABLE_STATUS, null, UNREACHABLE_DETAIL);
      }
      Instant expires = null;
      if (answer.hasNonNull("expires_at")) {
        try {
          expires = Instant.parse(answer.get("expires_at").asText());
        } catch (RuntimeException e) {
          expires = null; // informative only; risk-service enforces the TTL
        }
      }
      return new Lease(id, answer.path("run_id").asText(runId), expires);
    }
    if (status == 409) {
      String detail = answer.path("detail").asText("");
      String rule = answer.path("rule").asText("");
      String text = detail.isBlank() ? "risk-service refused the backtest lease" : detail;
      if (!rule.isBlank() && !text.contains(rule)) {
        text = text + " (" + rule + ")";
      }
      throw new ProblemException(409, null, text);
    }
    // 401/403 (wrong key), 404 (no such endpoint), 5xx: the guard does not work, so nothing runs
    Log.warnf(
        "lease for %s refused: risk-service answered %d %s",
        runId, status, abbreviate(resp.body()));
    throw new ProblemException(
        UNREACHABLE_STATUS, null, UNREACHABLE_DETAIL + "; risk-service answered " + status);
  }

  /**
   * Gives the lease back with the run's max drawdown (account ratio; {@code null} for a failed
   * run). Never throws: if risk-service cannot be told, the lease simply expires after its TTL.
   */
  public void release(Lease lease, BigDecimal maxDrawdown) {
    if (lease == null) {
      return;
    }
    String url =
        base()
            + "/api/v1/backtest-leases/"
            + URLEncoder.encode(lease.id(), StandardCharsets.UTF_8).replace("+", "%20");
    if (maxDrawdown != null) {
      url +=
          "?max_drawdown=" + URLEncoder.encode(maxDrawdown.toPlainString(), StandardCharsets.UTF_8);
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      try {
        HttpResponse<String> resp =
            send(withKey(HttpRequest.newBuilder(URI.create(url))).DELETE().build());
        if (resp.statusCode() < 300 || resp.statusCode() == 404) {
          return;
        }
        Log.warnf(
            "releasing lease %s: risk-service answered %d %s",
            lease.id(), resp.statusCode(), abbreviate(resp.body()));
        if (resp.statusCode() < 500) {
          return;
        }
      } catch (IOException e) {
        Log.warnf(
            "releasing lease %s failed (attempt %d): %s; it expires by its TTL",
            lease.id(), attempt, e.toString());
      }
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private HttpRequest.Builder withKey(HttpRequest.Builder b) {
    b.timeout(timeout);
    apiKey.filter(k -> !k.isBlank()).ifPresent(k -> b.header(ApiKeyFilter.HEADER, k));
    return b;
  }

  private String base() {
    return riskUrl.replaceAll("/+$", "");
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
    } catch (IOException e) {
      return json.nullNode();
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
  }
}
