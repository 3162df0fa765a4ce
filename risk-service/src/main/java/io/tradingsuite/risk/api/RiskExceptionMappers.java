package io.tradingsuite.risk.api;

import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.support.http.CorrelationIdFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Risk's own refusals: 409 with the refusing rule, 503 when its state cannot be read. */
public class RiskExceptionMappers {

  @ServerExceptionMapper
  public Response refused(RuleRefusedException e, UriInfo uri) {
    return new RuleProblem(
            "about:blank",
            "Conflict",
            409,
            e.getMessage(),
            uri.getPath(),
            e.rule(),
            CorrelationIdFilter.current())
        .toResponse();
  }

  @ServerExceptionMapper
  public Response unavailable(RiskService.StateUnavailableException e, UriInfo uri) {
    return new RuleProblem(
            "about:blank",
            "Service Unavailable",
            503,
            e.getMessage(),
            uri.getPath(),
            "RISK_STATE_UNAVAILABLE",
            CorrelationIdFilter.current())
        .toResponse();
  }
}
