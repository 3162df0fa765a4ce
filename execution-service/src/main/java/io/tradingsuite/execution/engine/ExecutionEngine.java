package io.tradingsuite.execution.engine;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.Money;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.core.ExitDecision;
import io.tradingsuite.core.ExitEvaluator;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.ExitReason;
import io.tradingsuite.core.FtMath;
import io.tradingsuite.core.ProfitCalculator;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.core.TradePosition;
import io.tradingsuite.execution.engine.Rows.CandleRow;
import io.tradingsuite.execution.engine.Rows.OrderRow;
import io.tradingsuite.execution.engine.Rows.OrderState;
import io.tradingsuite.execution.engine.Rows.SignalRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The order book, paper venue and trade ledger of execution-service: plain Java over {@link
 * Database}. Every input (decision, signal, candle) is handled in one database transaction together
 * with its effects (orders, wallet, trades, and the fills to publish, stored in the outbox), so a
 * crash either keeps all of it or none of it and a redelivery finds its outcome stored. A batch of
 * inputs of one kind (a Kafka poll: {@link #onDecisions}, {@link #onSignals}, {@link #onCandles})
 * is handled input by input, in order, exactly as one call per input would, in one transaction: all
 * of the batch is committed or none of it. Calls are serialized.
 *
 * <p>Only this engine writes its tables, so it keeps in memory what would otherwise be read from
 * the database for every input: the wallet's balances (written once per transaction, before the
 * commit), stored signals (they never change), parsed exit plans, and which signals resting orders
 * wait for. What a transaction changes becomes the committed view only after its commit succeeded;
 * on a failure it is dropped (and what cannot be undone is read again from the database).
 *
 * <p>Paper fills follow the backtest exactly (DESIGN.md "Orders, exits and parity"): the market
 * order of a signal computed on candle N fills at the open of the first candle of that market and
 * timeframe with {@code open_time > N} (kept in {@code paper_candle}, so a decision that arrives
 * late still fills there); an entry's trade is then evaluated by trading-core's {@link
 * ExitEvaluator} on its entry candle and on every later closed candle, and a stop, ROI or trailing
 * exit fills at the evaluator's price.
 */
public final class ExecutionEngine {
  private static final System.Logger LOG = System.getLogger(ExecutionEngine.class.getName());

  private static final int SIGNALS_KEPT = 20_000;
  private static final int ACKS_PER_TRANSACTION = 10_000;
  private static final int PLANS_KEPT = 1_024;

  /**
   * What an input (or a batch of them) produced: fills to publish (already in the outbox) and live
   * orders to send; for a batch, {@code fillSources.get(i)} is the index of the input that produced
   * {@code fills.get(i)} (empty when not known).
   */
  public record Outcome(List<Fill> fills, List<OrderRow> toSend, List<Integer> fillSources) {
    public static final Outcome EMPTY = new Outcome(List.of(), List.of());

    public Outcome(List<Fill> fills, List<OrderRow> toSend) {
      this(fills, toSend, List.of());
    }
  }

  /**
   * Something the caller opens around the handling of one input of a batch (a tracing span with the
   * input's log context, say), closed when that input is handled.
   */
  public interface ItemScope extends AutoCloseable {
    ItemScope NONE = () -> {};

    @Override
    void close();
  }

  /** Marks the fills added since the last call as made by input {@code index}. */
  private static void sourced(List<Integer> sources, int fills, int index) {
    while (sources.size() < fills) {
      sources.add(index);
    }
  }

  /** No scope around an item: for the one-input calls and for callers that need none. */
  public static ItemScope noScope(int index) {
    return ItemScope.NONE;
  }

  /** An open trade's rule state, rebuilt from the database after a restart. */
  private static final class Tracked {
    final TradePosition pos;
    final ExitEvaluator evaluator;
    long lastCandleTime;

    Tracked(TradePosition pos, ExitEvaluator evaluator, long lastCandleTime) {
      this.pos = pos;
      this.evaluator = evaluator;
      this.lastCandleTime = lastCandleTime;
    }
  }

  private final Database db;
  private final EngineSettings cfg;
  private final Clock clock;
  private final double fee;
  private final double slippage;
  private final Map<String, Tracked> tracked = new HashMap<>();
  private final ExitDecision decision = new ExitDecision();

  // What the engine keeps in memory. Only the engine writes these tables, and its calls are
  // serialized (synchronized), so memory and database agree: changes made by a transaction are
  // kept aside while it runs and become the committed view only after its commit succeeded.

  /** The paper wallet as committed, by currency; null until first read. */
  private Map<String, BigDecimal> wallet;

  /** Balances changed by the transaction in flight: written just before its commit. */
  private final Map<String, BigDecimal> walletChanges = new LinkedHashMap<>();

  /** Stored signals by id (a stored signal never changes); bounded, thread-safe for the metrics. */
  private final Map<String, SignalRow> signals = Collections.synchronizedMap(lru(SIGNALS_KEPT));

  /** Signals stored by the transaction in flight. */
  private final Map<String, SignalRow> newSignals = new HashMap<>();

  /**
   * Signals that market orders resting in the book may be waiting for (a superset: an order whose
   * signal was not stored when it was placed); null until read from the book.
   */
  private Set<String> awaitedSignals;

  /** Awaited signals that arrived in the transaction in flight. */
  private final Set<String> arrivedSignals = new HashSet<>();

  /** Fills the broker acknowledged, to be marked published (by any thread; see acknowledged()). */
  private final Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** Stored exit plans (JSON) as trading-core plans: a handful of distinct plans, parsed once. */
  private final Map<String, ExitPlan> plans = lru(PLANS_KEPT);

  public ExecutionEngine(Database db, EngineSettings cfg, Clock clock) {
    this.db = db;
    this.cfg = cfg;
    this.clock = clock;
    this.fee = cfg.fee().doubleValue();
    this.slippage = cfg.slippage().doubleValue();
  }

  public EngineSettings settings() {
    return cfg;
  }

  public Database database() {
    return db;
  }

  /** Seeds the paper wallet with {@code dry_run_wallet} the first time the service runs. */
  public synchronized void initWallet() {
    db.transact(
        s -> {
          if (!s.hasWallet()) {
            s.insertBalance(cfg.stakeCurrency(), cfg.dryRunWallet());
          }
          return null;
        });
    wallet = null; // read again on first use
  }

  // ================================================================ inputs

  /** Remembers a signal's candle and exit reason; fills paper orders that were waiting for it. */
  public Outcome onSignal(Signal sig) {
    return onSignals(List.of(sig), ExecutionEngine::noScope);
  }

  /**
   * {@link #onSignal} for each signal of a batch, in order, in one transaction: all of them are
   * stored, or (on a failure) none.
   */
  public synchronized Outcome onSignals(List<Signal> batch, IntFunction<ItemScope> scope) {
    return run(
        s -> {
          List<Fill> out = new ArrayList<>();
          List<Integer> sources = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            try (ItemScope ignored = scope.apply(i)) {
              signal(s, batch.get(i), out);
            }
            sourced(sources, out.size(), i);
          }
          return new Outcome(out, List.of(), sources);
        });
  }

  private void signal(Store s, Signal sig, List<Fill> out) {
    if (signal(s, sig.id()) != null) {
      return;
    }
    SignalRow row =
        new SignalRow(
            sig.id(),
            sig.strategy(),
            sig.exchange(),
            sig.pair(),
            sig.timeframe(),
            sig.candleTime().toEpochMilli(),
            sig.action().name().toLowerCase(Locale.ROOT),
            sig.exitReason(),
            sig.tradeId());
    s.insertSignal(row);
    newSignals.put(row.signalId(), row);
    if (cfg.mode() == TradingMode.PAPER && awaitedSignals(s).contains(sig.id())) {
      arrivedSignals.add(sig.id());
      for (OrderRow o : s.openMarketOrders(sig.exchange(), sig.pair())) {
        if (o.signalId().equals(sig.id())) {
          tryFill(s, o, out);
        }
      }
    }
  }

  private Set<String> awaitedSignals(Store s) {
    if (awaitedSignals == null) {
      awaitedSignals = new HashSet<>(s.signalsOfOpenMarketOrders());
    }
    return awaitedSignals;
  }

  /** A stored signal (of this transaction too), or null. */
  private SignalRow signal(Store s, String id) {
    SignalRow row = newSignals.get(id);
    if (row == null) {
      row = signals.get(id);
    }
    if (row == null) {
      row = s.signal(id);
      if (row != null) {
        signals.put(id, row); // stored and committed before this transaction
      }
    }
    return row;
  }

  /**
   * A stored signal, or null: from memory when this process has seen it, else from the database.
   */
  public SignalRow signal(String id) {
    SignalRow row = signals.get(id);
    return row != null ? row : read(st -> st.signal(id));
  }

  /**
   * Acts on a risk decision once. {@code problems} are the contract rules the decision breaks (it
   * is decoded leniently so that an invalid order gets a REJECTED fill with the reason, not
   * silence).
   */
  public Outcome onDecision(RiskDecision d, List<String> problems) {
    return onDecisions(
        List.of(d), java.util.Collections.singletonList(problems), ExecutionEngine::noScope);
  }

  /**
   * {@link #onDecision} for each decision of a batch (a Kafka poll), in order, in one transaction:
   * every order, fill and wallet change of the batch is committed together, or (on a failure) none
   * of it. {@code problems.get(i)} are the contract problems of {@code batch.get(i)}.
   */
  public synchronized Outcome onDecisions(
      List<RiskDecision> batch, List<List<String>> problems, IntFunction<ItemScope> scope) {
    if (problems.size() != batch.size()) {
      throw new IllegalArgumentException("one list of problems per decision");
    }
    return run(
        s -> {
          List<Fill> fills = new ArrayList<>();
          List<OrderRow> toSend = new ArrayList<>();
          List<Integer> sources = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            try (ItemScope ignored = scope.apply(i)) {
              Outcome o = decide(s, batch.get(i), problems.get(i));
              fills.addAll(o.fills());
              toSend.addAll(o.toSend());
            }
            sourced(sources, fills.size(), i);
          }
          return new Outcome(fills, toSend, sources);
        });
  }

  private Outcome decide(Store s, RiskDecision d, List<String> problems) {
    Order o = d.order();
    long now = clock.millis();
    if (!s.markProcessed("decision:" + d.id(), "risk.decisions.v1", now)) {
      // redelivery: re-emit what it produced, send nothing new
      return o == null || o.clientOrderId() == null
          ? Outcome.EMPTY
          : new Outcome(s.fillsOfOrder(o.clientOrderId()), List.of());
    }
    if (!d.approved() || o == null) {
      return Outcome.EMPTY;
    }
    if (o.exchange() == null || !cfg.exchanges().contains(o.exchange().toLowerCase(Locale.ROOT))) {
      LOG.log(
          System.Logger.Level.INFO,
          "decision {0} is for exchange {1}, not served here ({2}); ignored",
          d.id(),
          o.exchange(),
          cfg.exchanges());
      return Outcome.EMPTY;
    }
    String coid = o.clientOrderId();
    if (s.orderExists(coid)) {
      // the same order again (a second decision with the same client order id): nothing new
      // is sent
      return new Outcome(s.fillsOfOrder(coid), List.of());
    }
    String tradeId = o.tradeId() == null || o.tradeId().isBlank() ? coid : o.tradeId();
    String reject = refusal(s, d, o, tradeId, problems, now);
    boolean paper = cfg.mode() == TradingMode.PAPER;
    OrderState state =
        reject != null ? OrderState.REJECTED : paper ? OrderState.OPEN : OrderState.NEW;
    OrderRow row =
        new OrderRow(
            coid,
            d.id(),
            d.signalId(),
            tradeId,
            o.exchange(),
            o.pair(),
            o.side() == null ? "?" : o.side().name(),
            o.type() == null ? "?" : o.type().name(),
            o.amount(),
            o.stakeAmount(),
            o.limitPrice(),
            state,
            mode(),
            null,
            null,
            null,
            null,
            null,
            reject,
            0,
            o.exitPlan() == null ? null : Plans.toJson(o.exitPlan()),
            now,
            now);
    List<Fill> out = new ArrayList<>();
    if (reject != null) {
      s.insertOrder(row.with(OrderState.REJECTED, null, null, null, null, reject, 1, now));
      out.add(rejectedFill(s, row, 1, reject, now));
      return new Outcome(out, List.of());
    }
    s.insertOrder(row); // persisted before it is sent anywhere
    if (paper) {
      tryFill(s, row, out);
      return new Outcome(out, List.of());
    }
    return new Outcome(out, List.of(row));
  }

  /**
   * Stores a closed candle, fills paper orders waiting for it, and runs every open trade's exit
   * rules.
   */
  public Outcome onCandle(Candle c) {
    return onCandles(List.of(c), ExecutionEngine::noScope);
  }

  /** {@link #onCandle} for each candle of a batch, in order, in one transaction. */
  public synchronized Outcome onCandles(List<Candle> batch, IntFunction<ItemScope> scope) {
    return run(
        s -> {
          List<Fill> out = new ArrayList<>();
          List<Integer> sources = new ArrayList<>();
          for (int i = 0; i < batch.size(); i++) {
            try (ItemScope ignored = scope.apply(i)) {
              candle(s, batch.get(i), out);
            }
            sourced(sources, out.size(), i);
          }
          return new Outcome(out, List.of(), sources);
        });
  }

  private void candle(Store s, Candle c, List<Fill> out) {
    if (!s.insertCandle(c)) {
      return; // stored before, so it was processed in that same transaction
    }
    if (cfg.mode() == TradingMode.PAPER) {
      List<OrderRow> pending = s.openMarketOrders(c.exchange(), c.pair());
      // exits first: an exit signal acting on a candle wins over that candle's stop and ROI
      for (OrderRow o : pending) {
        if ("SELL".equals(o.side())) {
          tryFill(s, o, out);
        }
      }
      for (OrderRow o : pending) {
        if ("BUY".equals(o.side())) {
          tryFill(s, o, out);
        }
      }
    }
    long t = c.openTime().toEpochMilli();
    for (TradeRow tr : s.openTrades(c.exchange(), c.pair(), c.timeframe())) {
      if (tr.lastCandleTime() < t && !exitInFlight(s, tr)) {
        advance(s, tr, t, out);
      }
    }
  }

  /**
   * Start-up reconciliation for the paper book: orders still resting are matched against stored
   * candles.
   */
  public synchronized Outcome reconcilePaper() {
    if (cfg.mode() != TradingMode.PAPER) {
      return Outcome.EMPTY;
    }
    return run(
        s -> {
          List<Fill> out = new ArrayList<>();
          for (OrderRow o : s.ordersInStates(List.of(OrderState.OPEN))) {
            if ("MARKET".equals(o.type())) {
              tryFill(s, o, out);
            }
          }
          return new Outcome(out, List.of());
        });
  }

  // ================================================================ validation

  private String refusal(
      Store s, RiskDecision d, Order o, String tradeId, List<String> problems, long now) {
    if (problems != null && !problems.isEmpty()) {
      String first = problems.get(0);
      String code =
          first.startsWith("order.amount") || first.startsWith("order.stake_amount")
              ? "invalid_amount"
              : "invalid_order";
      return code + ": " + first;
    }
    if (d.expiresAt() != null && d.expiredAt(Instant.ofEpochMilli(now))) {
      return "expired";
    }
    String pair = o.pair().toUpperCase(Locale.ROOT);
    if (!quote(pair).equals(cfg.stakeCurrency())) {
      return "unknown_pair: "
          + pair
          + " is not quoted in the wallet's stake currency "
          + cfg.stakeCurrency();
    }
    if (!cfg.pairs().isEmpty() && !cfg.pairs().contains(pair)) {
      return "unknown_pair: " + pair + " is not in execution.pairs";
    }
    if (cfg.mode() == TradingMode.PAPER && o.type() != OrderType.MARKET) {
      return "unsupported_order_type: the paper venue takes market orders (protective orders are its own)";
    }
    if (o.side() == OrderSide.BUY) {
      if (o.exitPlan() == null) {
        return "invalid_order: order.exit_plan is required for an entry";
      }
      // a trade is only ever stored with its entry order (same trade id), so the orders say it all
      if (s.hasOrdersOfTrade(tradeId)) {
        return "duplicate_trade: trade " + tradeId + " already has an entry";
      }
    } else {
      TradeRow t = s.trade(tradeId);
      if (t == null || !t.isOpen()) {
        return "trade_not_open: trade "
            + tradeId
            + (t == null ? " is unknown" : " is already closed");
      }
      for (OrderRow other : s.ordersOfTrade(tradeId)) {
        if ("SELL".equals(other.side())
            && "MARKET".equals(other.type())
            && !other.state().isFinal()) {
          return "exit_pending: trade "
              + tradeId
              + " already has exit order "
              + other.clientOrderId();
        }
      }
    }
    return null;
  }

  // ================================================================ paper fills

  private void tryFill(Store s, OrderRow o, List<Fill> out) {
    SignalRow sig = signal(s, o.signalId());
    if (sig == null) {
      awaitedSignals(s).add(o.signalId());
      return; // the signal (its candle time) is not known yet: wait for it
    }
    if ("BUY".equals(o.side())) {
      // the candle it fills on (the first after the signal's) and any later one it catches up with
      List<CandleRow> after =
          s.candles(o.exchange(), o.pair(), sig.timeframe(), sig.candleTime(), Long.MAX_VALUE);
      if (!after.isEmpty()) {
        fillEntry(s, o, sig, after, out);
      }
      return;
    }
    TradeRow t = s.trade(o.tradeId());
    if (t == null || !t.isOpen()) {
      String why = "trade_not_open: trade " + o.tradeId() + " closed before the exit filled";
      long now = clock.millis();
      s.updateOrder(o.with(OrderState.REJECTED, null, null, null, null, why, o.fillSeq() + 1, now));
      out.add(rejectedFill(s, o, o.fillSeq() + 1, why, now));
      return;
    }
    CandleRow k =
        s.firstCandleAfter(
            o.exchange(), o.pair(), t.timeframe(), Math.max(sig.candleTime(), t.openTime() - 1));
    if (k == null) {
      return;
    }
    Tracked tr = tracked(s, t);
    double rate = k.open().doubleValue() * (1 - slippage);
    String reason =
        sig.exitReason() != null && !sig.exitReason().isBlank()
            ? sig.exitReason()
            : ExitReason.EXIT_SIGNAL.wireName();
    closeTrade(s, t, tr, rate, reason, k.openTime(), o, out);
  }

  /** Fills an entry at the open of {@code candles.get(0)} and runs its exit rules over them all. */
  private void fillEntry(
      Store s, OrderRow o, SignalRow sig, List<CandleRow> candles, List<Fill> out) {
    CandleRow k = candles.get(0);
    long now = clock.millis();
    double open = k.open().doubleValue();
    double price = slippage == 0.0 ? open : open * (1 + slippage);
    // the backtest's sizing: amount = stake / price, stake = amount * price (no amount precision
    // known)
    double amount =
        o.stakeAmount() != null ? o.stakeAmount().doubleValue() / price : o.amount().doubleValue();
    double stake = amount * price;
    BigDecimal priceBd = FtMath.precise(price);
    BigDecimal amountBd = FtMath.precise(amount);
    BigDecimal cost = amountBd.multiply(priceBd);
    BigDecimal entryFee = cost.multiply(cfg.fee());
    BigDecimal need = cost.add(entryFee);
    String quote = quote(o.pair());
    String base = base(o.pair());
    BigDecimal free = balance(s, quote);
    if (free.compareTo(need) < 0) {
      String why =
          "insufficient_funds: need "
              + Money.format(need)
              + " "
              + quote
              + ", free "
              + Money.format(free);
      s.updateOrder(o.with(OrderState.REJECTED, null, null, null, null, why, o.fillSeq() + 1, now));
      out.add(rejectedFill(s, o, o.fillSeq() + 1, why, now));
      return;
    }
    walletChanges.put(quote, free.subtract(need));
    walletChanges.put(base, balance(s, base).add(amountBd));

    ExitPlan plan = plan(o.exitPlan());
    ExitEvaluator evaluator = new ExitEvaluator(plan, Timeframe.parse(sig.timeframe()).minutes());
    TradePosition pos = newPosition(o.pair(), k.openTime(), price, amount, stake, plan);
    Tracked tr = new Tracked(pos, evaluator, k.openTime() - 1);
    BigDecimal stop = stopPrice(pos);
    BigDecimal takeProfit = takeProfit(tr);
    // the entry candle and any candle that arrived before this decision, exactly as the backtest
    // does; run before the trade is written, so that it is written once, as it then stands
    CandleRow exitCandle = null;
    for (CandleRow c : candles) {
      boolean exits = evaluate(tr, c);
      tr.lastCandleTime = c.openTime();
      if (exits) {
        exitCandle = c;
        break;
      }
    }
    long progress = k.openTime() - 1; // an exit on catching up closes the trade as opened
    if (exitCandle == null) {
      progress = tr.lastCandleTime;
      stop = stopPrice(pos);
      takeProfit = takeProfit(tr);
    }
    TradeRow t =
        new TradeRow(
            o.tradeId(),
            o.exchange(),
            o.pair(),
            sig.timeframe(),
            sig.strategy(),
            "open",
            mode(),
            o.clientOrderId(),
            o.decisionId(),
            o.signalId(),
            k.openTime(),
            priceBd,
            amountBd,
            FtMath.precise(stake),
            cfg.fee(),
            entryFee,
            o.exitPlan(),
            progress,
            stop,
            takeProfit,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    s.insertTrade(t);
    int seq = o.fillSeq() + 1;
    s.updateOrder(o.with(OrderState.FILLED, amountBd, priceBd, entryFee, null, null, seq, now));
    Fill f =
        new Fill(
            o.clientOrderId() + ":" + seq,
            o.clientOrderId(),
            o.decisionId(),
            o.signalId(),
            o.tradeId(),
            o.exchange(),
            o.pair(),
            OrderSide.BUY,
            priceBd,
            amountBd,
            entryFee,
            quote,
            TradingMode.PAPER,
            FillStatus.FILLED,
            null,
            null,
            Instant.ofEpochMilli(k.openTime()));
    s.insertFill(f, seq, null, now);
    out.add(f);
    // the protective legs: a stop and a take-profit, re-priced on every closed candle
    s.insertOrder(leg(o, ":sl", "STOP", amountBd, t.stopPrice(), now));
    s.insertOrder(leg(o, ":tp", "TAKE_PROFIT", amountBd, t.takeProfitPrice(), now));
    if (exitCandle != null) {
      double rate = decision.closeRate() * (1 - slippage);
      closeTrade(s, t, tr, rate, decision.reason().wireName(), exitCandle.openTime(), null, out);
    } else {
      tracked.put(t.tradeId(), tr);
    }
  }

  private OrderRow leg(
      OrderRow entry, String suffix, String type, BigDecimal amount, BigDecimal price, long now) {
    return new OrderRow(
        entry.tradeId() + suffix,
        entry.decisionId(),
        entry.signalId(),
        entry.tradeId(),
        entry.exchange(),
        entry.pair(),
        "SELL",
        type,
        amount,
        null,
        price,
        OrderState.OPEN,
        mode(),
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        null,
        now,
        now);
  }

  /**
   * Runs the exit rules of one open trade over its stored candles up to {@code upTo}; exits when
   * they say so.
   */
  private void advance(Store s, TradeRow t, long upTo, List<Fill> out) {
    Tracked tr = tracked(s, t);
    if (tr.lastCandleTime >= upTo) {
      return;
    }
    for (CandleRow k : s.candles(t.exchange(), t.pair(), t.timeframe(), tr.lastCandleTime, upTo)) {
      if (evaluate(tr, k)) {
        ExitReason reason = decision.reason();
        double rate = decision.closeRate() * (1 - slippage);
        tr.lastCandleTime = k.openTime();
        if (cfg.mode() == TradingMode.PAPER) {
          closeTrade(s, t, tr, rate, reason.wireName(), k.openTime(), null, out);
        }
        return;
      }
      tr.lastCandleTime = k.openTime();
    }
    BigDecimal stop = stopPrice(tr.pos);
    BigDecimal tp = takeProfit(tr);
    s.updateTradeProgress(t.tradeId(), tr.lastCandleTime, stop, tp);
    long now = clock.millis();
    // an open trade's legs rest at the trade's stop and take-profit prices (both are written
    // together, here and when the trade is opened), so t says where they rest without reading them
    if (changed(t.stopPrice(), stop)) {
      s.repriceOpenLeg(t.tradeId() + ":sl", stop, now);
    }
    if (changed(t.takeProfitPrice(), tp)) {
      s.repriceOpenLeg(t.tradeId() + ":tp", tp, now);
    }
  }

  private static boolean changed(BigDecimal before, BigDecimal after) {
    return after == null ? before != null : before == null || after.compareTo(before) != 0;
  }

  private boolean evaluate(Tracked tr, CandleRow k) {
    return tr.evaluator.evaluate(
        tr.pos,
        k.openTime(),
        k.open().doubleValue(),
        k.high().doubleValue(),
        k.low().doubleValue(),
        k.close().doubleValue(),
        false,
        false,
        decision);
  }

  private void closeTrade(
      Store s,
      TradeRow t,
      Tracked tr,
      double rate,
      String reason,
      long time,
      OrderRow exitOrder,
      List<Fill> out) {
    long now = clock.millis();
    BigDecimal rateBd = FtMath.precise(rate);
    BigDecimal amount = t.amount();
    BigDecimal proceeds = amount.multiply(rateBd);
    BigDecimal exitFee = proceeds.multiply(t.feeRatio());
    String quote = quote(t.pair());
    String base = base(t.pair());
    walletChanges.put(quote, balance(s, quote).add(proceeds).subtract(exitFee));
    walletChanges.put(base, balance(s, base).subtract(amount));
    // profit exactly as the backtest computes it (trading-core), reported to 8 decimals
    BigDecimal profitAbs = FtMath.toMoney(tr.pos.profitAbs(rate));
    BigDecimal profitRatio = FtMath.toMoney(tr.pos.profitRatio(rate));

    OrderRow sl = s.order(t.tradeId() + ":sl");
    OrderRow tp = s.order(t.tradeId() + ":tp");
    OrderRow filled = exitOrder;
    if (filled == null) {
      filled = ExitReason.ROI.wireName().equals(reason) ? tp : sl;
    }
    for (OrderRow leg : new OrderRow[] {sl, tp}) {
      if (leg != null && !leg.equals(filled) && !leg.state().isFinal()) {
        s.updateOrder(
            leg.with(
                OrderState.CANCELED,
                null,
                null,
                null,
                null,
                "trade closed: " + reason,
                leg.fillSeq(),
                now));
      }
    }
    int seq = filled.fillSeq() + 1;
    s.updateOrder(filled.with(OrderState.FILLED, amount, rateBd, exitFee, reason, null, seq, now));
    Fill f =
        new Fill(
            filled.clientOrderId() + ":" + seq,
            filled.clientOrderId(),
            filled.decisionId(),
            filled.signalId(),
            t.tradeId(),
            t.exchange(),
            t.pair(),
            OrderSide.SELL,
            rateBd,
            amount,
            exitFee,
            quote,
            TradingMode.PAPER,
            FillStatus.FILLED,
            reason,
            null,
            Instant.ofEpochMilli(time));
    s.insertFill(f, seq, null, now);
    out.add(f);
    s.closeTrade(
        t.tradeId(), time, rateBd, exitFee, reason, profitAbs, profitRatio, filled.clientOrderId());
    tracked.remove(t.tradeId());
  }

  private boolean exitInFlight(Store s, TradeRow t) {
    if (cfg.mode() == TradingMode.PAPER) {
      return false;
    }
    for (OrderRow o : s.ordersOfTrade(t.tradeId())) {
      if ("SELL".equals(o.side()) && "MARKET".equals(o.type()) && !o.state().isFinal()) {
        return true;
      }
    }
    return false;
  }

  // ================================================================ trade state

  private TradePosition newPosition(
      String pair, long openTime, double price, double amount, double stake, ExitPlan plan) {
    // as the backtest: the entry order's position, its initial stop, then the first entry fill
    TradePosition pos = new TradePosition(pair, openTime, price, amount, stake, fee, fee, -1);
    pos.adjustStopLoss(price, plan.stoploss(), true);
    pos.onFirstEntryFilled(price, amount, stake);
    return pos;
  }

  private Tracked tracked(Store s, TradeRow t) {
    Tracked tr = tracked.get(t.tradeId());
    if (tr != null) {
      return tr;
    }
    // after a restart: rebuild the rule state by replaying the candles the trade has seen
    ExitPlan plan = plan(t.exitPlan());
    ExitEvaluator evaluator = new ExitEvaluator(plan, Timeframe.parse(t.timeframe()).minutes());
    double feeRatio = t.feeRatio().doubleValue();
    TradePosition pos =
        new TradePosition(
            t.pair(),
            t.openTime(),
            t.openRate().doubleValue(),
            t.amount().doubleValue(),
            t.stakeAmount().doubleValue(),
            feeRatio,
            feeRatio,
            -1);
    pos.adjustStopLoss(pos.openRate(), plan.stoploss(), true);
    pos.onFirstEntryFilled(pos.openRate(), pos.amount(), pos.stakeAmount());
    tr = new Tracked(pos, evaluator, t.openTime() - 1);
    for (CandleRow k :
        s.candles(t.exchange(), t.pair(), t.timeframe(), t.openTime() - 1, t.lastCandleTime())) {
      evaluate(tr, k);
      tr.lastCandleTime = k.openTime();
    }
    tracked.put(t.tradeId(), tr);
    return tr;
  }

  private static BigDecimal stopPrice(TradePosition pos) {
    return Double.isNaN(pos.stopLoss()) ? null : FtMath.precise(pos.stopLoss());
  }

  /**
   * The take-profit leg: the price at which the ROI step active at the last candle is reached after
   * fees.
   */
  private static BigDecimal takeProfit(Tracked tr) {
    ExitPlan plan = tr.evaluator.plan();
    long at = Math.max(tr.lastCandleTime, tr.pos.openTime());
    int idx = plan.minimalRoi().activeIndex(tr.pos.durationMinutes(at));
    if (idx < 0) {
      return null;
    }
    double rate =
        ProfitCalculator.roiCloseRate(
            tr.pos.openRate(), plan.minimalRoi().ratioAt(idx), tr.pos.feeOpen(), tr.pos.feeClose());
    return rate > 0 && Double.isFinite(rate) ? FtMath.precise(rate) : null;
  }

  // ================================================================ helpers

  private Fill rejectedFill(Store s, OrderRow o, int seq, String reason, long now) {
    Fill f =
        new Fill(
            o.clientOrderId() + ":" + seq,
            o.clientOrderId(),
            o.decisionId(),
            o.signalId(),
            o.tradeId(),
            o.exchange(),
            o.pair(),
            "SELL".equals(o.side()) ? OrderSide.SELL : OrderSide.BUY,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            quoteOrStake(o.pair()),
            cfg.mode(),
            FillStatus.REJECTED,
            null,
            reason,
            Instant.ofEpochMilli(now));
    s.insertFill(f, seq, null, now);
    return f;
  }

  private String mode() {
    return cfg.mode().name().toLowerCase(Locale.ROOT);
  }

  private String quoteOrStake(String pair) {
    String q = pair == null ? "" : quote(pair);
    return q.isBlank() ? cfg.stakeCurrency() : q;
  }

  static String quote(String pair) {
    int i = pair.indexOf('/');
    return i < 0 ? "" : pair.substring(i + 1).toUpperCase(Locale.ROOT);
  }

  static String base(String pair) {
    int i = pair.indexOf('/');
    return (i < 0 ? pair : pair.substring(0, i)).toUpperCase(Locale.ROOT);
  }

  /**
   * Runs a unit of work in one transaction. What it changed in memory becomes the committed view
   * after the commit; on any failure it is dropped with the transaction.
   */
  private Outcome run(Function<Store, Outcome> work) {
    walletChanges.clear();
    newSignals.clear();
    arrivedSignals.clear();
    List<String> published = takeAcknowledged();
    try {
      Outcome out =
          db.transact(
              s -> {
                Outcome o = work.apply(s);
                writeWallet(s);
                if (!published.isEmpty()) {
                  s.markPublished(published);
                }
                return o;
              });
      if (!walletChanges.isEmpty()) {
        wallet.putAll(walletChanges);
      }
      signals.putAll(newSignals);
      if (awaitedSignals != null) {
        awaitedSignals.removeAll(arrivedSignals); // stored now: no order waits for them any more
      }
      return out;
    } catch (RuntimeException e) {
      tracked.clear(); // the rule state may have moved inside the rolled-back transaction
      awaitedSignals = null; // read again from the book
      acknowledged.addAll(published); // still to be marked
      throw e;
    } finally {
      walletChanges.clear();
      newSignals.clear();
      arrivedSignals.clear();
    }
  }

  /** A balance as this transaction sees it. */
  private BigDecimal balance(Store s, String currency) {
    BigDecimal changed = walletChanges.get(currency);
    if (changed != null) {
      return changed;
    }
    if (wallet == null) {
      wallet = new HashMap<>(s.balances());
    }
    return wallet.getOrDefault(currency, BigDecimal.ZERO);
  }

  /** The balances this transaction changed, one statement per currency. */
  private void writeWallet(Store s) {
    if (walletChanges.isEmpty()) {
      return;
    }
    if (wallet == null) {
      wallet = new HashMap<>(s.balances());
    }
    for (Map.Entry<String, BigDecimal> e : walletChanges.entrySet()) {
      if (wallet.containsKey(e.getKey())) {
        s.updateBalance(e.getKey(), e.getValue());
      } else {
        s.insertBalance(e.getKey(), e.getValue());
      }
    }
  }

  /** A stored exit plan as trading-core's (parsed once per distinct plan). */
  private ExitPlan plan(String json) {
    ExitPlan p = plans.get(json);
    if (p == null) {
      p = Plans.toCore(Plans.fromJson(json));
      plans.put(json, p);
    }
    return p;
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
  }

  // ================================================================ outbox and reads

  public List<Fill> unpublishedFills(int limit, long createdBefore) {
    return db.transact(s -> s.unpublishedFills(limit, createdBefore));
  }

  /**
   * A fill the broker acknowledged: marked published by the next transaction of the engine (an
   * input's, so that marking costs no commit of its own while inputs flow) or by {@link
   * #flushAcknowledged()}. Thread-safe; called from the producer's callback.
   */
  public void acknowledged(String fillId) {
    acknowledged.add(fillId);
  }

  /** Whether a fill was acknowledged and is not marked published yet. */
  public boolean isAcknowledged(String fillId) {
    return acknowledged.contains(fillId);
  }

  /** Marks the acknowledged fills published now (when no input came to do it). */
  public synchronized void flushAcknowledged() {
    if (!acknowledged.isEmpty()) {
      run(s -> Outcome.EMPTY);
    }
  }

  /** Takes acknowledged fills to mark published in this transaction (given back if it fails). */
  private List<String> takeAcknowledged() {
    if (acknowledged.isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (var it = acknowledged.iterator(); it.hasNext() && ids.size() < ACKS_PER_TRANSACTION; ) {
      ids.add(it.next());
      it.remove();
    }
    return ids;
  }

  public <T> T read(Function<Store, T> query) {
    return db.transact(query);
  }

  /** Orders newest first, optionally only of one state (upper case) or one trade. */
  public List<OrderRow> orders(String state, String tradeId, int limit) {
    return read(st -> st.orders(state, tradeId, limit));
  }

  /** Trades newest first; {@code status} open, closed or null for both. */
  public List<TradeRow> trades(String status, int limit) {
    return read(st -> st.trades(status, limit));
  }

  /** One trade, or null. */
  public TradeRow trade(String tradeId) {
    return read(st -> st.trade(tradeId));
  }

  /** The newest stored candle of a market, or null. */
  public CandleRow lastCandle(String exchange, String pair, String timeframe) {
    return read(st -> st.lastCandle(exchange, pair, timeframe));
  }

  /** The wallet as of one transaction: balances by currency, open trades, realized profit. */
  public record Wallet(
      Map<String, BigDecimal> balances, List<TradeRow> open, BigDecimal realized) {}

  public Wallet wallet() {
    return read(
        st -> {
          BigDecimal realized = BigDecimal.ZERO;
          for (TradeRow t : st.trades("closed", Integer.MAX_VALUE)) {
            realized = realized.add(t.profitAbs() == null ? BigDecimal.ZERO : t.profitAbs());
          }
          return new Wallet(st.balances(), st.trades("open", Integer.MAX_VALUE), realized);
        });
  }
}
