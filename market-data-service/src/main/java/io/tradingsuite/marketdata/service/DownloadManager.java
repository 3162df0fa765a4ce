package io.tradingsuite.marketdata.service;

import io.quarkus.logging.Log;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.exchange.CandleSource;
import io.tradingsuite.marketdata.exchange.HistoryDownloader;
import io.tradingsuite.marketdata.metrics.MarketDataMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs history downloads in the background, one job at a time per request. Jobs are kept in memory:
 * a download that stopped with the service is simply asked again, and resumes from the last stored
 * candle.
 */
@ApplicationScoped
public class DownloadManager {
  @Inject CandleStore store;
  @Inject ExchangeSources sources;
  @Inject MarketDataMetrics metrics;

  @ConfigProperty(name = "market-data.download.initial-backoff-ms", defaultValue = "1000")
  long initialBackoffMs;

  @ConfigProperty(name = "market-data.download.max-retries", defaultValue = "6")
  int maxRetries;

  // state is the job's mutable {status, error} pair, written by the download thread
  @SuppressWarnings("ArrayRecordComponent")
  public record Job(
      String id,
      String exchange,
      List<String> pairs,
      List<String> timeframes,
      long from,
      long to,
      List<HistoryDownloader.Result> results,
      String[] state) {
    public String status() {
      return state[0];
    }

    public String error() {
      return state[1];
    }
  }

  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final ExecutorService threads =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "download");
            t.setDaemon(true);
            return t;
          });

  public Job start(
      String exchange, List<String> pairs, List<String> timeframes, long from, long to) {
    CandleSource source = sources.get(exchange);
    Job job =
        new Job(
            UUID.randomUUID().toString(),
            exchange,
            pairs,
            timeframes,
            from,
            to,
            new CopyOnWriteArrayList<>(),
            new String[] {"running", null});
    jobs.put(job.id(), job);
    HistoryDownloader downloader =
        new HistoryDownloader(store, Thread::sleep, initialBackoffMs, maxRetries);
    threads.execute(
        () -> {
          try {
            for (String pair : pairs) {
              for (String tf : timeframes) {
                job.results()
                    .add(
                        metrics.downloaded(
                            downloader.download(source, pair, Timeframe.parse(tf), from, to)));
              }
            }
            job.state()[0] = "done";
          } catch (Exception e) {
            Log.warnf("download %s failed: %s", job.id(), e.toString());
            job.state()[1] = e.toString();
            job.state()[0] = "failed";
          }
        });
    return job;
  }

  public Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }
}
