package io.tradingsuite.support.db;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.Flyway;

/**
 * Applies the Flyway migrations at start-up, and keeps retrying in the background when the database
 * is unreachable, so the service still starts, serves REST and reports itself not ready (instead of
 * failing to boot, which is what {@code migrate-at-start} does).
 */
@ApplicationScoped
@Readiness
public class SchemaMigrator implements HealthCheck {
  private static final long RETRY_SECONDS = 5;

  @Inject Instance<Flyway> flyway;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  private volatile boolean migrated;
  private volatile String lastError = "not attempted yet";
  private ScheduledExecutorService retry;

  void onStart(@Observes StartupEvent ignored) {
    createSqliteDirectory();
    if (!tryMigrate()) {
      retry =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "schema-migration-retry");
                t.setDaemon(true);
                return t;
              });
      // stopped by shutting the executor down, so the future is not needed
      var unused =
          retry.scheduleWithFixedDelay(
              () -> {
                if (tryMigrate()) {
                  retry.shutdown();
                }
              },
              RETRY_SECONDS,
              RETRY_SECONDS,
              TimeUnit.SECONDS);
    }
  }

  void onStop(@Observes ShutdownEvent ignored) {
    if (retry != null) {
      retry.shutdownNow();
    }
  }

  public boolean isMigrated() {
    return migrated;
  }

  private synchronized boolean tryMigrate() {
    if (migrated) {
      return true;
    }
    try {
      var result = flyway.get().migrate();
      migrated = true;
      lastError = null;
      Log.infof("database schema ready (%d migrations applied now)", result.migrationsExecuted);
      return true;
    } catch (RuntimeException e) {
      lastError = rootMessage(e);
      Log.warnf("database not ready, retrying in %ds: %s", RETRY_SECONDS, lastError);
      return false;
    }
  }

  /** SQLite creates the file but not its directory. */
  private void createSqliteDirectory() {
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:sqlite:")) {
      return;
    }
    String file = jdbcUrl.substring("jdbc:sqlite:".length());
    int q = file.indexOf('?');
    if (q >= 0) {
      file = file.substring(0, q);
    }
    if (file.isBlank() || file.startsWith(":memory:")) {
      return;
    }
    Path parent = Path.of(file).toAbsolutePath().getParent();
    try {
      Files.createDirectories(parent);
    } catch (Exception e) {
      lastError = "cannot create database directory " + parent + ": " + e.getMessage();
    }
  }

  @Override
  public HealthCheckResponse call() {
    var builder = HealthCheckResponse.named("database schema").withData("url", redact(jdbcUrl));
    return migrated
        ? builder.up().build()
        : builder.down().withData("error", String.valueOf(lastError)).build();
  }

  private static String redact(String url) {
    return url == null ? "none" : url.replaceAll("password=[^&;]*", "password=***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
