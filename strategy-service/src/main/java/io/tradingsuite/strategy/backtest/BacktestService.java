package io.tradingsuite.strategy.backtest;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.strategy.artifacts.ArtifactAnnouncer;
import io.tradingsuite.strategy.artifacts.ArtifactWriter;
import io.tradingsuite.strategy.artifacts.FreqtradeStats;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.StrategyBacktester;
import io.tradingsuite.strategy.lease.BacktestLeases;
import io.tradingsuite.support.http.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs backtests asynchronously on a bounded pool: lease from risk-service &rarr; engine (with
 * progress) &rarr; Freqtrade result file &rarr; {@code registry.artifacts.v1} &rarr; lease released
 * with the run's max drawdown. Run states are kept in memory (the newest {@code
 * suite.backtest.keep-runs}) and in the {@link BacktestRunStore} at each change, so a run and its
 * result answer after a restart; runs a restart interrupted are marked failed.
 */
@ApplicationScoped
public class BacktestService {

  @Inject BacktestPreparer preparer;

  @Inject BacktestLeases leases;

  @Inject ArtifactWriter writer;

  @Inject ArtifactAnnouncer announcer;

  @Inject BacktestRunStore store;

  @Inject com.fasterxml.jackson.databind.ObjectMapper json;

  @ConfigProperty(name = "suite.backtest.workers", defaultValue = "1")
  int workers;

  @ConfigProperty(name = "suite.backtest.queue", defaultValue = "16")
  int queueSize;

  @ConfigProperty(name = "suite.backtest.keep-runs", defaultValue = "200")
  int keepRuns;

  private final StrategyBacktester backtester = new StrategyBacktester();
  private ThreadPoolExecutor pool;
  private Map<String, BacktestRun> runs;

