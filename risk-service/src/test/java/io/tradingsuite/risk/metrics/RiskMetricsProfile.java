package io.tradingsuite.risk.metrics;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.testing.FreshTopics;
import java.util.Map;
import java.util.UUID;

/**
 * risk-service on topics and a database of its own: the shared topics carry other runs' signals,
 * which a fresh consumer group would decide too, and the counters must count this test's only.
 */
public class RiskMetricsProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    FreshTopics t =
        new FreshTopics("risk-metrics")
            .create(
                Topics.SIGNALS, Topics.FILLS, Topics.CANDLES, Topics.DECISIONS, Topics.RISK_EVENTS);
    return Map.of(
        "mp.messaging.incoming.signals.topic", t.of(Topics.SIGNALS),
        "mp.messaging.incoming.fills.topic", t.of(Topics.FILLS),
        "mp.messaging.incoming.candles.topic", t.of(Topics.CANDLES),
        "mp.messaging.outgoing.decisions-out.topic", t.of(Topics.DECISIONS),
        "mp.messaging.outgoing.risk-events-out.topic", t.of(Topics.RISK_EVENTS),
        "quarkus.datasource.jdbc.url",
            "jdbc:sqlite:target/var/risk/metrics-"
                + UUID.randomUUID()
                + ".sqlite?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000");
  }
}
