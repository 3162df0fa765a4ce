package io.tradingsuite.support.kafka;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.tradingsuite.contracts.MessageHeaders;
import io.tradingsuite.support.http.CorrelationIdFilter;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.MDC;

/**
 * Building outgoing records (key, correlation id header) and reading headers of incoming ones. The
 * {@code traceparent} header is written by SmallRye's OpenTelemetry integration.
 */
public final class KafkaMessages {
  private KafkaMessages() {}

  /** A message keyed for its partition, carrying the current correlation id (or a new one). */
  public static <T> Message<T> keyed(T payload, String key) {
    String correlation = CorrelationIdFilter.current();
    return keyed(payload, key, correlation != null ? correlation : UUID.randomUUID().toString());
  }

  public static <T> Message<T> keyed(T payload, String key, String correlationId) {
    Headers headers = new RecordHeaders();
    headers.add(MessageHeaders.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
    OutgoingKafkaRecordMetadata<String> metadata =
        OutgoingKafkaRecordMetadata.<String>builder().withKey(key).withHeaders(headers).build();
    return Message.of(payload).addMetadata(metadata);
  }

  public static String header(Headers headers, String name) {
    Header h = headers == null ? null : headers.lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /**
   * Puts the record's correlation id in the log context for the handling of one message. Returns
   * the id; call {@link #clearCorrelation()} when done.
   */
  public static String adoptCorrelation(Headers headers) {
    String id = header(headers, MessageHeaders.CORRELATION_ID);
    if (id == null) {
      id = UUID.randomUUID().toString();
    }
    MDC.put(CorrelationIdFilter.MDC_KEY, id);
    return id;
  }

  public static void clearCorrelation() {
    MDC.remove(CorrelationIdFilter.MDC_KEY);
  }
}
