package io.tradingsuite.risk.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.tradingsuite.support.http.Problem;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem with one extension member, {@code rule}: which guardrail refused (e.g. {@code
 * MAX_CONCURRENT_BACKTESTS}). service-support's Problem has no extension members, so risk keeps its
 * own shape here, with the same media type and the same standard members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleProblem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String rule,
    String correlationId) {

  public Response toResponse() {
    return Response.status(status).type(Problem.MEDIA_TYPE).entity(this).build();
  }
}
