package io.tradingsuite.notification.intake;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.RiskEvent;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The Kafka side: fills, risk events and artifacts in, one transaction each. The offset is
 * committed after the method returns, i.e. after the notification is durable in the outbox; nothing
 * here waits for Telegram or a webhook. Undecodable records go to {@code <topic>.dlq}.
 */
@ApplicationScoped
public class EventConsumers {
  static final String FILLS = "fills";
  static final String RISK_EVENTS = "risk-events";
  static final String ARTIFACTS = "artifacts";

  @Inject EventIntake intake;

  @Incoming(FILLS)
  @Blocking(ordered = true)
  public void onFill(ConsumerRecord<String, Fill> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      intake.onFill(record.value(), brokerTime(record));
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming(RISK_EVENTS)
  @Blocking(ordered = true)
  public void onRiskEvent(ConsumerRecord<String, RiskEvent> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      intake.onRiskEvent(record.value(), brokerTime(record));
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  @Incoming(ARTIFACTS)
  @Blocking(ordered = true)
  public void onArtifact(ConsumerRecord<String, ArtifactCreated> record) {
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      intake.onArtifact(record.value(), brokerTime(record));
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }

  private static Instant brokerTime(ConsumerRecord<?, ?> record) {
    return record.timestamp() > 0 ? Instant.ofEpochMilli(record.timestamp()) : null;
  }
}
