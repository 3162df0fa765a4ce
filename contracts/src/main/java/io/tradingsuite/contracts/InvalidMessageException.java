package io.tradingsuite.contracts;

/**
 * A message that cannot be decoded or breaks a contract rule. {@link #field()} names the offending
 * field as a path ({@code high}, {@code order.amount}, {@code reasons[2]}), or {@value #ROOT} when
 * the message as a whole is at fault (empty, too large, not a JSON object); the message starts with
 * it.
 */
public final class InvalidMessageException extends RuntimeException {
  public static final String ROOT = "$";
  private static final long serialVersionUID = 1L;

  private final String field;
  private final String detail;

  public InvalidMessageException(String field, String detail) {
    this(field, detail, null);
  }

  public InvalidMessageException(String field, String detail, Throwable cause) {
    super(field + ": " + detail, cause);
    this.field = field;
    this.detail = detail;
  }

  public String field() {
    return field;
  }

  /** The message without the field name. */
  public String detail() {
    return detail;
  }
}
