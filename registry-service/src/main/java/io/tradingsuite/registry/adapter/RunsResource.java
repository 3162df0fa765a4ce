package io.tradingsuite.registry.adapter;

import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.registry.query.RegistryQueries;
import io.tradingsuite.registry.store.RegistryStore.BestEpoch;
import io.tradingsuite.registry.store.RegistryStore.Problem;
import io.tradingsuite.registry.store.RegistryStore.RunFilter;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Runs, the best hyperopt epoch per strategy, and indexing on demand. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class RunsResource {
  @Inject RegistryQueries registry;
  @Inject Indexer indexer;

  @GET
  @Path("/runs")
  @Operation(summary = "Indexed runs, filtered by kind, strategy and time, best first by order_by")
  public List<RunRecord> runs(
      @QueryParam("kind") String kind,
      @QueryParam("strategy") String strategy,
      @QueryParam("since") String since,
      @QueryParam("order_by") String orderBy,
      @QueryParam("limit") Integer limit) {
    String order = Params.blankToNull(orderBy);
    if (order != null && !registry.orders().contains(order)) {
      throw ProblemException.badRequest(
          "order_by", "must be one of " + registry.orders() + " (was " + orderBy + ")");
    }
    return registry.runs(
        new RunFilter(
            Params.kind(kind),
            Params.blankToNull(strategy),
            Params.since(since),
            order,
            Params.limit(limit, 100, 10_000)));
  }

  @GET
  @Path("/runs/{id}")
  @Operation(summary = "One run with its trades (backtest) or epochs (hyperopt) and per-pair rows")
  public RunRecord run(@PathParam("id") String id) {
    return registry.run(id).orElseThrow(() -> ProblemException.notFound("no run " + id));
  }

  @GET
  @Path("/strategies/{name}/best-epoch")
  @Operation(summary = "The lowest-loss hyperopt epoch of a strategy over all its hyperopt runs")
  public BestEpoch bestEpoch(@PathParam("name") String name) {
    return registry
        .bestEpoch(name)
        .orElseThrow(() -> ProblemException.notFound("no hyperopt epochs for strategy " + name));
  }

  @POST
  @Path("/index")
  @Operation(summary = "Scan backtest_results/ and hyperopt_results/ and index what is new")
  public Indexer.ScanSummary index() {
    return indexer.scan();
  }

  @GET
  @Path("/index/problems")
  @Operation(summary = "Files that could not be indexed, with the failing field")
  public List<Problem> problems() {
    return registry.problems();
  }
}