  @PostConstruct
  void init() {
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            r -> {
              Thread t = new Thread(r, "backtest-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    runs =
        java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, BacktestRun> eldest) {
                return size() > keepRuns && eldest.getValue().finished();
              }
            });
  }

  void shutdown(@Observes ShutdownEvent ev) {
    pool.shutdownNow();
  }

  /** After the schema migration (which observes start-up at the default priority). */
  void onStart(
      @Observes
          @jakarta.annotation.Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 1000)
          io.quarkus.runtime.StartupEvent ev) {
    try {
      int n = store.interruptUnfinished(Instant.now());
      if (n > 0) {
        Log.warnf("%d backtest run(s) interrupted by the last stop are marked failed", n);
      }
    } catch (RuntimeException e) {
      Log.warnf("backtest runs of the last start not checked: %s", e.getMessage());
    }
  }

  /** Stores the run's state; a store that fails is logged, the run goes on (its file is kept). */
  private void persist(BacktestRun run, String resultJson) {
    try {
      store.save(run, resultJson);
    } catch (RuntimeException e) {
      Log.warnf("backtest %s: state not stored (%s)", run.id(), e.getMessage());
    }
  }

  /**
   * Validates and prepares the request (400s come from here, synchronously) and queues the run.
   *
   * @throws ProblemException 400 for a bad request, 503 when the queue is full or candles cannot be
   *     loaded
   */
  public BacktestRun submit(BacktestRequest request) {
    BacktestPreparer.Prepared prepared = preparer.prepare(request);
    String id = "bt-" + UUID.randomUUID();
    BacktestRun run =
        new BacktestRun(
            id,
            prepared.strategy().name(),
            prepared.exchange(),
            prepared.pairs(),
            prepared.timeframe().name(),
            Instant.now());
    runs.put(id, run);
    try {
      store.insert(run);
    } catch (RuntimeException e) {
      runs.remove(id);
      throw new ProblemException(503, null, "backtest not recorded: " + e.getMessage());
    }
    try {
      pool.execute(() -> execute(run, prepared));
    } catch (RejectedExecutionException e) {
      runs.remove(id);
      run.refused("too many queued backtests");
      persist(run, null);
      throw new ProblemException(
          503, null, "too many queued backtests (" + queueSize + "); try again later");
    }
    return run;
  }

  /** The run from memory, or as stored (after a restart, or beyond {@code keep-runs}). */
  public Optional<BacktestRun> find(String id) {
    BacktestRun run = runs.get(id);
    return run != null ? Optional.of(run) : store.find(id);
  }

  void execute(BacktestRun run, BacktestPreparer.Prepared p) {
    BacktestLeases.Lease lease;
    try {
      lease = leases.acquire(run.id(), run.strategy(), "backtest");
    } catch (ProblemException e) {
      Log.infof("backtest %s refused: %s", run.id(), e.getMessage());
      run.refused(e.getMessage());
      persist(run, null);
      return;
    } catch (RuntimeException e) {
      Log.warnf(e, "backtest %s refused: lease request failed", run.id());
      run.refused(BacktestLeases.UNREACHABLE_DETAIL);
      persist(run, null);
      return;
    }
    BigDecimal drawdown = null;
    try {
      run.started(lease.id());
      persist(run, null);
      Instant started = Instant.now();
      BacktestResult result =
          backtester.run(p.strategy(), p.params(), p.config(), p.candles(), null, run::progress);
      Instant finished = Instant.now();
      drawdown =
          BigDecimal.valueOf(result.summary().maxDrawdownAccount())
              .setScale(8, RoundingMode.HALF_EVEN);
      FreqtradeStats.RunInfo info =
          new FreqtradeStats.RunInfo(
              p.strategy().name(),
              p.config(),
              p.pairs(),
              p.timerange().toString(),
              started,
              finished);
      ArtifactWriter.Written written = writer.writeBacktest(info, result, runIdOf(p));
      String rel = announcer.relativePath(written.result());
      announcer
          .announce(ArtifactKind.BACKTEST, p.strategy().name(), written.result())
          .exceptionally(err -> null);
      Map<String, Object> stats =
          FreqtradeStats.strategyStats(info, result, FreqtradeStats.ISO_DATE);
      String statsJson;
      try {
        statsJson = json.writeValueAsString(stats);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("result not serialisable: " + e.getMessage(), e);
      }
      run.done(stats, rel);
      persist(run, statsJson);
      Log.infof(
          "backtest %s done: %d trades, profit_total_abs %s, artifact %s",
          run.id(),
          result.summary().totalTrades(),
          result.summary().profitTotalAbs().toPlainString(),
          rel);
    } catch (RuntimeException e) {
      Log.errorf(e, "backtest %s failed", run.id());
      run.failed(e.getMessage() == null ? e.toString() : e.getMessage());
      persist(run, null);
    } finally {
      leases.release(lease, drawdown);
    }
  }

  /**
   * Freqtrade's meta {@code run_id}: a hash of what determines the result (strategy, params,
   * config, data).
   */
  static String runIdOf(BacktestPreparer.Prepared p) {
    StringBuilder sb =
        new StringBuilder(p.strategy().name())
            .append('|')
            .append(p.params())
            .append('|')
            .append(p.exchange())
            .append('|')
            .append(p.pairs())
            .append('|')
            .append(p.timeframe().name())
            .append('|')
            .append(p.timerange())
            .append('|')
            .append(p.config().exitPlan())
            .append('|')
            .append(p.config().stakeAmount())
            .append('|')
            .append(p.config().maxOpenTrades())
            .append('|')
            .append(p.config().fee())
            .append('|')
            .append(p.config().dryRunWallet())
            .append('|')
            .append(p.config().enableProtections())
            .append(p.config().protections());
    p.candles()
        .forEach(
            (pair, c) ->
                sb.append('|')
                    .append(pair)
                    .append(':')
                    .append(c.size())
                    .append(':')
                    .append(c.size() == 0 ? 0 : c.openTime()[0])
                    .append(':')
                    .append(c.size() == 0 ? 0 : c.openTime()[c.size() - 1]));
    return ArtifactWriter.sha256(sb.toString()).substring(0, 40);
  }
}
