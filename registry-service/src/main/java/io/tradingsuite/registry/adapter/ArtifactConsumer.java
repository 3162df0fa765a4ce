package io.tradingsuite.registry.adapter;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.registry.index.Indexer;
import io.tradingsuite.support.kafka.KafkaMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Indexes each {@code registry.artifacts.v1} message's file as it arrives. The message id is
 * recorded in the same transaction as the runs (or the problem), so a redelivery has no second
 * effect; a bad file is recorded as a problem and acknowledged — retrying would not make it good.
 * Undecodable messages never get here: the deserializer sends them to {@code
 * registry.artifacts.v1.dlq}.
 */
@ApplicationScoped
public class ArtifactConsumer {
  public static final String CHANNEL = "artifacts";

  @Inject Indexer indexer;

  @Incoming(CHANNEL)
  @Blocking
  public void onArtifact(ConsumerRecord<String, ArtifactCreated> record) {
    ArtifactCreated message = record.value();
    KafkaMessages.adoptCorrelation(record.headers());
    try {
      Indexer.Outcome o = indexer.onMessage(message);
      if (o.status() == Indexer.Status.REJECTED) {
        Log.warnf(
            "artifact %s not indexed: %s: %s: %s", message.id(), o.path(), o.field(), o.reason());
      } else {
        Log.infof(
            "artifact %s (%s %s): %s %s",
            message.id(), message.kind(), o.path(), o.status(), o.runIds());
      }
    } finally {
      KafkaMessages.clearCorrelation();
    }
  }
}
