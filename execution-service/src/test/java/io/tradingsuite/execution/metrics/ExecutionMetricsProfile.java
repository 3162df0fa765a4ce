package io.tradingsuite.execution.metrics;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.testing.FreshTopics;
import java.util.Map;

/**
 * execution-service on topics of its own: the shared topics carry other runs' decisions, which a
 * fresh consumer group would act on too, and the counters must count this test's fills only. The
 * gauges refresh every 200 ms, so the test does not wait for the production period.
 */
public class ExecutionMetricsProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    FreshTopics t =
        new FreshTopics("exec-metrics")
            .create(Topics.DECISIONS, Topics.CANDLES, Topics.SIGNALS, Topics.FILLS);
    return Map.of(
        "mp.messaging.incoming.decisions.topic", t.of(Topics.DECISIONS),
        "mp.messaging.incoming.candles.topic", t.of(Topics.CANDLES),
        "mp.messaging.incoming.signals.topic", t.of(Topics.SIGNALS),
        "mp.messaging.outgoing.fills-out.topic", t.of(Topics.FILLS),
        "mp.messaging.outgoing.signals-out.topic", t.of(Topics.SIGNALS),
        "suite.metrics.gauge-refresh", "0.2s");
  }
}
