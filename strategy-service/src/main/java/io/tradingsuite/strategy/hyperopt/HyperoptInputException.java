package io.tradingsuite.strategy.hyperopt;

/** Bad hyperopt input, naming the request field at fault (the REST layer turns it into a 400). */
public final class HyperoptInputException extends IllegalArgumentException {

  private final String field;

  public HyperoptInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }

  /** The message without the field prefix. */
  public String reason() {
    return getMessage().substring(field.length() + 2);
  }
}
