package io.tradingsuite.support.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Mutating API calls need {@code X-API-Key} equal to {@code SUITE_API_KEY}. With no key configured
 * every mutating call is refused: an unprotected service must not accept orders or config changes.
 */
public class ApiKeyFilter {
  public static final String HEADER = "X-API-Key";
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  @Inject
  @ConfigProperty(name = "suite.api-key")
  Optional<String> apiKey;

  // pre-matching: an unknown path without a key is a 401, not a hint about which paths exist
  @ServerRequestFilter(preMatching = true, priority = 10)
  public Optional<Response> check(ContainerRequestContext request) {
    if (!MUTATING.contains(request.getMethod())
        || !request.getUriInfo().getPath().startsWith("/api/")) {
      return Optional.empty();
    }
    String expected = apiKey.filter(k -> !k.isBlank()).orElse(null);
    if (expected == null) {
      return Optional.of(
          unauthorized(
              "this service has no SUITE_API_KEY configured; mutating calls are refused", request));
    }
    String given = request.getHeaderString(HEADER);
    if (given == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(unauthorized("missing or wrong " + HEADER + " header", request));
    }
    return Optional.empty();
  }

  private static Response unauthorized(String detail, ContainerRequestContext request) {
    return Problem.of(Response.Status.UNAUTHORIZED, detail)
        .withInstance(request.getUriInfo().getPath())
        .withCorrelationId(CorrelationIdFilter.current())
        .toResponse();
  }
}
