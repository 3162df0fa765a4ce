package io.tradingsuite.strategy.live;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.TradePosition;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.StrategyParams;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One live bot (plain Java): keeps a rolling window per pair and, on each closed candle, runs
 * exactly the code a backtest runs ({@code strategy.computeSignals} over whole columns) and reads
 * the last row. An entry signal (and no exit signal, as in the engine) on a pair without an open or
 * pending trade gives {@code enter_long} with the stake and the exit plan; an exit signal gives
 * {@code exit_long} for each open trade of the pair. ROI, stoploss and trailing exits are not
 * signalled here: execution-service carries them out with the trading-core rules.
 *
 * <p>Signal ids are a hash of bot, market, candle time and action (and trade), so evaluating a
 * candle again gives the same ids. Candles at or before the last processed one are duplicates and
 * give nothing. Not thread-safe: the adapter serialises calls per bot.
 *
 * <p>A sent entry stays pending until its answer arrives: a fill opens the trade, a rejected order
 * or a risk denial frees the pair. Only an entry that got no answer at all (a lost message, an
 * exchange no execution-service serves) is given up, and only once both {@link #PENDING_CANDLES}
 * candles and the wall-clock {@code pendingTimeout} have passed: candle time alone runs far ahead
 * of the round trip to risk- and execution-service when candles are replayed fast or caught up
 * after a pause.
 */
public final class LiveBot {

  /**
   * A signal without any answer is given up after this many candles (and the wall-clock timeout).
   */
  static final int PENDING_CANDLES = 3;

  /**
   * The default wall-clock part of giving up: twice risk-service's default decision TTL (60 s),
   * after which execution-service answers an approved order with a fill or an {@code expired}
   * rejection.
   */
  public static final Duration DEFAULT_PENDING_TIMEOUT = Duration.ofMinutes(2);

  private final BotConfig cfg;
  private final Duration pendingTimeout;
  private final StrategyParams params;
  private final io.tradingsuite.contracts.ExitPlan wirePlan;
  private final Map<String, PairWindow> windows = new LinkedHashMap<>();
  private final Map<String, Long> lastProcessed = new LinkedHashMap<>();
  private final Map<String, OpenTrade> openTrades = new LinkedHashMap<>();
  private final Map<String, Pending> pendingEntries = new LinkedHashMap<>();

  /** Exit signals without an answer, by trade id. */
  private final Map<String, Pending> pendingExits = new LinkedHashMap<>();

  /** Signals whose answer was awaited in vain once: later candles do not wait for them again. */
  private final java.util.Set<String> waitedOut = new java.util.HashSet<>();

  /** A trade this bot opened, as learned from its entry fill. */
  public record OpenTrade(
      String tradeId,
      String pair,
      BigDecimal openRate,
      BigDecimal amount,
      BigDecimal fee,
      Instant openedAt) {}

  /**
   * A signal sent on the close of {@code candleTime}, at wall time {@code sentAt} (ms), without an
   * answer yet.
   */
  public record Pending(String signalId, long candleTime, long sentAt) {}

  /**
   * The outcome of one candle, applied with {@link #commit} once the signals are published and
   * stored.
   */
  public record Evaluation(
      Candle candle, List<Signal> signals, boolean enter, boolean exit, int rows) {}

  public LiveBot(BotConfig cfg) {
    this(cfg, DEFAULT_PENDING_TIMEOUT);
  }

  /**
   * A bot that gives up a signal without an answer after {@code pendingTimeout} (and the candles).
   */
  public LiveBot(BotConfig cfg, Duration pendingTimeout) {
    this.cfg = cfg;
    this.pendingTimeout = pendingTimeout;
    this.params = cfg.strategy().resolveParams(cfg.params());
    this.wirePlan = wirePlan(cfg.exitPlan());
    for (String p : cfg.pairs()) {
      windows.put(p, new PairWindow(cfg.window()));
    }
  }

  public BotConfig config() {
    return cfg;
  }

  public StrategyParams params() {
    return params;
  }

  public io.tradingsuite.contracts.ExitPlan exitPlan() {
    return wirePlan;
  }

  /** Whether the candle is of one of this bot's markets. */
  public boolean accepts(Candle c) {
    return c.exchange().equalsIgnoreCase(cfg.exchange())
        && windows.containsKey(c.pair())
        && c.timeframe().equals(cfg.timeframe().name());
  }

  /**
   * A candle at or before the last processed one of its pair (re-delivery, restart) gives nothing.
   */
  public boolean isDuplicate(Candle c) {
    Long last = lastProcessed.get(c.pair());
    return last != null && c.openTime().toEpochMilli() <= last;
  }

  /**
   * Whether the window lacks the candle just before {@code c} (start-up or a gap): history should
   * be loaded.
   */
  public boolean needsHistory(Candle c) {
    long t = c.openTime().toEpochMilli();
    Long before = windows.get(c.pair()).lastBefore(t);
    return before == null || before < t - cfg.timeframe().millis();
  }

  /** Adds stored candles (warm-up from market-data-service). */
  public void addHistory(String pair, CandleColumns history) {
    windows.get(pair).putAll(history);
  }

  /**
   * Computes the signals of a closed candle without changing the bot's trade state (beyond giving
   * up signals that never got an answer). {@code now} is the wall time, used for that and as the
   * signals' creation time.
   */
  public Evaluation evaluate(Candle c, Instant now) {
    String pair = c.pair();
    long t = c.openTime().toEpochMilli();
    PairWindow w = windows.get(pair);
    w.put(
        t,
        c.open().doubleValue(),
        c.high().doubleValue(),
        c.low().doubleValue(),
        c.close().doubleValue(),
        c.volume().doubleValue());
    CandleColumns cols = w.upTo(t);
    int n = cols.size();
    List<Signal> out = new ArrayList<>();
    if (n <= cfg.strategy().settings().startupCandleCount()) {
      return new Evaluation(c, out, false, false, n);
    }
    SignalColumns s = cfg.strategy().computeSignals(cols, params);
    boolean enter = s.enterLong()[n - 1];
    boolean exit = s.exitLong()[n - 1];
    expirePending(t, now);
    if (exit && !enter && cfg.exitPlan().useExitSignal()) {
      for (OpenTrade tr : openTrades.values()) {
        if (!tr.pair().equals(pair) || pendingExits.containsKey(tr.tradeId()) || !profitOk(tr, c)) {
          continue;
        }
        out.add(signal(c, SignalAction.EXIT_LONG, tr.tradeId(), now));
      }
    }
    if (enter && !exit && !hasTradeOrPending(pair) && slotFree()) {
      out.add(signal(c, SignalAction.ENTER_LONG, null, now));
    }
    return new Evaluation(c, out, enter, exit, n);
  }

  /**
   * Records the candle as processed and the sent signals as pending (sent at their creation time).
   */
  public void commit(Evaluation e) {
    long t = e.candle().openTime().toEpochMilli();
    lastProcessed.merge(e.candle().pair(), t, Math::max);
    for (Signal s : e.signals()) {
      Pending p = new Pending(s.id(), t, s.createdAt().toEpochMilli());
      if (s.action() == SignalAction.ENTER_LONG) {
        pendingEntries.put(s.pair(), p);
      } else {
        pendingExits.put(s.tradeId(), p);
      }
    }
  }

  /**
   * The signals of {@code c}'s pair sent on earlier candles that still await their answer. The
   * backtest knows each earlier signal's outcome when it reaches the next candle (an entry filled
   * at this candle's open can be exited on this candle; an exit filled at this open frees the pair
   * for an entry), so the live loop waits, bounded, for these answers before evaluating {@code c}.
   * Signals already waited for in vain are left out.
   */
  public List<String> unansweredBefore(Candle c) {
    long t = c.openTime().toEpochMilli();
    List<String> out = new ArrayList<>();
    Pending entry = pendingEntries.get(c.pair());
    if (entry != null && entry.candleTime() < t && !waitedOut.contains(entry.signalId())) {
      out.add(entry.signalId());
    }
    for (Map.Entry<String, Pending> e : pendingExits.entrySet()) {
      OpenTrade tr = openTrades.get(e.getKey());
      Pending p = e.getValue();
      if (tr != null
          && tr.pair().equals(c.pair())
          && p.candleTime() < t
          && !waitedOut.contains(p.signalId())) {
        out.add(p.signalId());
      }
    }
    return out;
  }

  /** The answers to these signals did not come in time: evaluate without them from now on. */
  public void stopWaitingFor(Collection<String> signalIds) {
    waitedOut.addAll(signalIds);
  }

  /** Restores state at start-up (pending entries by pair, pending exits by trade id). */
  public void restore(
      Map<String, Long> processed,
      Collection<OpenTrade> trades,
      Map<String, Pending> pending,
      Map<String, Pending> exits) {
    processed.forEach((p, t) -> lastProcessed.merge(p, t, Math::max));
    trades.forEach(tr -> openTrades.put(tr.tradeId(), tr));
    pendingEntries.putAll(pending);
    exits.forEach(
        (tradeId, p) -> {
          if (openTrades.containsKey(tradeId)) {
            pendingExits.put(tradeId, p);
          }
        });
  }

  /** An entry fill of one of this bot's signals: the trade is open (repeated fills update it). */
  public void onEntryFilled(OpenTrade trade) {
    openTrades.put(trade.tradeId(), trade);
    forget(pendingEntries.remove(trade.pair()));
  }

  private void forget(Pending p) {
    if (p != null) {
      waitedOut.remove(p.signalId());
    }
  }

  /**
   * The entry of {@code signalId} was denied by risk or its order rejected: the pair may enter
   * again.
   */
  public void onEntryRejected(String pair, String signalId) {
    Pending p = pendingEntries.get(pair);
    if (p != null && p.signalId().equals(signalId)) {
      forget(pendingEntries.remove(pair));
    }
  }

  /**
   * The trade was closed (exit signal, ROI, stoploss, trailing or force-exit at execution-service).
   */
  public void onTradeClosed(String tradeId) {
    openTrades.remove(tradeId);
    forget(pendingExits.remove(tradeId));
  }

  /**
   * The exit of {@code tradeId} was denied or its order rejected: a later exit signal may retry. A
   * {@code signalId} that is not the pending exit's (an older exit's late answer) changes nothing;
   * null matches any.
   */
  public void onExitRejected(String tradeId, String signalId) {
    Pending p = pendingExits.get(tradeId);
    if (p != null && (signalId == null || p.signalId().equals(signalId))) {
      forget(pendingExits.remove(tradeId));
    }
  }

  public boolean ownsTrade(String tradeId) {
    return openTrades.containsKey(tradeId);
  }

  public Map<String, Long> lastProcessed() {
    return Map.copyOf(lastProcessed);
  }

  public List<OpenTrade> openTrades() {
    return List.copyOf(openTrades.values());
  }

  public Map<String, Pending> pendingEntries() {
    return Map.copyOf(pendingEntries);
  }

  /** Exit signals without an answer yet, by trade id. */
  public Map<String, Pending> pendingExits() {
    return Map.copyOf(pendingExits);
  }

  public int windowSize(String pair) {
    PairWindow w = windows.get(pair);
    return w == null ? 0 : w.size();
  }

  private boolean hasTradeOrPending(String pair) {
    if (pendingEntries.containsKey(pair)) {
      return true;
    }
    for (OpenTrade tr : openTrades.values()) {
      if (tr.pair().equals(pair)) {
        return true;
      }
    }
    return false;
  }

  private boolean slotFree() {
    int max = cfg.maxOpenTrades();
    return max < 0 || openTrades.size() + pendingEntries.size() < max;
  }

  /**
   * Gives up signals without an answer once both enough candles and enough wall time have passed.
   */
  private void expirePending(long candleTime, Instant now) {
    long candles = PENDING_CANDLES * cfg.timeframe().millis();
    long sentBefore = now.toEpochMilli() - pendingTimeout.toMillis();
    java.util.function.Predicate<Pending> givenUp =
        p -> candleTime - p.candleTime() > candles && p.sentAt() <= sentBefore;
    for (Map<String, Pending> m : List.of(pendingEntries, pendingExits)) {
      m.values()
          .removeIf(
              p -> {
                if (givenUp.test(p)) {
                  forget(p);
                  return true;
                }
                return false;
              });
    }
  }

  /**
   * {@code exit_profit_only}: the profit at this close (fee-inclusive, trading-core arithmetic)
   * must exceed the offset.
   */
  private boolean profitOk(OpenTrade tr, Candle c) {
    ExitPlan plan = cfg.exitPlan();
    if (!plan.exitProfitOnly()) {
      return true;
    }
    double open = tr.openRate().doubleValue();
    double amount = tr.amount().doubleValue();
    double fee =
        tr.fee() == null || open * amount == 0 ? 0.0 : tr.fee().doubleValue() / (open * amount);
    TradePosition pos =
        new TradePosition(
            tr.pair(), tr.openedAt().toEpochMilli(), open, amount, open * amount, fee, fee, -1);
    return pos.profitRatio(c.close().doubleValue()) > plan.exitProfitOffset();
  }

  private Signal signal(Candle c, SignalAction action, String tradeId, Instant now) {
    boolean entry = action == SignalAction.ENTER_LONG;
    String id =
        signalId(cfg.name(), c.exchange(), c.pair(), c.timeframe(), c.openTime(), action, tradeId);
    return new Signal(
        id,
        cfg.strategy().name(),
        c.exchange(),
        c.pair(),
        c.timeframe(),
        c.openTime(),
        action,
        entry ? null : "exit_signal",
        tradeId,
        c.close(),
        entry ? cfg.stakeAmount() : null,
        entry ? wirePlan : null,
        now);
  }

  /** {@code sig-} + 32 hex digits of SHA-256 over what identifies the decision. */
  public static String signalId(
      String bot,
      String exchange,
      String pair,
      String timeframe,
      Instant candleTime,
      SignalAction action,
      String tradeId) {
    String key =
        bot
            + "|"
            + exchange.toLowerCase(java.util.Locale.ROOT)
            + "|"
            + pair
            + "|"
            + timeframe
            + "|"
            + candleTime.toEpochMilli()
            + "|"
            + action.name()
            + (tradeId == null ? "" : "|" + tradeId);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "sig-" + HexFormat.of().formatHex(d).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trading-core exit plan in the contract's decimal form. */
  static io.tradingsuite.contracts.ExitPlan wirePlan(ExitPlan p) {
    SortedMap<Integer, BigDecimal> roi = new TreeMap<>();
    p.minimalRoi().asMap().forEach((k, v) -> roi.put(k, new BigDecimal(Double.toString(v))));
    return new io.tradingsuite.contracts.ExitPlan(
        new BigDecimal(Double.toString(p.stoploss())),
        roi,
        p.trailingStop(),
        p.hasTrailingStopPositive()
            ? new BigDecimal(Double.toString(p.trailingStopPositive()))
            : null,
        new BigDecimal(Double.toString(p.trailingStopPositiveOffset())),
        p.trailingOnlyOffsetIsReached());
  }
}
