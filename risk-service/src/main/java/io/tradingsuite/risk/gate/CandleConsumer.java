package io.tradingsuite.risk.gate;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.InvalidMessageException;
import io.tradingsuite.contracts.MessageCodec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code market.candles.v1} only for its clock: the newest candle time per market, which
 * the stale-data rule needs. Batches keep a fast replay from costing one transaction per candle. An
 * invalid candle is skipped, not dead-lettered: the candle consumers that use candles as data
 * already put it on {@code market.candles.v1.dlq}, and a second copy there would only confuse.
 */
@ApplicationScoped
public class CandleConsumer {
  @Inject RiskService risk;

  @Incoming("candles")
  @Blocking
  public void onCandles(ConsumerRecords<String, String> records) {
    List<Candle> candles = new ArrayList<>(records.count());
    for (ConsumerRecord<String, String> r : records) {
      if (r.value() == null) {
        continue;
      }
      try {
        candles.add(
            MessageCodec.instance()
                .decode(r.value().getBytes(StandardCharsets.UTF_8), Candle.class));
      } catch (InvalidMessageException e) {
        Log.debugf(
            "invalid candle skipped at %s-%d@%d: %s",
            r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    }
    risk.onCandles(candles);
  }
}
