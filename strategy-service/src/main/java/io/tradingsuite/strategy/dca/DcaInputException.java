package io.tradingsuite.strategy.dca;

/** Bad plan or simulation input, naming the field (snake_case path) that is wrong. */
public class DcaInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String field;

  public DcaInputException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
