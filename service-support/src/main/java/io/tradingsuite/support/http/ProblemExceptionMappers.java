package io.tradingsuite.support.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.logging.Log;
import io.tradingsuite.contracts.InvalidMessageException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error leaves a service as RFC 9457 problem+json. Bad input is a 400 that names the field;
 * only a real fault is a 500, and its detail never leaks internals.
 */
public class ProblemExceptionMappers {

  @ServerExceptionMapper
  public Response problem(ProblemException e, UriInfo uri) {
    Response.Status status = Response.Status.fromStatusCode(e.status());
    String title = status == null ? "Error" : status.getReasonPhrase();
    return finish(
        new Problem("about:blank", title, e.status(), e.getMessage(), null, e.field(), null, null),
        uri);
  }

  @ServerExceptionMapper
  public Response invalidMessage(InvalidMessageException e, UriInfo uri) {
    return finish(Problem.badRequest(e.field(), e.getMessage()), uri);
  }

  @ServerExceptionMapper
  public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
    List<Problem.FieldError> errors =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.FieldError::field))
            .toList();
    String detail =
        errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    String field = errors.isEmpty() ? null : errors.get(0).field();
    return finish(Problem.badRequest(field, detail).withErrors(errors), uri);
  }

  /** Malformed JSON, a wrong type, or a record constructor that refused its arguments. */
  @ServerExceptionMapper(priority = 1)
  public Response badJson(JsonProcessingException e, UriInfo uri) {
    String field = null;
    if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
      field =
          jme.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
    }
    String reason = e.getOriginalMessage();
    if (e instanceof ValueInstantiationException && e.getCause() != null) {
      reason = e.getCause().getMessage();
    }
    String detail = field == null ? "malformed JSON: " + reason : field + ": " + reason;
    return finish(Problem.badRequest(field, detail), uri);
  }

  // The more specific Jackson types have built-in mappers that answer plain JSON; these win over
  // them.
  @ServerExceptionMapper(priority = 1)
  public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
    return badJson(e, uri);
  }

  @ServerExceptionMapper(priority = 1)
  public Response unparsable(JsonParseException e, UriInfo uri) {
    return badJson(e, uri);
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e, UriInfo uri) {
    int status = e.getResponse().getStatus();
    Response.Status s = Response.Status.fromStatusCode(status);
    String title = s == null ? "Error" : s.getReasonPhrase();
    return finish(
        new Problem("about:blank", title, status, e.getMessage(), null, null, null, null), uri);
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e, UriInfo uri) {
    Log.errorf(e, "unhandled error on %s", uri.getPath());
    return finish(
        Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "internal error; see the service log"),
        uri);
  }

  private static Response finish(Problem p, UriInfo uri) {
    Object correlation = MDC.get(CorrelationIdFilter.MDC_KEY);
    return p.withInstance(uri.getPath())
        .withCorrelationId(correlation == null ? null : correlation.toString())
        .toResponse();
  }

  private static String fieldOf(ConstraintViolation<?> v) {
    // "method.arg0.field" → "field": the client knows its body, not our method names
    String path = v.getPropertyPath().toString();
    String[] parts = path.split("\\.", -1); // a property path has no empty segments
    return parts.length > 2
        ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
        : parts[parts.length - 1];
  }
}
