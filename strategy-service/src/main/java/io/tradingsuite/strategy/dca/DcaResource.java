package io.tradingsuite.strategy.dca;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
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
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * DCA plans: create (201), list, read with history, delete, and simulate over stored candles.
 * Mutating calls need the API key like every other resource (service-support's ApiKeyFilter).
 */
@Path("/api/v1/dca-plans")
@Produces(MediaType.APPLICATION_JSON)
public class DcaResource {

  @Inject DcaService service;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Create a plan {pair, exchange?, timeframe?, stake_amount, schedule (cron text or"
              + " {every, unit: hours|days}), start?, end?, buy_the_dip? {multiplier, ma_period}};"
              + " 201 with the plan, 400 naming the field")
  public Response create(JsonNode body, @Context UriInfo uri) {
    Map<String, Object> plan = service.create(body);
    return Response.created(uri.getAbsolutePathBuilder().path((String) plan.get("id")).build())
        .entity(plan)
        .build();
  }

  @GET
  @Operation(summary = "Every plan with its status, next due time and a summary of its buys")
  public List<Map<String, Object>> list() {
    return service.list();
  }

  @GET
  @Path("/{id}")
  @Operation(
      summary =
          "One plan with its history, newest first: buys (sent, approved or denied with the rule,"
              + " filled) and missed due times")
  public Map<String, Object> get(
      @PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") String limit) {
    int n;
    try {
      n = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 10_000) {
      throw ProblemException.badRequest("limit", "must be a whole number from 1 to 10000");
    }
    return service.get(id, n);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Stop a plan (its history is kept); 204")
  public Response delete(@PathParam("id") String id) {
    service.delete(id);
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/simulate")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Backtest the plan over stored candles {timerange?, fee?}: buys, invested, amount,"
              + " average entry price, value at the last close, profit")
  public Map<String, Object> simulate(@PathParam("id") String id, JsonNode body) {
    return service.simulate(id, body);
  }
}
