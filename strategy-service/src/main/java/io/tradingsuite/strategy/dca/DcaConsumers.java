package io.tradingsuite.strategy.dca;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * What happens to the buys downstream: risk-service's decisions ({@code risk.decisions.v1}) and
 * execution-service's fills ({@code execution.fills.v1}, on a channel of its own with its own
 * consumer group, so the live loop's fill consumer keeps every partition). Only DCA signal ids are
 * looked at; recording is idempotent, so a redelivery changes nothing.
 */
@ApplicationScoped
public class DcaConsumers {

  @Inject DcaScheduler scheduler;

  @Incoming("dca-decisions")
  @Blocking
  public void onDecision(ConsumerRecord<String, RiskDecision> record) {
    RiskDecision d = record.value();
    if (d == null || d.signalId() == null || !d.signalId().startsWith(Dca.SIGNAL_ID_PREFIX)) {
      return;
    }
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      scheduler.onDecision(d);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming("dca-fills")
  @Blocking
  public void onFill(ConsumerRecord<String, Fill> record) {
    Fill f = record.value();
    if (f == null
        || f.side() != OrderSide.BUY
        || f.signalId() == null
        || !f.signalId().startsWith(Dca.SIGNAL_ID_PREFIX)) {
      return;
    }
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      scheduler.onFill(f);
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }
}
