package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import io.tradingsuite.cli.Endpoints;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** registry-service calls: JSON through {@link ApiClient}, text and file downloads here. */
final class RegistryClient {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  private final ApiClient api;
  private final ObjectMapper json;

  RegistryClient(ObjectMapper json) {
    this.json = json;
    this.api = ApiClient.fromEnvironment(json);
  }

  static String url(String path) {
    return Endpoints.registry() + path;
  }

  JsonNode post(String path, Object body) {
    return api.post(url(path), body);
  }

  JsonNode get(String path) {
    return api.get(url(path));
  }

  byte[] bytes(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofMinutes(5)).GET().build();
    try {
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() >= 400) {
        String text = new String(r.body(), StandardCharsets.UTF_8);
        String detail = text;
        try {
          detail = json.readTree(text).path("detail").asText(text);
        } catch (IOException ignored) {
          // not problem+json: show the body
        }
        throw new ApiClient.ApiException(r.statusCode(), detail);
      }
      return r.body();
    } catch (ConnectException e) {
      throw new ApiClient.ApiException(
          0, "cannot reach " + request.uri().getAuthority() + " (is the suite up? ./suite status)");
    } catch (IOException e) {
      throw new ApiClient.ApiException(0, request.uri() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiClient.ApiException(0, "interrupted");
    }
  }

  String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /** Writes atomically: a reader never sees half a report. */
  static void write(Path target, byte[] content) throws IOException {
    Path abs = target.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.write(tmp, content);
    Files.move(
        tmp,
        abs,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
