package io.tradingsuite.risk.api;

import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.risk.gate.DecisionPublisher;
import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.support.http.CorrelationIdFilter;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The same gate over REST: {@code POST /api/v1/signals} decides one signal exactly as if it came
 * from {@code strategy.signals.v1} (stored, deduplicated, published on {@code risk.decisions.v1})
 * and answers the decision. For operators and tests; strategies use the topic.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class SignalResource {
  @Inject RiskService risk;
  @Inject DecisionPublisher publisher;

  @POST
  @Path("/signals")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response decide(byte[] body) {
    if (body == null || body.length == 0) {
      throw ProblemException.badRequest("id", "a Signal JSON body is required");
    }
    // decode + validate with the contract codec: a bad field is a 400 naming it
    Signal s = MessageCodec.instance().decode(body, Signal.class);
    RiskService.Outcome o = risk.decide(List.of(s), System.nanoTime()).get(0);
    String corr = CorrelationIdFilter.current();
    try {
      publisher
          .publish(
              o.decision(),
              s,
              corr != null ? corr : UUID.randomUUID().toString(),
              io.opentelemetry.context.Context.current())
          .get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      // stored either way; a redelivery or a second POST re-emits it
      io.quarkus.logging.Log.warnf(
          "decision %s stored but not yet acknowledged by the broker: %s",
          o.decision().id(), e.getMessage());
    }
    return Response.status(o.fresh() ? 201 : 200).entity(encode(o.decision())).build();
  }

  @GET
  @Path("/decisions/{signalId}")
  public Response decision(@PathParam("signalId") String signalId) {
    RiskDecision d = risk.storedDecision(signalId);
    if (d == null) {
      throw ProblemException.notFound("no decision for signal " + signalId);
    }
    return Response.ok(encode(d)).build();
  }

  private static String encode(RiskDecision d) {
    return new String(MessageCodec.instance().encode(d), StandardCharsets.UTF_8);
  }
}
