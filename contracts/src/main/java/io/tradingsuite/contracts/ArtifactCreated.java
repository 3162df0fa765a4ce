package io.tradingsuite.contracts;

import java.time.Instant;

/**
 * A backtest or hyperopt result file, published on {@link Topics#ARTIFACTS}. {@code path} must be
 * readable by registry-service; {@code sha256} is the file's digest in 64 lower-case hex digits.
 */
public record ArtifactCreated(
    String id, ArtifactKind kind, String strategy, String path, String sha256, Instant createdAt)
    implements ContractMessage {

  @Override
  public String messageId() {
    return id;
  }
}
