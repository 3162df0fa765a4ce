package io.tradingsuite.execution.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.engine.Rows.CandleRow;
import io.tradingsuite.execution.engine.Rows.SignalRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The execution meters (docs/RUNBOOK.md "Metrics"): {@code suite_fills_total{side,status}} and
 * {@code suite_candle_to_fill_seconds} for every fill handed to {@code execution.fills.v1} (once
 * per fill id: a fill published again is not counted again), and the book's gauges {@code
 * suite_open_trades}, {@code suite_equity{currency}} and {@code suite_exposure{pair}}. The gauges
 * read a snapshot that {@link #refresh()} takes every few seconds, so a scrape never queries the
 * database.
 */
@Startup
@ApplicationScoped
public class ExecutionMetrics {
  /** Fill ids remembered against counting one twice (a redelivered decision re-emits its fills). */
  private static final int REMEMBERED = 10_000;

  /** Buckets of the candle-to-fill histogram besides the percentile ones: 10 ms to 10 min. */
  private static final Duration[] SLOS = {
    Duration.ofMillis(10),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10)
  };

  /** What the gauges read: taken by {@link #refresh()}, replaced whole. */
  private record Snapshot(int openTrades, double equity, Map<String, Double> exposure) {}

  @Inject MeterRegistry meters;
  @Inject ExecutionEngine engine;
  @Inject EngineSettings settings;

  private final Set<String> counted =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  /** suite_fills_total by side and status, registered once each. */
  private final Map<String, Counter> fillCounters = new java.util.concurrent.ConcurrentHashMap<>();

  private volatile Snapshot snapshot;
  private Timer candleToFill;
  private MultiGauge exposure;

  @PostConstruct
  void init() {
    // unknown (NaN) until the first refresh has read the book
    snapshot = new Snapshot(-1, Double.NaN, Map.of());
    candleToFill =
        Timer.builder("suite.candle.to.fill")
            .description(
                "wall-clock time of a fill minus the close of the candle its signal was made on"
                    + " (stop and take-profit exits: of the candle that triggered them)")
            .publishPercentileHistogram()
            .minimumExpectedValue(SLOS[0])
            .maximumExpectedValue(SLOS[SLOS.length - 1])
            .serviceLevelObjectives(SLOS)
            .register(meters);
    Gauge.builder(
            "suite.open.trades",
            this,
            m -> m.snapshot.openTrades() < 0 ? Double.NaN : m.snapshot.openTrades())
        .description("trades the paper book holds open")
        .register(meters);
    Gauge.builder("suite.equity", this, m -> m.snapshot.equity())
        .description(
            "paper wallet value in the stake currency: free balance plus open positions at the"
                + " last known price (cost until a candle is known)")
        .tag("currency", settings.stakeCurrency())
        .register(meters);
    exposure =
        MultiGauge.builder("suite.exposure")
            .description(
                "open position value per pair in the stake currency, at the last known price")
            .register(meters);
  }

  /** A fill handed to the producer for {@code execution.fills.v1}; counted once per fill id. */
  public void published(Fill f) {
    if (!counted.add(f.id())) {
      return;
    }
    String side = lower(f.side());
    String status = lower(f.status());
    fillCounters
        .computeIfAbsent(
            side + "|" + status,
            k ->
                Counter.builder("suite.fills")
                    .description("fills published on execution.fills.v1, by side and status")
                    .tag("side", side)
                    .tag("status", status)
                    .register(meters))
        .increment();
    if (f.status() == FillStatus.FILLED || f.status() == FillStatus.PARTIALLY_FILLED) {
      recordCandleToFill(f, System.currentTimeMillis());
    }
  }

  private void recordCandleToFill(Fill f, long now) {
    try {
      // from memory: the engine has just read or stored the signal of a fill it made
      SignalRow sig = f.signalId() == null ? null : engine.signal(f.signalId());
      if (sig == null) {
        return;
      }
      String coid = f.clientOrderId() == null ? "" : f.clientOrderId();
      // a stop or take-profit leg fills on the candle that triggered it, not on a signal's candle
      boolean protective = coid.endsWith(":sl") || coid.endsWith(":tp");
      long candleOpen = protective ? f.filledAt().toEpochMilli() : sig.candleTime();
      long latency = now - (candleOpen + Timeframe.parse(sig.timeframe()).millis());
      if (latency >= 0) {
        candleToFill.record(latency, TimeUnit.MILLISECONDS);
      }
    } catch (RuntimeException e) {
      Log.debugf("candle-to-fill of %s not recorded: %s", f.id(), e.getMessage());
    }
  }

  /** Takes the gauges' snapshot: balances, open trades and their markets' last candles. */
  @Scheduled(
      every = "${suite.metrics.gauge-refresh:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refresh() {
    String stake = settings.stakeCurrency();
    try {
      snapshot =
          engine.read(
              st -> {
                List<TradeRow> open = st.trades("open", Integer.MAX_VALUE);
                Map<String, BigDecimal> last = new HashMap<>();
                Map<String, BigDecimal> byPair = new TreeMap<>();
                BigDecimal positions = BigDecimal.ZERO;
                for (TradeRow t : open) {
                  String market = t.exchange() + "|" + t.pair() + "|" + t.timeframe();
                  BigDecimal price =
                      last.computeIfAbsent(
                          market,
                          k -> {
                            CandleRow c = st.lastCandle(t.exchange(), t.pair(), t.timeframe());
                            return c == null ? null : c.close();
                          });
                  BigDecimal value = price == null ? t.stakeAmount() : t.amount().multiply(price);
                  byPair.merge(t.pair(), value, BigDecimal::add);
                  positions = positions.add(value);
                }
                BigDecimal free = st.balances().getOrDefault(stake, BigDecimal.ZERO);
                Map<String, Double> exposure = new LinkedHashMap<>();
                byPair.forEach((p, v) -> exposure.put(p, v.doubleValue()));
                return new Snapshot(
                    open.size(), free.add(positions).doubleValue(), Map.copyOf(exposure));
              });
    } catch (RuntimeException e) {
      Log.debugf("execution gauges not refreshed: %s", e.getMessage());
      return;
    }
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    snapshot.exposure().forEach((pair, v) -> rows.add(MultiGauge.Row.of(Tags.of("pair", pair), v)));
    exposure.register(rows, true);
  }

  private static String lower(Enum<?> e) {
    return e == null ? "unknown" : e.name().toLowerCase(Locale.ROOT);
  }
}
