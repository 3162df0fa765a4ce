package io.tradingsuite.notification.intake;

import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.ClosedTrade;
import io.tradingsuite.notification.domain.Messages;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.NotificationKind;
import io.tradingsuite.notification.store.NotificationStore;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.Readiness;

/**
 * Once a day, after {@code suite.notify.daily-summary-at} (UTC), tells yesterday's closed trades
 * and profit. Checked every few minutes rather than fired once, so a service that was down at that
 * moment still sends it when it comes back; the day is recorded as processed, so never twice.
 */
@ApplicationScoped
public class DailySummaryJob {
  @Inject NotificationStore store;
  @Inject Outbox outbox;
  @Inject NotificationSettings settings;
  @Inject Clock clock;
  @Inject @Readiness SchemaMigrator schema; // qualified: it is the readiness check too

  @Scheduled(
      every = "${suite.notify.daily-summary-check:5m}",
      delayed = "30s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    if (!schema.isMigrated()) {
      return;
    }
    runAt(clock.instant());
  }

  /** Sends the summary due at {@code now}, if any and not sent yet; returns it. */
  public Optional<Notification> runAt(Instant now) {
    if (!settings.enabled(NotificationKind.DAILY_SUMMARY)) {
      return Optional.empty();
    }
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    LocalTime time = now.atZone(ZoneOffset.UTC).toLocalTime();
    if (time.isBefore(settings.dailySummaryAt())) {
      return Optional.empty();
    }
    return summarize(today.minusDays(1), now);
  }

  /** Sends the summary of {@code day} (UTC) unless it was sent before. */
  public Optional<Notification> summarize(LocalDate day, Instant now) {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    // read first (outside the transaction: one connection on SQLite), then claim the day and write
    List<ClosedTrade> closed = store.closedBetween(from, to);
    int open = store.openTrades();
    Notification n = Messages.dailySummary(day, closed, open, now);
    return store.inTransaction(
        c -> {
          if (!store.markProcessed(c, "daily-summary:" + day, "daily-summary", now)) {
            return Optional.empty();
          }
          outbox.enqueue(c, n, now);
          return Optional.of(n);
        });
  }
}
