package io.tradingsuite.risk.gate;

import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code execution.fills.v1}: open trades, exposure, equity and the protections are
 * rebuilt from fills. Each fill is applied once (its id is stored with its effect). Undecodable
 * fills go to {@code execution.fills.v1.dlq} through the connector's dead-letter strategy.
 */
@ApplicationScoped
public class FillConsumer {
  @Inject MessageTracer tracer;
  @Inject RiskService risk;

  @Incoming("fills")
  @Blocking
  public void onFill(ConsumerRecord<String, Fill> record) {
    String correlation = KafkaMessages.adoptCorrelation(record.headers());
    Fill f = record.value();
    try (MessageTracer.Handling h =
        tracer.handle(
            "fill protect",
            record.headers(),
            "client_order_id",
            f.clientOrderId(),
            "pair",
            f.pair(),
            "status",
            String.valueOf(f.status()))) {
      risk.onFill(f, correlation, 30);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }
}
