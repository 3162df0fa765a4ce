package io.tradingsuite.strategy.rest;

import io.tradingsuite.strategy.backtest.BacktestRequest;
import io.tradingsuite.strategy.backtest.BacktestRun;
import io.tradingsuite.strategy.backtest.BacktestService;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Backtests as a service: submit (202 with an id), then poll status, progress and the
 * Freqtrade-named result.
 */
@Path("/api/v1/backtests")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

  @Inject BacktestService service;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Start a backtest (DESIGN.md body); 202 with its id. Bad requests get 400 naming the field.")
  public Response submit(BacktestRequest request, @Context UriInfo uri) {
    BacktestRun run = service.submit(request);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", run.id());
    body.put("status", run.status().wireName());
    return Response.accepted(body)
        .location(uri.getAbsolutePathBuilder().path(run.id()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary =
          "Status (queued/running/done/failed/refused), progress in percent, and the result when done")
  public Map<String, Object> get(@PathParam("id") String id) {
    BacktestRun run =
        service.find(id).orElseThrow(() -> ProblemException.notFound("no backtest " + id));
    return view(run);
  }

  static Map<String, Object> view(BacktestRun run) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("status", run.status().wireName());
    m.put("progress", run.progress());
    m.put("strategy", run.strategy());
    m.put("exchange", run.exchange());
    m.put("pairs", run.pairs());
    m.put("timeframe", run.timeframe());
    m.put("created_at", run.createdAt());
    m.put("started_at", run.startedAt());
    m.put("finished_at", run.finishedAt());
    if (run.detail() != null) {
      m.put("detail", run.detail());
    }
    if (run.artifact() != null) {
      m.put("artifact", run.artifact());
    }
    if (run.result() != null) {
      m.put("result", run.result());
    } else if (run.resultJson() != null) {
      // read back from the store: the JSON exactly as it was shown before
      m.put("result", new com.fasterxml.jackson.databind.util.RawValue(run.resultJson()));
    }
    return m;
  }
}
