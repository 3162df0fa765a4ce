package io.tradingsuite.risk.store;

import java.time.Instant;
import java.util.Map;

/** One row of the incidents table. {@code id} is null until stored. */
public record Incident(
    Long id,
    Instant at,
    String kind,
    String severity,
    String rule,
    String message,
    Map<String, String> context,
    String correlationId) {}
