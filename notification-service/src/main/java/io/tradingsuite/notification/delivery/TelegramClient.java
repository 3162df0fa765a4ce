package io.tradingsuite.notification.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.DeliveryResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Telegram Bot API over HTTPS ({@code suite.telegram.api-url}, default
 * https://api.telegram.org). The token is part of every URL, so no URL and no exception text that
 * could hold it leaves this class unmasked.
 */
@ApplicationScoped
public class TelegramClient {
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject NotificationSettings settings;

  /** A failed Bot API call; the message never contains the token. */
  public static class TelegramException extends Exception {
    public TelegramException(String message) {
      super(message);
    }
  }

  public DeliveryResult sendMessage(String chatId, String text) {
    ObjectNode body = json.createObjectNode();
    body.put("chat_id", chatId);
    body.put("text", text);
    body.put("disable_web_page_preview", true);
    try {
      HttpResponse<String> r =
          http.send(
              request("sendMessage")
                  .timeout(settings.httpTimeout())
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return DeliveryResult.ofStatus(r.statusCode(), description(r.body()));
    } catch (IOException e) {
      return DeliveryResult.transientFailure("telegram sendMessage: " + mask(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.transientFailure("interrupted");
    }
  }

  /** Long-polls for updates after {@code offset}; returns the {@code result} array. */
  public JsonNode getUpdates(long offset, Duration wait)
      throws TelegramException, InterruptedException {
    long seconds = Math.max(0, wait.toSeconds());
    HttpRequest request =
        request(
                "getUpdates?offset="
                    + offset
                    + "&timeout="
                    + seconds
                    + "&allowed_updates=%5B%22message%22%5D")
            .timeout(wait.plus(settings.httpTimeout()))
            .GET()
            .build();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TelegramException("telegram getUpdates: " + mask(e));
    }
    if (r.statusCode() != 200) {
      throw new TelegramException(
          "telegram getUpdates: HTTP " + r.statusCode() + " " + description(r.body()));
    }
    try {
      JsonNode root = json.readTree(r.body());
      JsonNode result = root.path("result");
      if (!root.path("ok").asBoolean(false) || !result.isArray()) {
        throw new TelegramException("telegram getUpdates: not ok: " + description(r.body()));
      }
      return result;
    } catch (IOException e) {
      throw new TelegramException("telegram getUpdates: unreadable answer");
    }
  }

  private HttpRequest.Builder request(String methodAndQuery) {
    return HttpRequest.newBuilder(
        URI.create(
            settings.telegramApiUrl() + "/bot" + settings.telegramToken() + "/" + methodAndQuery));
  }

  private String description(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode d = json.readTree(body).path("description");
      return mask(d.isMissingNode() ? body : d.asText());
    } catch (IOException e) {
      return mask(body.length() > 200 ? body.substring(0, 200) : body);
    }
  }

  private String mask(Exception e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + mask(m));
  }

  private String mask(String text) {
    String token = settings.telegramToken();
    return token.isEmpty() || text == null ? text : text.replace(token, "***");
  }
}
