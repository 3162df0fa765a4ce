package io.tradingsuite.risk.api;

import io.tradingsuite.risk.domain.CircuitBreaker;
import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.support.http.CorrelationIdFilter;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;

/** The circuit breaker: status, enable (reason, optional minutes that auto-expire), disable. */
@Path("/api/v1/circuit-breaker")
@Produces(MediaType.APPLICATION_JSON)
public class CircuitBreakerResource {
  /** One year: a longer halt is "until disabled" (omit minutes). */
  static final BigDecimal MAX_MINUTES = BigDecimal.valueOf(525_600);

  public record EnableRequest(String reason, BigDecimal minutes) {}

  public record DisableRequest(String reason) {}

  public record Status(
      boolean enabled,
      String tradingState,
      String reason,
      Instant changedAt,
      Instant until,
      Long remainingSeconds,
      boolean allowWhenCb) {}

  @Inject RiskService risk;

  @GET
  public Status status() {
    risk.tick(); // a lapsed breaker is disabled (and announced) before anyone is told it is off
    return risk.withBook(e -> toStatus(e.circuitBreaker(), e.tradingState(risk.now()).name()));
  }

  @POST
  @Path("/enable")
  @Consumes(MediaType.APPLICATION_JSON)
  public Status enable(EnableRequest body) {
    if (body == null) {
      throw ProblemException.badRequest(
          "reason", "a JSON body {\"reason\": ..., \"minutes\": ...} is required");
    }
    if (body.reason() == null || body.reason().isBlank()) {
      throw ProblemException.badRequest("reason", "is required: say why trading is halted");
    }
    if (body.reason().length() > 500) {
      throw ProblemException.badRequest("reason", "must be at most 500 characters");
    }
    if (body.minutes() != null
        && (body.minutes().signum() <= 0 || body.minutes().compareTo(MAX_MINUTES) > 0)) {
      throw ProblemException.badRequest(
          "minutes",
          "must be > 0 and <= 525600 (omit it to halt until disabled); was "
              + body.minutes().toPlainString());
    }
    risk.enableCircuitBreaker(body.reason().strip(), body.minutes(), CorrelationIdFilter.current());
    return status();
  }

  @POST
  @Path("/disable")
  public Status disable(DisableRequest body) {
    String why =
        body == null || body.reason() == null || body.reason().isBlank()
            ? "disabled by operator"
            : body.reason().strip();
    if (why.length() > 500) {
      throw ProblemException.badRequest("reason", "must be at most 500 characters");
    }
    risk.disableCircuitBreaker(why, CorrelationIdFilter.current());
    return status();
  }

  private Status toStatus(CircuitBreaker cb, String state) {
    Instant now = risk.now();
    boolean open = cb.openAt(now);
    Long remaining =
        open && cb.until() != null
            ? Math.max(0, cb.until().getEpochSecond() - now.getEpochSecond())
            : null;
    return new Status(
        open,
        state,
        cb.reason(),
        cb.changedAt(),
        open ? cb.until() : null,
        remaining,
        risk.config().allowWhenCb());
  }
}
