package io.tradingsuite.notification.telegram;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsuite.notification.config.NotificationSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The services' REST APIs the bot commands act through: risk-service for the circuit breaker,
 * execution-service for trades, balance and force-exits. Mutating calls carry {@code X-API-Key}.
 * Nothing here reaches the trading path any other way.
 */
@ApplicationScoped
public class SuiteApi {
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  @Inject NotificationSettings settings;

  /** A call that failed: the service could not be reached (status 0) or answered with an error. */
  public static class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  public JsonNode circuitBreaker() {
    return get("risk-service", settings.riskUrl() + "/api/v1/circuit-breaker");
  }

  public JsonNode enableCircuitBreaker(String reason, int minutes, String correlationId) {
    ObjectNode body = json.createObjectNode().put("reason", reason).put("minutes", minutes);
    return post(
        "risk-service", settings.riskUrl() + "/api/v1/circuit-breaker/enable", body, correlationId);
  }

  public JsonNode disableCircuitBreaker(String correlationId) {
    return post(
        "risk-service",
        settings.riskUrl() + "/api/v1/circuit-breaker/disable",
        json.createObjectNode(),
        correlationId);
  }

  public JsonNode trades(String status) {
    return get("execution-service", settings.executionUrl() + "/api/v1/trades?status=" + status);
  }

  public JsonNode balance() {
    return get("execution-service", settings.executionUrl() + "/api/v1/balance");
  }

  public JsonNode forceExit(String tradeId, String correlationId) {
    return post(
        "execution-service",
        settings.executionUrl()
            + "/api/v1/trades/"
            + URLEncoder.encode(tradeId, StandardCharsets.UTF_8).replace("+", "%20")
            + "/force-exit",
        json.createObjectNode(),
        correlationId);
  }

  private JsonNode get(String service, String url) {
    return send(service, HttpRequest.newBuilder(URI.create(url)).GET());
  }

  private JsonNode post(String service, String url, JsonNode body, String correlationId) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-API-Key", settings.apiKey())
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    if (correlationId != null) {
      b.header("X-Correlation-Id", correlationId);
    }
    return send(service, b);
  }

  private JsonNode send(String service, HttpRequest.Builder builder) {
    HttpResponse<String> r;
    try {
      r =
          http.send(
              builder.timeout(Duration.ofSeconds(15)).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new ApiException(0, service + " unreachable (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted");
    }
    JsonNode body = parse(r.body());
    if (r.statusCode() >= 400) {
      String detail =
          body != null && body.hasNonNull("detail")
              ? body.get("detail").asText()
              : "HTTP " + r.statusCode();
      throw new ApiException(r.statusCode(), service + ": " + detail);
    }
    return body;
  }

  private JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return json.nullNode();
    }
    try {
      return json.readTree(text);
    } catch (IOException e) {
      return json.getNodeFactory().textNode(text);
    }
  }
}
