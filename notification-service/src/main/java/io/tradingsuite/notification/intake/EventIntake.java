package io.tradingsuite.notification.intake;

import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.notification.config.NotificationSettings;
import io.tradingsuite.notification.domain.Messages;
import io.tradingsuite.notification.domain.Notification;
import io.tradingsuite.notification.domain.Position;
import io.tradingsuite.notification.store.NotificationStore;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Turns consumed events into notifications. For each message, in one transaction: record its id (a
 * redelivery stops here), update the trade ledger, write the notification and its outbox rows.
 * Events older than {@code suite.notify.max-age} when they reach the broker are recorded but not
 * told (a first start does not replay the topics' whole history to the operators' phones).
 */
@ApplicationScoped
public class EventIntake {
  private static final Logger LOG = Logger.getLogger(EventIntake.class);

  @Inject NotificationStore store;
  @Inject Outbox outbox;
  @Inject NotificationSettings settings;
  @Inject Clock clock;
  @Inject @Readiness SchemaMigrator schema; // qualified: it is the readiness check too

  /**
   * Consumers can get records before the schema is migrated (first start, database late): wait
   * here, on the consumer's worker thread, instead of failing the record into the DLQ.
   */
  void awaitSchema() {
    boolean logged = false;
    while (!schema.isMigrated()) {
      if (!logged) {
        LOG.info("waiting for the database schema before handling events");
        logged = true;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the database schema");
      }
    }
  }

  public void onFill(Fill fill, Instant brokerTime) {
    awaitSchema();
    Instant now = clock.instant();
    store.inTransaction(
        c -> {
          if (!store.markProcessed(c, Topics.FILLS + ":" + fill.id(), Topics.FILLS, now)) {
            LOG.debugf("fill %s already handled", fill.id());
            return null;
          }
          Optional<Notification> n = applyFill(c, fill, now);
          if (n.isPresent() && tellable(brokerTime, now) && settings.enabled(n.get().kind())) {
            outbox.enqueue(c, n.get(), now);
          }
          return null;
        });
  }

  /** Updates the ledger with a fill and returns what to tell about it. */
  private Optional<Notification> applyFill(Connection c, Fill fill, Instant now)
      throws SQLException {
    if (fill.status() == FillStatus.REJECTED || fill.status() == FillStatus.CANCELED) {
      return Optional.of(Messages.rejected(fill));
    }
    Optional<Position> known = store.position(c, fill.tradeId());
    if (fill.side() == OrderSide.BUY) {
      store.savePosition(c, known.map(p -> p.withEntry(fill)).orElseGet(() -> Position.open(fill)));
      return Optional.of(Messages.entry(fill));
    }
    if (known.isEmpty()) {
      return Optional.of(Messages.exit(fill, new Position.Exit(null, null, null, false)));
    }
    Position.Exit exit = known.get().applyExit(fill, now);
    store.savePosition(c, exit.after());
    return Optional.of(Messages.exit(fill, exit));
  }

  public void onRiskEvent(RiskEvent event, Instant brokerTime) {
    awaitSchema();
    Instant now = clock.instant();
    store.inTransaction(
        c -> {
          if (!store.markProcessed(
              c, Topics.RISK_EVENTS + ":" + event.id(), Topics.RISK_EVENTS, now)) {
            return null;
          }
          Notification n = Messages.riskEvent(event);
          boolean loudEnough =
              event.type() != RiskEventType.INCIDENT
                  || n.severity().atLeast(settings.incidentMinSeverity());
          if (loudEnough && tellable(brokerTime, now) && settings.enabled(n.kind())) {
            outbox.enqueue(c, n, now);
          }
          return null;
        });
  }

  public void onArtifact(ArtifactCreated artifact, Instant brokerTime) {
    awaitSchema();
    Instant now = clock.instant();
    store.inTransaction(
        c -> {
          if (!store.markProcessed(
              c, Topics.ARTIFACTS + ":" + artifact.id(), Topics.ARTIFACTS, now)) {
            return null;
          }
          Notification n = Messages.artifact(artifact);
          if (tellable(brokerTime, now) && settings.enabled(n.kind())) {
            outbox.enqueue(c, n, now);
          }
          return null;
        });
  }

  private boolean tellable(Instant brokerTime, Instant now) {
    return brokerTime == null || !brokerTime.isBefore(now.minus(settings.maxAge()));
  }
}
