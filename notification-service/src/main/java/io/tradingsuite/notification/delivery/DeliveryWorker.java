package io.tradingsuite.notification.delivery;

import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.DeliveryResult;
import io.tradingsuite.notification.domain.RetryPolicy;
import io.tradingsuite.notification.domain.WebhookEndpoint;
import io.tradingsuite.notification.intake.Outbox;
import io.tradingsuite.notification.store.NotificationStore;
import io.tradingsuite.notification.store.NotificationStore.Due;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Delivers the outbox: every second, the due rows are claimed and sent in parallel (bounded by
 * {@code suite.delivery.parallelism}), each with the HTTP timeout. A failure is retried with the
 * {@link RetryPolicy}'s backoff; after the last attempt, or at once when the receiver refuses the
 * request as such (4xx), the row becomes a dead letter ({@code GET
 * /api/v1/notifications/dead-letters}). This runs beside the Kafka consumers and never holds them
 * up.
 */
@ApplicationScoped
public class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  @Inject NotificationStore store;
  @Inject NotificationSettings settings;
  @Inject TelegramClient telegram;
  @Inject WebhookSender webhooks;
  @Inject Clock clock;
  @Inject @Readiness SchemaMigrator schema; // qualified: it is the readiness check too

  private ExecutorService pool;

  @PostConstruct
  void start() {
    pool =
        Executors.newFixedThreadPool(
            Math.max(1, settings.parallelism()),
            r -> {
              Thread t = new Thread(r, "notification-delivery");
              t.setDaemon(true);
              return t;
            });
  }

  @PreDestroy
  void stop() {
    pool.shutdownNow();
  }

  @Scheduled(
      every = "${suite.delivery.poll:1s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!schema.isMigrated()) {
      return;
    }
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.warnf("delivery round failed: %s", e.getMessage());
    }
  }

  /** One round: claims and sends what is due now; returns how many attempts were made. */
  public int deliverDue() {
    Instant now = clock.instant();
    // the lease outlasts the send (timeout) so nobody else takes the row while it is in flight
    Instant lease = now.plus(settings.httpTimeout()).plus(Duration.ofSeconds(30));
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    for (Due d : store.due(now, settings.batch())) {
      if (store.claim(d, now, lease)) {
        inFlight.add(CompletableFuture.runAsync(() -> attempt(d), pool));
      }
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
        .orTimeout(settings.httpTimeout().toMillis() * 2 + 5_000, TimeUnit.MILLISECONDS)
        .exceptionally(e -> null)
        .join();
    return inFlight.size();
  }

  private void attempt(Due d) {
    DeliveryResult result;
    try {
      result = send(d);
    } catch (RuntimeException e) {
      result = DeliveryResult.transientFailure(e.getClass().getSimpleName());
    }
    int attempts = d.attempts() + 1;
    Instant now = clock.instant();
    RetryPolicy policy = settings.retryPolicy();
    switch (result.outcome()) {
      case DELIVERED -> store.recordAttempt(d.id(), "delivered", attempts, now, null, now);
      case PERMANENT_FAILURE -> dead(d, attempts, result.error(), now);
      case TRANSIENT_FAILURE -> {
        Optional<Duration> wait = policy.delayAfter(attempts);
        if (wait.isPresent()) {
          store.recordAttempt(
              d.id(), "pending", attempts, now.plus(wait.get()), result.error(), now);
          LOG.debugf(
              "delivery %d (%s %s) failed, attempt %d, retry in %s: %s",
              d.id(), d.channel(), d.target(), attempts, wait.get(), result.error());
        } else {
          dead(d, attempts, result.error(), now);
        }
      }
    }
  }

  private void dead(Due d, int attempts, String error, Instant now) {
    store.recordAttempt(d.id(), "dead", attempts, now, error, now);
    LOG.warnf(
        "dead letter: notification %s to %s %s after %d attempt(s): %s",
        d.notificationId(), d.channel(), d.target(), attempts, error);
  }

  private DeliveryResult send(Due d) {
    if (Outbox.TELEGRAM.equals(d.channel())) {
      if (!settings.telegramEnabled()) {
        return DeliveryResult.permanentFailure(
            "telegram is not configured (TELEGRAM_BOT_TOKEN is empty)");
      }
      return telegram.sendMessage(d.target(), d.payload());
    }
    Optional<WebhookEndpoint> endpoint = settings.webhook(d.target());
    if (endpoint.isEmpty()) {
      return DeliveryResult.permanentFailure("webhook " + d.target() + " is no longer configured");
    }
    return webhooks.send(endpoint.get(), d.payload());
  }
}
