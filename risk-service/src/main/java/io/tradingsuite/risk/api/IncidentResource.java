package io.tradingsuite.risk.api;

import io.tradingsuite.risk.gate.RiskService;
import io.tradingsuite.risk.incident.Incidents;
import io.tradingsuite.risk.store.Incident;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /api/v1/incidents?since=&kind=&limit=}: newest first. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {
  @Inject Incidents incidents;

  @GET
  public List<Incident> list(
      @QueryParam("since") String since,
      @QueryParam("kind") String kind,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    Instant from = parseSince(since);
    if (kind != null && !kind.matches("[a-z_]{1,64}")) {
      throw ProblemException.badRequest(
          "kind", "must be an incident kind like circuit_breaker (lower case and _)");
    }
    int n;
    try {
      n = Integer.parseInt(limit);
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > 1000) {
      throw ProblemException.badRequest("limit", "must be a whole number from 1 to 1000");
    }
    try {
      return incidents.list(from, kind == null || kind.isBlank() ? null : kind, n);
    } catch (SQLException e) {
      throw new RiskService.StateUnavailableException();
    }
  }

  static Instant parseSince(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw ProblemException.badRequest(
            "since",
            "must be an ISO-8601 time like 2024-01-01T00:00:00Z or a date"
                + " like 2024-01-01 (was \""
                + (since.length() > 40 ? since.substring(0, 40) : since)
                + "\")");
      }
    }
  }
}
