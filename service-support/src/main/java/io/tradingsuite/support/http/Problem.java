package io.tradingsuite.support.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code field} names the offending input when there is one, so a
 * client can show the error next to what the user typed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String field,
    List<FieldError> errors,
    String correlationId) {

  public static final String MEDIA_TYPE = "application/problem+json";

  public record FieldError(String field, String message) {}

  public static Problem of(Response.Status status, String detail) {
    return new Problem(
        "about:blank",
        status.getReasonPhrase(),
        status.getStatusCode(),
        detail,
        null,
        null,
        null,
        null);
  }

  public static Problem badRequest(String field, String detail) {
    return new Problem("about:blank", "Bad Request", 400, detail, null, field, null, null);
  }

  public Problem withInstance(String instance) {
    return new Problem(type, title, status, detail, instance, field, errors, correlationId);
  }

  public Problem withErrors(List<FieldError> errors) {
    return new Problem(type, title, status, detail, instance, field, errors, correlationId);
  }

  public Problem withCorrelationId(String correlationId) {
    return new Problem(type, title, status, detail, instance, field, errors, correlationId);
  }

  public Response toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(this).build();
  }
}
