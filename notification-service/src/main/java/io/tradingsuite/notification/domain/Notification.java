package io.tradingsuite.notification.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One thing operators are told, exactly once per source event. {@code text} is the human message
 * (Telegram); {@code fields} are the event's fields as strings, the values a webhook template can
 * use, including {@code id}, {@code kind}, {@code severity}, {@code title}, {@code text}, {@code
 * source_id} and {@code created_at}.
 *
 * @param id {@code <kind>:<source id>}; unique
 * @param sourceId the id of the message (fill, risk event, artifact) it came from
 */
public record Notification(
    String id,
    NotificationKind kind,
    String sourceId,
    Severity severity,
    String title,
    String text,
    Map<String, String> fields,
    Instant createdAt) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
    Map<String, String> all = new LinkedHashMap<>();
    all.put("id", id);
    all.put("kind", kind.id());
    all.put("source_id", sourceId);
    all.put("severity", severity.id());
    all.put("title", title);
    all.put("text", text);
    all.put("created_at", createdAt == null ? null : createdAt.toString());
    if (fields != null) {
      fields.forEach((k, v) -> all.putIfAbsent(k, v));
    }
    all.values().removeIf(Objects::isNull);
    fields = Collections.unmodifiableMap(all);
  }

  /**
   * The same notification, stamped with the time it was written (the event's own time stays in its
   * fields).
   */
  public Notification withCreatedAt(Instant at) {
    return new Notification(id, kind, sourceId, severity, title, text, fields, at);
  }

  public static Notification of(
      NotificationKind kind,
      String sourceId,
      Severity severity,
      String title,
      String text,
      Map<String, String> fields,
      Instant createdAt) {
    return new Notification(
        kind.id() + ":" + sourceId, kind, sourceId, severity, title, text, fields, createdAt);
  }
}
