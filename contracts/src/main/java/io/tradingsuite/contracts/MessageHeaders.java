package io.tradingsuite.contracts;

/** Kafka header names shared by every producer and consumer. */
public final class MessageHeaders {
  /** W3C trace context. */
  public static final String TRACEPARENT = "traceparent";

  public static final String CORRELATION_ID = "correlation-id";
  public static final String SCHEMA_VERSION = "schema-version";

  /** On a dead-letter record: why it was refused ({@link InvalidMessageException#getMessage()}). */
  public static final String ERROR = "error";

  /** On a dead-letter record: the refused field ({@link InvalidMessageException#field()}). */
  public static final String ERROR_FIELD = "error-field";

  private MessageHeaders() {}
}
