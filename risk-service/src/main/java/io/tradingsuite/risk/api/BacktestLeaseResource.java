package io.tradingsuite.risk.api;

import io.tradingsuite.risk.lease.LeaseService;
import io.tradingsuite.risk.store.Lease;
import io.tradingsuite.support.http.CorrelationIdFilter;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Concurrent-backtest leases: strategy-service takes one before a backtest or hyperopt and returns
 * it after.
 */
@Path("/api/v1/backtest-leases")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestLeaseResource {
  private static final Set<String> KINDS = Set.of("backtest", "hyperopt");

  public record LeaseRequest(String runId, String strategy, String kind) {}

  public record LeaseView(
      String id,
      String runId,
      String strategy,
      String kind,
      Instant createdAt,
      Instant expiresAt) {}

  public record ReleaseView(
      boolean released,
      boolean flagged,
      String id,
      String runId,
      BigDecimal maxDrawdown,
      BigDecimal maxAllowedDrawdown) {}

  @Inject LeaseService leases;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response acquire(LeaseRequest body) {
    if (body == null) {
      throw ProblemException.badRequest(
          "run_id", "a JSON body {\"run_id\", \"strategy\", \"kind\"} is required");
    }
    text("run_id", body.runId());
    text("strategy", body.strategy());
    String kind = body.kind() == null ? "backtest" : body.kind();
    if (!KINDS.contains(kind)) {
      throw ProblemException.badRequest(
          "kind", "must be backtest or hyperopt (was \"" + kind + "\")");
    }
    Lease l =
        leases.acquire(
            body.runId().strip(), body.strategy().strip(), kind, CorrelationIdFilter.current());
    return Response.status(201).entity(view(l)).build();
  }

  @GET
  public List<LeaseView> active() {
    return leases.active().stream().map(BacktestLeaseResource::view).toList();
  }

  @DELETE
  @Path("/{id}")
  public ReleaseView release(
      @PathParam("id") String id, @QueryParam("max_drawdown") String maxDrawdown) {
    BigDecimal dd = null;
    if (maxDrawdown != null && !maxDrawdown.isBlank()) {
      try {
        dd = new BigDecimal(maxDrawdown.strip());
      } catch (NumberFormatException e) {
        throw ProblemException.badRequest(
            "max_drawdown", "must be a number like 0.23 (was \"" + maxDrawdown + "\")");
      }
      if (dd.signum() < 0 || dd.compareTo(BigDecimal.ONE) > 0) {
        throw ProblemException.badRequest(
            "max_drawdown", "must be a ratio from 0 to 1 (0.23 = 23 %); was " + dd.toPlainString());
      }
    }
    LeaseService.Released r = leases.release(id, dd, CorrelationIdFilter.current());
    if (r == null) {
      throw ProblemException.notFound("no backtest lease " + id);
    }
    return new ReleaseView(
        r.released(),
        r.flagged(),
        r.lease().id(),
        r.lease().runId(),
        r.lease().maxDrawdown(),
        leases.maxAllowedDrawdown());
  }

  private static void text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ProblemException.badRequest(field, "is required");
    }
    if (value.length() > 255) {
      throw ProblemException.badRequest(field, "must be at most 255 characters");
    }
  }

  private static LeaseView view(Lease l) {
    return new LeaseView(l.id(), l.runId(), l.strategy(), l.kind(), l.createdAt(), l.expiresAt());
  }
}
