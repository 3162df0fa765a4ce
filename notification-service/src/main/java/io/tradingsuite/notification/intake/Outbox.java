package io.tradingsuite.notification.intake;

import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.WebhookConfig;
import io.tradingsuite.notification.domain.WebhookEndpoint;
import io.tradingsuite.notification.store.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes a notification and one outbox row per target (each Telegram chat, each webhook that wants
 * its kind) on the caller's connection, so they commit with whatever caused them. Delivery happens
 * later ({@link io.tradingsuite.notification.delivery.DeliveryWorker}).
 */
@ApplicationScoped
public class Outbox {
  public static final String TELEGRAM = "telegram";
  public static final String WEBHOOK = "webhook";

  /** Telegram refuses longer messages. */
  static final int TELEGRAM_MAX = 4000;

  @Inject NotificationStore store;
  @Inject NotificationSettings settings;

  /** Returns false (and writes nothing) when this notification exists already. */
  public boolean enqueue(Connection c, Notification event, Instant now) throws SQLException {
    Notification n = event.withCreatedAt(now);
    if (!store.insertNotification(c, n)) {
      return false;
    }
    if (settings.telegramEnabled()) {
      String text =
          n.text().length() > TELEGRAM_MAX ? n.text().substring(0, TELEGRAM_MAX) + "..." : n.text();
      for (String chat : settings.chatIds()) {
        store.insertDelivery(c, n.id(), TELEGRAM, chat, text, now);
      }
    }
    for (WebhookEndpoint w : settings.webhooks()) {
      if (w.wants(n.kind())) {
        store.insertDelivery(c, n.id(), WEBHOOK, w.name(), WebhookConfig.body(w, n), now);
      }
    }
    return true;
  }
}
