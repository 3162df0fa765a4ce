package io.tradingsuite.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Risk-service's answer to a signal, published on {@link Topics#DECISIONS}. Approved: carries the
 * {@code order}, which execution-service may place until {@code expiresAt}. Denied: names the
 * {@code rule} and carries no order. {@code reasons} are {@code key=value} context strings; a null
 * list becomes empty and the list is copied unmodifiable.
 *
 * @param rule nullable when approved
 * @param order required when approved, null when denied
 */
public record RiskDecision(
    String id,
    String signalId,
    boolean approved,
    String rule,
    List<String> reasons,
    Order order,
    Instant decidedAt,
    Instant expiresAt)
    implements ContractMessage {

  public RiskDecision {
    reasons = reasons == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(reasons));
  }

  @Override
  public String messageId() {
    return id;
  }

  /**
   * True once {@code now} has reached {@code expiresAt}: execution-service must not act on it any
   * more.
   */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiresAt);
  }
}
