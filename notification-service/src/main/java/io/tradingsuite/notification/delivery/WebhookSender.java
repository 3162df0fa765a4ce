package io.tradingsuite.notification.delivery;

import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.DeliveryResult;
import io.tradingsuite.notification.domain.WebhookEndpoint;
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
 * POSTs a rendered body to a webhook endpoint. Errors name the endpoint, never its url or headers.
 */
@ApplicationScoped
public class WebhookSender {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject NotificationSettings settings;

  public DeliveryResult send(WebhookEndpoint endpoint, String body) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint.url()))
            .timeout(settings.httpTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "trading-suite-notification-service")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    endpoint.headers().forEach(b::header);
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return DeliveryResult.ofStatus(r.statusCode(), null);
    } catch (IOException e) {
      return DeliveryResult.transientFailure(
          "webhook " + endpoint.name() + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return DeliveryResult.transientFailure("interrupted");
    }
  }
}
