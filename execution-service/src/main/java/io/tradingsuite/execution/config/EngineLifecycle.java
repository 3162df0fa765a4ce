package io.tradingsuite.execution.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.kafka.FillPublisher;
import io.tradingsuite.execution.live.LiveDispatcher;
import io.tradingsuite.support.db.SchemaMigrator;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.Readiness;

/**
 * Start-up: the live-mode check (fails the start), then - once the schema is migrated - the paper
 * wallet, reconciliation of orders left SENT/UNKNOWN/OPEN, and the re-publication of fills whose
 * publish was not acknowledged. Consumers call {@link #awaitReady()} first, so no message is
 * handled before.
 */
@ApplicationScoped
public class EngineLifecycle {
  @Inject @Readiness SchemaMigrator migrator;
  @Inject ExecutionEngine engine;
  @Inject EngineSettings settings;
  @Inject FillPublisher publisher;
  @Inject LiveDispatcher live;

  private volatile boolean ready;

  void onStart(@Observes @Priority(3000) StartupEvent ignored) {
    Log.infof(
        "execution-service in %s mode, exchanges %s, stake currency %s, fee %s",
        settings.mode(),
        settings.exchanges(),
        settings.stakeCurrency(),
        settings.fee().toPlainString());
    if (migrator.isMigrated()) {
      prepare();
    }
  }

  /**
   * Blocks until the database is migrated and reconciliation ran (bounded: then throws, and the
   * message is retried).
   */
  public void awaitReady() {
    if (ready) {
      return;
    }
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (!migrator.isMigrated()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("database schema not ready");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the database", e);
      }
    }
    prepare();
  }

  private synchronized void prepare() {
    if (ready) {
      return;
    }
    engine.initWallet();
    var paper = engine.reconcilePaper();
    publisher.publish(paper.fills());
    live.reconcile();
    publisher.republishPending(0);
    ready = true;
    Log.info("execution-service ready: wallet, open orders and fill outbox reconciled");
  }

  public boolean isReady() {
    return ready;
  }
}
