package io.tradingsuite.notification.history;

import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.intake.Outbox;
import io.tradingsuite.notification.store.NotificationStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What operators can ask of the notification log over REST: what was told, what could not be
 * delivered (and sending it again), incidents, delivery counts, and queueing a test message.
 */
@ApplicationScoped
public class NotificationHistory {
  @Inject NotificationStore store;
  @Inject Outbox outbox;

  public List<NotificationStore.NotificationView> notifications(
      NotificationKind kind, Instant since, int limit) {
    return store.notifications(kind, since, limit);
  }

  public List<NotificationStore.DeadLetter> deadLetters(int limit) {
    return store.deadLetters(limit);
  }

  /** Puts a dead letter back in the queue; false when there is no such dead letter. */
  public boolean retry(long deadLetterId, Instant now) {
    return store.requeue(deadLetterId, now);
  }

  public List<NotificationStore.IncidentView> incidents(int limit) {
    return store.incidents(limit);
  }

  /** Deliveries by status. */
  public Map<String, Long> deliveryCounts() {
    return store.deliveryCounts();
  }

  /** Queues {@code n} for every target that wants its kind, in one transaction. */
  public void enqueue(Notification n, Instant now) {
    store.inTransaction(c -> outbox.enqueue(c, n, now));
  }
}
