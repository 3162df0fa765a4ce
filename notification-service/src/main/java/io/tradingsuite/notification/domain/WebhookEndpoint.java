package io.tradingsuite.notification.domain;

import java.util.Map;
import java.util.Set;

/**
 * A webhook receiver: which kinds go to it and how its body is written. Without a template the body
 * is every field of the notification as one JSON object. {@code headers} (e.g. an authorization
 * token) and {@code url} may hold secrets: they are never logged or shown over REST.
 */
public record WebhookEndpoint(
    String name,
    String url,
    Set<NotificationKind> kinds,
    JsonTemplate template,
    Map<String, String> headers) {

  public boolean wants(NotificationKind kind) {
    return kinds.isEmpty() || kinds.contains(kind);
  }
}
