package io.tradingsuite.e2e.harness;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * JSON over HTTP for the tests (the JDK client; decimals read as {@link java.math.BigDecimal}).
 * Mutating calls carry the suite's API key in {@code X-API-Key}, as operators' calls do.
 */
public final class Http {
  /** Decimals stay exact: JSON numbers are read as BigDecimal, never double. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  /** A response: status and body (JSON when it parses, else a text node). */
  public record Response(int status, JsonNode body, String text) {
    public Response expect(int wanted, String what) {
      if (status != wanted) {
        throw new AssertionError(
            what + ": expected HTTP " + wanted + ", got " + status + ": " + text);
      }
      return this;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String apiKey;

  public Http(String apiKey) {
    this.apiKey = apiKey;
  }

  public Response get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** GET of a text resource ({@code /q/metrics}: Prometheus text), answering 200. */
  public String getText(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET(), "text/plain")
        .expect(200, "GET " + url)
        .text();
  }

  /** GET that must answer 200; the JSON body. */
  public JsonNode getJson(String url) {
    return get(url).expect(200, "GET " + url).body();
  }

  public Response post(String url, Object body) {
    String json;
    try {
      json = body instanceof String s ? s : JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("X-API-Key", apiKey)
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
  }

  private Response send(HttpRequest.Builder b) {
    return send(b, "application/json");
  }

  private Response send(HttpRequest.Builder b, String accept) {
    HttpRequest request = b.timeout(Duration.ofSeconds(60)).header("Accept", accept).build();
    HttpResponse<String> r;
    try {
      r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + request.uri(), e);
    }
    JsonNode body;
    try {
      body = r.body().isEmpty() ? JSON.nullNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      body = JSON.getNodeFactory().textNode(r.body());
    }
    return new Response(r.statusCode(), body, r.body());
  }

  /** True when {@code url} answers at all (any status). */
  public boolean answers(String url) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
      client.send(request, HttpResponse.BodyHandlers.discarding());
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
