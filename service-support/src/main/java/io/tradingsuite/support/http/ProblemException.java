package io.tradingsuite.support.http;

/**
 * Thrown by services to answer with a problem document: a bad request naming its field, a conflict
 * with its reason, and so on. Mapped to problem+json by {@link ProblemExceptionMappers}.
 */
public class ProblemException extends RuntimeException {
  private final int status;
  private final String field;

  public ProblemException(int status, String field, String detail) {
    super(detail);
    this.status = status;
    this.field = field;
  }

  public static ProblemException badRequest(String field, String detail) {
    return new ProblemException(400, field, field + ": " + detail);
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, null, detail);
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, null, detail);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
