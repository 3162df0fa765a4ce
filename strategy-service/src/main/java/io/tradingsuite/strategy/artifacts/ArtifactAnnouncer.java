package io.tradingsuite.strategy.artifacts;

import io.quarkus.logging.Log;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Announces a written result file on {@code registry.artifacts.v1} (channel {@value #CHANNEL}) so
 * registry-service indexes it. The path is relative to {@code suite.var-dir} (the shared artifacts
 * volume) and the id is derived from kind, path and digest, so announcing the same file twice is
 * one artifact to a deduplicating consumer. Keyed by strategy.
 */
@ApplicationScoped
public class ArtifactAnnouncer {

  public static final String CHANNEL = "artifacts-out";

  @Inject
  @Channel(CHANNEL)
  Emitter<ArtifactCreated> emitter;

  @ConfigProperty(name = "suite.var-dir", defaultValue = "var")
  Path varDir;

  /**
   * Publishes {@link ArtifactCreated} for {@code file}; completes with the message once the broker
   * has acknowledged it (acks=all), exceptionally if it could not be sent.
   */
  public CompletableFuture<ArtifactCreated> announce(
      ArtifactKind kind, String strategy, Path file) {
    String sha = ArtifactWriter.sha256(file);
    String path = relativePath(file);
    String id =
        "art-" + ArtifactWriter.sha256(kind.name() + "|" + path + "|" + sha).substring(0, 32);
    ArtifactCreated event = new ArtifactCreated(id, kind, strategy, path, sha, Instant.now());
    MessageValidator.validate(event);
    CompletableFuture<ArtifactCreated> acked = new CompletableFuture<>();
    Message<ArtifactCreated> msg =
        KafkaMessages.keyed(event, strategy)
            .withAck(
                () -> {
                  acked.complete(event);
                  return CompletableFuture.completedFuture(null);
                })
            .withNack(
                failure -> {
                  Log.warnf("artifact %s (%s) not announced: %s", id, path, failure.toString());
                  acked.completeExceptionally(failure);
                  return CompletableFuture.completedFuture(null);
                });
    emitter.send(msg);
    return acked;
  }

  /**
   * {@code file} relative to the var dir with forward slashes, or absolute when it lies outside it.
   */
  public String relativePath(Path file) {
    Path base = varDir.toAbsolutePath().normalize();
    Path f = file.toAbsolutePath().normalize();
    Path p = f.startsWith(base) ? base.relativize(f) : f;
    return p.toString().replace('\\', '/');
  }

  /** {@code backtest}/{@code hyperopt} as in the contract. */
  public static String wireName(ArtifactKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
