package io.tradingsuite.cli.marketdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * market-data-service calls of the cli: JSON through {@link ApiClient}, file uploads as raw bytes.
 */
class MarketDataClient {
  final ApiClient api;
  private final ObjectMapper json;
  private final String apiKey = ApiClient.apiKeyFromEnvironment();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  MarketDataClient(ObjectMapper json) {
    this.json = json;
    this.api = new ApiClient(json, apiKey);
  }

  static String url(String path, Map<String, String> query) {
    String q =
        query.entrySet().stream()
            .filter(e -> e.getValue() != null)
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return Endpoints.marketData() + path + (q.isEmpty() ? "" : "?" + q);
  }

  /** POSTs a file's bytes (JSON, gzip or CSV); problem+json answers become an ApiException. */
  JsonNode upload(String url, byte[] body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null && !apiKey.isBlank()) {
      b.header("X-API-Key", apiKey);
    }
    HttpResponse<String> response;
    try {
      response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ApiClient.ApiException(
          0,
          "cannot reach market-data-service at "
              + Endpoints.marketData()
              + " (is the suite up? ./suite status)");
    } catch (IOException e) {
      throw new ApiClient.ApiException(0, url + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiClient.ApiException(0, "interrupted");
    }
    JsonNode node;
    try {
      node = json.readTree(response.body());
    } catch (IOException e) {
      node = json.getNodeFactory().textNode(response.body());
    }
    if (response.statusCode() >= 400) {
      throw new ApiClient.ApiException(
          response.statusCode(),
          node != null && node.hasNonNull("detail")
              ? node.get("detail").asText()
              : response.body());
    }
    return node;
  }
}
