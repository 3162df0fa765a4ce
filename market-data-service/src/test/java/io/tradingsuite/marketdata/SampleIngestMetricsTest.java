package io.tradingsuite.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tradingsuite.marketdata.sample.SampleDataSet;
import io.tradingsuite.marketdata.service.OfflineBootstrap;
import io.tradingsuite.support.db.SchemaMigrator;
import io.tradingsuite.testing.LocalKafkaResource;
import io.tradingsuite.testing.ScrapedMetrics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * {@code suite_candles_ingested_total{source="sample"}} counts the synthetic sample set when it is
 * stored, and nothing when it is stored already. On a database of its own: the module's shared test
 * database usually holds the set from an earlier run, where storing it adds nothing.
 */
@QuarkusTest
@TestProfile(SampleIngestMetricsTest.FreshDatabase.class)
@QuarkusTestResource(LocalKafkaResource.class)
class SampleIngestMetricsTest {
  private static final String INGESTED = "suite_candles_ingested_total";
  private static final Map<String, String> SAMPLE =
      Map.of("source", "sample", "service", "market-data-service");

  /** A new SQLite file for this test. */
  public static class FreshDatabase implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.datasource.jdbc.url",
          "jdbc:sqlite:target/var/market-data/metrics-"
              + UUID.randomUUID()
              + ".sqlite?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000");
    }
  }

  @Inject OfflineBootstrap bootstrap;
  @Inject @Readiness SchemaMigrator schema;

  @Test
  void theSampleSetIsCountedWhenStoredAndNotWhenStoredAgain() {
    await().atMost(Duration.ofSeconds(60)).until(schema::isMigrated);
    ScrapedMetrics before = ScrapedMetrics.scrape();
    // the series exists from start-up, at 0
    assertThat(before.samples(INGESTED, SAMPLE))
        .singleElement()
        .extracting(ScrapedMetrics.Sample::value)
        .isEqualTo(0.0);

    bootstrap.loadSample();
    double all = (double) SampleDataSet.pairs().size() * SampleDataSet.candlesPerPair();
    assertThat(ScrapedMetrics.scrape().value(INGESTED, SAMPLE)).isEqualTo(all);

    bootstrap.loadSample(); // stored already: nothing stored, nothing counted
    ScrapedMetrics after = ScrapedMetrics.scrape();
    assertThat(after.value(INGESTED, SAMPLE)).isEqualTo(all);
    // the other sources moved not at all
    for (String source : new String[] {"import", "download", "live"}) {
      assertThat(after.value(INGESTED, Map.of("source", source))).isEqualTo(0.0);
    }
  }
}
