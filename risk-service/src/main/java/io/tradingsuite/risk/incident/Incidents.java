package io.tradingsuite.risk.incident;

import io.quarkus.logging.Log;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.contracts.RiskEventType;
import io.tradingsuite.risk.gate.DecisionPublisher;
import io.tradingsuite.risk.store.Incident;
import io.tradingsuite.risk.store.RiskStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.MDC;

/**
 * Incidents: a row in the {@code incidents} table (written inside the caller's transaction), then,
 * once committed, one structured log line and a {@code RiskEvent} on {@code risk.events.v1}.
 */
@ApplicationScoped
public class Incidents {
  @Inject RiskStore store;
  @Inject DecisionPublisher publisher;

  /** Inserts the incident; call inside the transaction of the change it reports. */
  /** Incidents newest first, optionally since a time and of one kind, at most {@code limit}. */
  public java.util.List<Incident> list(Instant since, String kind, int limit) throws SQLException {
    return store.incidents(since, kind, limit);
  }

  public Incident write(Incident i) throws SQLException {
    long id = store.insertIncident(i);
    return new Incident(
        id, i.at(), i.kind(), i.severity(), i.rule(), i.message(), i.context(), i.correlationId());
  }

  /**
   * After commit: the log line and the event ({@code type} INCIDENT, or a circuit-breaker change).
   */
  public void announce(Incident i, RiskEventType type, Instant until) {
    log(i);
    Map<String, String> ctx = new LinkedHashMap<>();
    ctx.put("incident_id", String.valueOf(i.id()));
    ctx.put("kind", i.kind());
    if (i.rule() != null) {
      ctx.put("rule", i.rule());
    }
    if (i.context() != null) {
      i.context().forEach((k, v) -> ctx.put(k, v == null ? "" : v));
    }
    RiskEvent event =
        new RiskEvent(
            UUID.randomUUID().toString(),
            type,
            i.message(),
            i.severity(),
            ctx,
            until != null && until.isAfter(i.at()) ? until : null,
            i.at());
    String corr = i.correlationId() != null ? i.correlationId() : UUID.randomUUID().toString();
    // the callback logs a failure; nothing waits for the publish
    var unused =
        publisher
            .publish(event, corr)
            .whenComplete(
                (ok, err) -> {
                  if (err != null) {
                    Log.errorf(
                        "risk event %s for incident %d not published: %s",
                        event.id(), i.id(), err.getMessage());
                  }
                });
  }

  /** One JSON log line (the JSON formatter adds the MDC fields) per incident. */
  private static void log(Incident i) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("incident_id", i.id());
    line.put("at", i.at().toString());
    line.put("kind", i.kind());
    line.put("severity", i.severity());
    line.put("rule", i.rule());
    line.put("message", i.message());
    line.put("context", i.context());
    line.put("correlation_id", i.correlationId());
    String json;
    try {
      json = MessageCodec.instance().mapper().writeValueAsString(line);
    } catch (Exception e) {
      json = line.toString();
    }
    MDC.put("incident_kind", i.kind());
    MDC.put("incident_severity", i.severity());
    try {
      if ("critical".equals(i.severity()) || "warning".equals(i.severity())) {
        Log.warnf("risk incident %s", json);
      } else {
        Log.infof("risk incident %s", json);
      }
    } finally {
      MDC.remove("incident_kind");
      MDC.remove("incident_severity");
    }
  }
}
