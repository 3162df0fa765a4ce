package io.tradingsuite.strategy.rest;

import io.tradingsuite.strategy.builtin.StrategyRegistry;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The strategies this service can run, with their settings and hyperoptable parameters. */
@Path("/api/v1/strategies")
@Produces(MediaType.APPLICATION_JSON)
public class StrategyResource {

  @Inject StrategyRegistry registry;

  @GET
  @Operation(
      summary =
          "Strategies with timeframe, stoploss, minimal_roi and parameters (kind, space, bounds, default)")
  public List<StrategyRegistry.StrategyDescriptor> list() {
    return registry.describe();
  }
}
