package io.tradingsuite.registry.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.registry.query.RegistryQueries;
import io.tradingsuite.registry.report.ResultsReport;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The results report (Markdown, JSON, HTML with SVG) and the strategies document. */
@Path("/api/v1/reports")
public class ReportsResource {
  @Inject RegistryQueries registry;
  @Inject ObjectMapper json;

  @ConfigProperty(name = "registry.strategy-url")
  String strategyUrl;

  @GET
  @Path("/results")
  @Operation(
      summary =
          "Per-strategy comparison and runs; every decimal with 8 places; HTML has equity/drawdown SVGs")
  public Response results(
      @QueryParam("format") String format,
      @QueryParam("kind") String kind,
      @QueryParam("strategy") String strategy,
      @QueryParam("since") String since,
      @QueryParam("limit") Integer limit) {
    String f = format == null || format.isBlank() ? "md" : format;
    ResultsReport report =
        registry.results(
            Params.kind(kind),
            Params.blankToNull(strategy),
            Params.since(since),
            Params.limit(limit, 50, 1000),
            Instant.now());
    return switch (f) {
      case "md", "markdown" ->
          Response.ok(report.markdown(), "text/markdown; charset=utf-8").build();
      case "json" -> Response.ok(report.json(), "application/json").build();
      case "html" -> Response.ok(report.html(), "text/html; charset=utf-8").build();
      default ->
          throw ProblemException.badRequest(
              "format", "must be md, json or html (was " + format + ")");
    };
  }

  @GET
  @Path("/strategies")
  @Operation(
      summary =
          "docs/STRATEGIES.md: strategies from strategy-service (when reachable) and their best runs")
  public Response strategies() {
    JsonNode described = null;
    String why = null;
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(strategyUrl + "/api/v1/strategies"))
                  .timeout(Duration.ofSeconds(5))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        described = json.readTree(r.body());
      } else {
        why = "HTTP " + r.statusCode();
      }
    } catch (IOException e) {
      why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      why = "interrupted";
    } catch (IllegalArgumentException e) {
      why = "bad registry.strategy-url " + strategyUrl;
    }
    return Response.ok(
            registry.strategiesDoc(described, why, Instant.now()), "text/markdown; charset=utf-8")
        .build();
  }
}
