package io.tradingsuite.marketdata.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.tradingsuite.marketdata.exchange.HistoryDownloader;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * The market-data meters (docs/RUNBOOK.md "Metrics"): {@code suite_candles_ingested_total{source}},
 * the candles stored, by where they came from. Each source's series exists from start-up (at 0), so
 * a rate over it reads 0 rather than "no data".
 */
@Startup
@ApplicationScoped
public class MarketDataMetrics {
  /** The values of the {@code source} tag. */
  public static final String IMPORT = "import";

  public static final String DOWNLOAD = "download";
  public static final String LIVE = "live";
  public static final String SAMPLE = "sample";

  @Inject MeterRegistry meters;

  @PostConstruct
  void init() {
    for (String source : List.of(IMPORT, DOWNLOAD, LIVE, SAMPLE)) {
      counter(source);
    }
  }

  private Counter counter(String source) {
    return Counter.builder("suite.candles.ingested")
        .description(
            "candles stored, by source: import (REST upload), download (exchange history), live"
                + " (live feed), sample (offline synthetic set)")
        .tag("source", source)
        .register(meters);
  }

  /** {@code candles} candles stored from {@code source}. */
  public void ingested(String source, int candles) {
    if (candles > 0) {
      counter(source).increment(candles);
    }
  }

  /** Counts a finished download of one pair and timeframe, and hands its result on. */
  public HistoryDownloader.Result downloaded(HistoryDownloader.Result r) {
    ingested(DOWNLOAD, r.stored());
    return r;
  }
}
