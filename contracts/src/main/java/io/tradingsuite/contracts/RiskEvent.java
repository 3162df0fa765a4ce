package io.tradingsuite.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A circuit-breaker change or an incident, published on {@link Topics#RISK_EVENTS}. A non-null
 * {@code context} is copied unmodifiable.
 *
 * @param severity nullable: info, warning or critical
 * @param context nullable
 * @param until nullable; when an enabled circuit breaker lapses
 */
public record RiskEvent(
    String id,
    RiskEventType type,
    String reason,
    String severity,
    Map<String, String> context,
    Instant until,
    Instant at)
    implements ContractMessage {

  public RiskEvent {
    context = context == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(context));
  }

  @Override
  public String messageId() {
    return id;
  }
}
