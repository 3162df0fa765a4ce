package io.tradingsuite.registry.adapter;

import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.support.http.ProblemException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;

/** Query parameters read strictly: a bad one is a 400 naming it. */
final class Params {
  private Params() {}

  static ArtifactKind kind(String kind) {
    if (kind == null || kind.isBlank()) {
      return null;
    }
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "backtest" -> ArtifactKind.BACKTEST;
      case "hyperopt" -> ArtifactKind.HYPEROPT;
      default ->
          throw ProblemException.badRequest(
              "kind", "must be backtest or hyperopt (was " + kind + ")");
    };
  }

  /** {@code 2024-01-01T00:00:00Z} or a day {@code 2024-01-01} (its start, UTC). */
  static Instant since(String since) {
    if (since == null || since.isBlank()) {
      return null;
    }
    try {
      return since.length() == 10
          ? LocalDate.parse(since).atStartOfDay().toInstant(ZoneOffset.UTC)
          : Instant.parse(since);
    } catch (DateTimeException e) {
      throw ProblemException.badRequest(
          "since",
          "must be an ISO-8601 UTC time like 2024-01-01T00:00:00Z or a day like 2024-01-01");
    }
  }

  static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  static int limit(Integer limit, int dflt, int max) {
    if (limit == null) {
      return dflt;
    }
    if (limit < 1 || limit > max) {
      throw ProblemException.badRequest(
          "limit", "must be between 1 and " + max + " (was " + limit + ")");
    }
    return limit;
  }
}
