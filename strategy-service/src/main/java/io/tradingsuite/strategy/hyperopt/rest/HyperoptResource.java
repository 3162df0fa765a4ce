package io.tradingsuite.strategy.hyperopt.rest;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Hyperopt as a service: submit (202 with an id), poll progress and the best epoch, list epochs,
 * cancel.
 */
@Path("/api/v1/hyperopts")
@Produces(MediaType.APPLICATION_JSON)
public class HyperoptResource {

  @Inject HyperoptService service;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Start a search: the backtest body plus spaces, epochs, loss, random_state, jobs, min_trades "
              + "(and sampler, bounds, batch_size, resume, disable_param_export); 202 with its id")
  public Response submit(JsonNode body, @Context UriInfo uri) {
    HyperoptRun run = service.submit(body);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", run.id());
    m.put("status", run.status().wireName());
    m.put("random_state", run.view().get("random_state"));
    m.put("file", run.view().get("file"));
    return Response.accepted(m)
        .location(uri.getAbsolutePathBuilder().path(run.id()).build())
        .build();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary =
          "Status, progress (epoch/total), best loss, epochs/s, ETA and the best epoch with its params")
  public Map<String, Object> get(@PathParam("id") String id) {
    return find(id).view();
  }

  @GET
  @Path("/{id}/epochs")
  @Operation(
      summary = "Epochs after ?after=N (1-based), at most ?limit (default 1000), without trades")
  public List<HyperoptRun.EpochLine> epochs(
      @PathParam("id") String id,
      @QueryParam("after") Integer after,
      @QueryParam("limit") Integer limit) {
    int a = after == null ? 0 : after;
    int l = limit == null ? 1000 : limit;
    if (a < 0) {
      throw ProblemException.badRequest("after", "must be >= 0");
    }
    if (l < 1 || l > 10000) {
      throw ProblemException.badRequest("limit", "must be in [1, 10000]");
    }
    return find(id).epochsAfter(a, l);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Cancel a run (it stops after the current batch; resumable from its file)")
  public Map<String, Object> cancel(@PathParam("id") String id) {
    HyperoptRun run = find(id);
    run.requestCancel();
    return run.view();
  }

  private HyperoptRun find(String id) {
    return service.find(id).orElseThrow(() -> ProblemException.notFound("no hyperopt run " + id));
  }
}
