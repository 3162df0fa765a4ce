package io.tradingsuite.strategy.live;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import io.tradingsuite.strategy.marketdata.MarketDataClient;
import io.tradingsuite.strategy.metrics.StrategyMetrics;
import io.tradingsuite.support.kafka.KafkaMessages;
import io.tradingsuite.support.tracing.MessageTracer;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The live loop's adapter: feeds closed candles to the configured {@link LiveBot}s, publishes their
 * signals on {@code strategy.signals.v1} (awaiting the broker's ack), then records the candle as
 * processed together with the signals sent. A crash between publishing and recording re-evaluates
 * the candle on redelivery and re-sends the same signal ids, which consumers dedupe. Fills on
 * {@code execution.fills.v1} tell each bot which of its entries opened a trade and which trades
 * closed; denials on {@code risk.decisions.v1} and rejected orders tell it which of its signals
 * will get no fill.
 */
@ApplicationScoped
public class LiveLoop {

  public static final String SIGNALS_CHANNEL = "signals-out";

  @Inject StrategyRegistry registry;

  @Inject BotStore store;

  @Inject MarketDataClient marketData;

  @Inject StrategyMetrics metrics;

  @Inject
  @Channel(SIGNALS_CHANNEL)
  Emitter<Signal> emitter;

  @Inject MessageTracer tracer;

  /** JSON array of bots; absent = {@link BotConfig#DEFAULT_JSON}. */
  @ConfigProperty(name = "suite.bots")
  Optional<String> botsJson;

  /** Where hyperopt's parameter files are ({@code strategy_params/}). */
  @ConfigProperty(name = "suite.var-dir")
  String varDir;

  @ConfigProperty(name = "suite.live.publish-timeout", defaultValue = "PT15S")
  java.time.Duration publishTimeout;

  /** Wall-clock part of giving up a signal that got no answer (see {@link LiveBot}). */
  @ConfigProperty(name = "suite.live.pending-timeout", defaultValue = "PT2M")
  java.time.Duration pendingTimeout;

  /**
   * How long a candle waits for the answers to its pair's earlier signals (see {@link
   * LiveBot#unansweredBefore}); zero evaluates at once, as before answers were awaited.
   */
  @ConfigProperty(name = "suite.live.answer-wait", defaultValue = "PT10S")
  java.time.Duration answerWait;

  private final List<LiveBot> bots = new CopyOnWriteArrayList<>();
  private final Set<LiveBot> restored = ConcurrentHashMap.newKeySet();
  private final Map<String, Boolean> warnedNoHistory = new ConcurrentHashMap<>();

  /** After the schema migration (which observes start-up at the default priority). */
  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent ev) {
    String json = botsJson.filter(s -> !s.isBlank()).orElse(BotConfig.DEFAULT_JSON);
    List<BotConfig> configs;
    try {
      configs = BotConfig.parseAll(json, registry, java.nio.file.Path.of(varDir));
    } catch (IllegalArgumentException e) {
      // a bad bot list must not take the backtest API down with it: log it loudly and run no bots
      Log.errorf("live bots disabled: %s", e.getMessage());
      return;
    }
    configs.forEach(this::register);
  }

  /**
   * Starts a bot (its state restored from the store when reachable). Also used by tests for unique
   * markets.
   */
  public LiveBot register(BotConfig cfg) {
    for (LiveBot b : bots) {
      if (b.config().name().equals(cfg.name())) {
        throw new IllegalArgumentException("bot " + cfg.name() + " already runs");
      }
    }
    LiveBot bot = new LiveBot(cfg, pendingTimeout);
    bots.add(bot);
    synchronized (bot) {
      ensureRestored(bot);
    }
    Log.infof(
        "bot %s: %s on %s %s %s, stake %s",
        cfg.name(),
        cfg.strategy().name(),
        cfg.exchange(),
        cfg.pairs(),
        cfg.timeframe().name(),
        cfg.stakeAmount().toPlainString());
    return bot;
  }

  public List<LiveBot> bots() {
    return Collections.unmodifiableList(bots);
  }

  /** Handles one closed candle for every bot that watches its market. */
  public void onCandle(Candle c, String correlationId) {
    for (LiveBot bot : bots) {
      if (!bot.accepts(c)) {
        continue;
      }
      synchronized (bot) {
        process(bot, c, correlationId);
      }
    }
  }

  private void process(LiveBot bot, Candle c, String correlationId) {
    if (!ensureRestored(bot)) {
      throw new IllegalStateException("bot " + bot.config().name() + ": state store unavailable");
    }
    if (bot.isDuplicate(c)) {
      return;
    }
    awaitAnswers(bot, c);
    if (bot.needsHistory(c)) {
      warmUp(bot, c);
    }
    LiveBot.Evaluation e = bot.evaluate(c, Instant.now());
    publish(e.signals(), correlationId);
    BotConfig cfg = bot.config();
    store.recordCandle(
        cfg.name(),
        cfg.exchange(),
        c.pair(),
        cfg.timeframe().name(),
        c.openTime().toEpochMilli(),
        e.signals());
    bot.commit(e);
    for (Signal s : e.signals()) {
      Log.infof(
          "bot %s: %s %s at candle %s (%s)",
          cfg.name(), s.action().name().toLowerCase(Locale.ROOT), s.pair(), s.candleTime(), s.id());
    }
  }

  /**
   * Waits (releasing the bot's lock, so the answers can be applied) until every earlier signal of
   * {@code c}'s pair has its answer — a fill, a rejection or a risk denial — or {@link #answerWait}
   * has passed; then the candle is evaluated with the state a backtest would have. Signals that
   * stayed unanswered are not waited for again.
   */
  private void awaitAnswers(LiveBot bot, Candle c) {
    List<String> open = bot.unansweredBefore(c);
    if (open.isEmpty() || answerWait.isZero()) {
      return;
    }
    long deadline = System.nanoTime() + answerWait.toNanos();
    while (!open.isEmpty()) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        bot.stopWaitingFor(open);
        Log.warnf(
            "bot %s: no answer within %s to %s of %s; evaluating candle %s without it",
            bot.config().name(), answerWait, open, c.pair(), c.openTime());
        return;
      }
      try {
        bot.wait(left);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for answers", ex);
      }
      open = bot.unansweredBefore(c);
    }
  }

  /** Sets {@link #answerWait} (tests). */
  public void answerWait(java.time.Duration wait) {
    this.answerWait = wait;
  }

  /**
   * Loads the candles before {@code c} from market-data-service (start-up or after a gap); best
   * effort.
   */
  private void warmUp(LiveBot bot, Candle c) {
    BotConfig cfg = bot.config();
    long tf = cfg.timeframe().millis();
    long t = c.openTime().toEpochMilli();
    try {
      CandleColumns history =
          marketData.candles(
              cfg.exchange(),
              c.pair(),
              cfg.timeframe(),
              Instant.ofEpochMilli(t - (long) cfg.window() * tf),
              Instant.ofEpochMilli(t - tf));
      bot.addHistory(c.pair(), history);
    } catch (RuntimeException ex) {
      if (warnedNoHistory.putIfAbsent(cfg.name() + c.pair(), Boolean.TRUE) == null) {
        Log.warnf(
            "bot %s: no history for %s from market-data-service (%s); the window fills from the"
                + " feed",
            cfg.name(), c.pair(), ex.getMessage());
      }
    }
  }

  private void publish(List<Signal> signals, String correlationId) {
    if (signals.isEmpty()) {
      return;
    }
    List<CompletableFuture<Void>> acks = new ArrayList<>();
    for (Signal s : signals) {
      CompletableFuture<Void> acked = new CompletableFuture<>();
      // a child of the candle's handling span (current here), whichever thread the emitter sends on
      Message<Signal> m =
          tracer
              .traced(
                  KafkaMessages.keyed(s, Topics.key(s.exchange(), s.pair()), correlationId),
                  "signal " + s.action().name().toLowerCase(java.util.Locale.ROOT),
                  "signal_id",
                  s.id(),
                  "strategy",
                  s.strategy(),
                  "exchange",
                  s.exchange(),
                  "pair",
                  s.pair(),
                  "candle_time",
                  String.valueOf(s.candleTime()),
                  "trade_id",
                  s.tradeId())
              .withAck(
                  () -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                  })
              .withNack(
                  err -> {
                    acked.completeExceptionally(err);
                    return CompletableFuture.completedFuture(null);
                  });
      emitter.send(m);
      acks.add(acked);
    }
    try {
      CompletableFuture.allOf(acks.toArray(new CompletableFuture[0]))
          .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing signals", ex);
    } catch (Exception ex) {
      throw new IllegalStateException(
          "signals not acknowledged by the broker: " + ex.getMessage(), ex);
    }
    signals.forEach(metrics::published);
  }

  /** Learns trade openings and closings of the bots' signals. */
  public void onFill(Fill f) {
    if (f.side() == OrderSide.BUY) {
      Optional<BotStore.SignalOwner> owner = owner(f.signalId());
      if (owner.isEmpty() || owner.get().action() != SignalAction.ENTER_LONG) {
        return;
      }
      LiveBot bot = bot(owner.get().bot());
      if (f.status() == FillStatus.FILLED || f.status() == FillStatus.PARTIALLY_FILLED) {
        LiveBot.OpenTrade t =
            new LiveBot.OpenTrade(
                f.tradeId(), f.pair(), f.price(), f.amount(), f.fee(), f.filledAt());
        boolean open = store.tradeOpened(owner.get().bot(), f.exchange(), t, f.signalId());
        if (bot != null) {
          synchronized (bot) {
            if (open) {
              bot.onEntryFilled(t);
            } else {
              // a redelivered entry fill of a trade that has closed since: only the entry is done
              bot.onEntryRejected(owner.get().pair(), f.signalId());
            }
            bot.notifyAll();
          }
        }
      } else {
        store.signalAnswered(f.signalId(), System.currentTimeMillis());
        if (bot != null) {
          synchronized (bot) {
            bot.onEntryRejected(owner.get().pair(), f.signalId());
            bot.notifyAll();
          }
        }
      }
      return;
    }
    if (f.status() == FillStatus.FILLED) {
      Optional<String> owner = store.tradeClosed(f.tradeId(), f.exitReason(), f.filledAt());
      LiveBot bot = owner.map(this::bot).orElse(null);
      if (bot != null) {
        synchronized (bot) {
          bot.onTradeClosed(f.tradeId());
          bot.notifyAll();
        }
      }
    } else if (f.status() == FillStatus.REJECTED || f.status() == FillStatus.CANCELED) {
      if (f.signalId() != null) {
        // stored, so that a restart does not restore the refused exit as still pending
        store.signalAnswered(f.signalId(), System.currentTimeMillis());
      }
      for (LiveBot bot : bots) {
        synchronized (bot) {
          if (bot.ownsTrade(f.tradeId())) {
            bot.onExitRejected(f.tradeId(), f.signalId());
            bot.notifyAll();
          }
        }
      }
    }
  }

  /**
   * Learns which of the bots' signals risk-service denied: such a signal gets no order and no fill,
   * so its entry (or exit) is no longer pending. Approvals change nothing; their fill tells.
   */
  public void onDecision(RiskDecision d) {
    if (d.approved() || d.signalId() == null) {
      return;
    }
    Optional<BotStore.SignalOwner> owner = owner(d.signalId());
    LiveBot bot = owner.map(o -> bot(o.bot())).orElse(null);
    if (bot == null) {
      return;
    }
    BotStore.SignalOwner o = owner.get();
    // stored, so that a restart does not restore the denied entry as still pending
    store.signalAnswered(d.signalId(), System.currentTimeMillis());
    synchronized (bot) {
      if (o.action() == SignalAction.ENTER_LONG) {
        bot.onEntryRejected(o.pair(), d.signalId());
      } else {
        bot.onExitRejected(o.tradeId(), d.signalId());
      }
      bot.notifyAll();
    }
    Log.infof(
        "bot %s: %s %s denied by risk (%s %s)",
        o.bot(), o.action().name().toLowerCase(Locale.ROOT), o.pair(), d.rule(), d.reasons());
  }

  /**
   * The bot that sent {@code signalId}. An answer can overtake the recording of its signal (the
   * signal is recorded once the broker has acknowledged it, and risk may have read it by then); the
   * signal's bot holds its lock from evaluating the candle until the signal is recorded, so looking
   * again under each bot's lock finds it.
   */
  private Optional<BotStore.SignalOwner> owner(String signalId) {
    if (signalId == null) {
      return Optional.empty();
    }
    Optional<BotStore.SignalOwner> owner = store.signalOwner(signalId);
    for (LiveBot b : bots) {
      if (owner.isPresent()) {
        break;
      }
      synchronized (b) {
        owner = store.signalOwner(signalId);
      }
    }
    return owner;
  }

  private LiveBot bot(String name) {
    for (LiveBot b : bots) {
      if (b.config().name().equals(name)) {
        return b;
      }
    }
    return null;
  }

  /** Restores processed candles, open trades and pending entries once the store answers. */
  private boolean ensureRestored(LiveBot bot) {
    if (restored.contains(bot)) {
      return true;
    }
    String name = bot.config().name();
    try {
      Map<String, Long> processed = store.lastProcessed(name);
      long newest = processed.values().stream().mapToLong(Long::longValue).max().orElse(0L);
      long since = newest - LiveBot.PENDING_CANDLES * bot.config().timeframe().millis();
      long sentSince = System.currentTimeMillis() - pendingTimeout.toMillis();
      bot.restore(
          processed,
          store.openTrades(name),
          store.pendingEntries(name, since, sentSince),
          store.pendingExits(name));
      restored.add(bot);
      return true;
    } catch (RuntimeException e) {
      Log.warnf("bot %s: state not restored yet (%s)", name, e.getMessage());
      return false;
    }
  }
}
