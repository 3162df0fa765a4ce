package io.tradingsuite.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for the services' REST APIs. Sends the API key on mutating calls and turns
 * problem+json answers into an {@link ApiException} carrying the service's own words.
 */
public class ApiClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final ObjectMapper json;
  private final String apiKey;

  public ApiClient(ObjectMapper json, String apiKey) {
    this.json = json;
    this.apiKey = apiKey;
  }

  /**
   * The client every verb uses: the API key comes from {@code SUITE_API_KEY} (./suite reads it from
   * var/).
   */
  public static ApiClient fromEnvironment(ObjectMapper json) {
    return new ApiClient(json != null ? json : new ObjectMapper(), apiKeyFromEnvironment());
  }

  public static String apiKeyFromEnvironment() {
    return System.getenv("SUITE_API_KEY");
  }

  public JsonNode get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  public JsonNode post(String url, Object body) {
    try {
      String payload = body == null ? "" : json.writeValueAsString(body);
      return send(
          withKey(HttpRequest.newBuilder(URI.create(url)))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(payload)));
    } catch (IOException e) {
      throw new ApiException(0, "cannot encode request: " + e.getMessage());
    }
  }

  public JsonNode delete(String url) {
    return send(withKey(HttpRequest.newBuilder(URI.create(url))).DELETE());
  }

  private HttpRequest.Builder withKey(HttpRequest.Builder builder) {
    if (apiKey != null && !apiKey.isBlank()) {
      builder.header("X-API-Key", apiKey);
    }
    return builder;
  }

  private JsonNode send(HttpRequest.Builder builder) {
    HttpRequest request = builder.timeout(Duration.ofSeconds(30)).build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiException(
          0, "cannot reach " + request.uri().getAuthority() + " (is the suite up? ./suite status)");
    } catch (IOException e) {
      throw new ApiException(0, request.uri() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(0, "interrupted");
    }
    JsonNode body = parse(response.body());
    if (response.statusCode() >= 400) {
      String detail =
          body != null && body.hasNonNull("detail") ? body.get("detail").asText() : response.body();
      throw new ApiException(response.statusCode(), detail);
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

  /** A failed call, with the HTTP status (0 when the service could not be reached). */
  public static class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }

    /**
     * One line for the operator: which service said what, with the HTTP status when there was one.
     */
    public String describe(String service) {
      return service + ": " + getMessage() + (status > 0 ? " (HTTP " + status + ")" : "");
    }
  }
}
