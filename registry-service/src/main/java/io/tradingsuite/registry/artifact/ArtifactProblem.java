package io.tradingsuite.registry.artifact;

/**
 * A file that cannot be indexed: {@link #field()} names what is wrong ({@code
 * strategy.X.trades[2].open_rate}).
 */
public class ArtifactProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String field;
  private final String reason;

  public ArtifactProblem(String field, String reason) {
    this(field, reason, null);
  }

  public ArtifactProblem(String field, String reason, Throwable cause) {
    super(field + ": " + reason, cause);
    this.field = field;
    this.reason = reason;
  }

  public String field() {
    return field;
  }

  public String reason() {
    return reason;
  }
}
