package io.tradingsuite.risk.domain;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.Timeframe;
import io.tradingsuite.core.protections.ClosedTrade;
import io.tradingsuite.core.protections.PairLock;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pre-trade risk gate, in plain Java: decides signals against the book (open trades, pending
 * orders, equity, protections, candle clock, circuit breaker) and keeps the book from fills and
 * candles. Not thread-safe: the service calls it under one lock, in message order.
 *
 * <p>Rules for an entry, first failing wins: INVALID_SIGNAL, DUPLICATE_SIGNAL,
 * CIRCUIT_BREAKER_OPEN, PAIR_LOCKED, STALE_MARKET_DATA, MAX_NOTIONAL, MAX_OPEN_TRADES,
 * MARKET_EXPOSURE, INSUFFICIENT_BALANCE, RATE_LIMIT. An exit (reduce-only) is checked only for
 * sense (INVALID_SIGNAL, DUPLICATE_SIGNAL): no circuit breaker, lock, limit or rate rule ever
 * blocks it.
 *
 * <p>A DCA buy ({@link Dca#isDcaEntry}) is an entry that may add to a pair with an open or pending
 * trade: each buy opens its own trade ({@link Ids#dcaTradeId}). Every other entry rule applies to
 * it, except MAX_OPEN_TRADES: DCA trades have no automatic exit, so counted as slots they would
 * soon block every strategy; they are bounded by the money rules (MAX_NOTIONAL, MARKET_EXPOSURE,
 * INSUFFICIENT_BALANCE) and RATE_LIMIT instead, and neither count against nor block strategy
 * entries.
 */
public final class RiskEngine {
  public static final String LONG = "long";

  /**
   * What a fill changed. {@code trade} is null when the fill named a trade this book does not know.
   */
  public record FillOutcome(OpenTrade trade, boolean closedNow, List<PairLock> newLocks) {}

  private final RiskLimits limits;
  private final Timeframe protectionTimeframe;
  private final Map<String, Account> accounts = new HashMap<>();

  /** market key|timeframe → newest candle open time (ms). */
  private final Map<String, Long> candleClock = new HashMap<>();

  /** exchange|timeframe → newest candle open time seen on any market of that exchange. */
  private final Map<String, Long> exchangeClock = new HashMap<>();

  /** natural key (strategy, market, timeframe, candle, action, trade) → signal id decided first. */
  private final Map<String, String> decidedKeys = new HashMap<>();

  private CircuitBreaker circuitBreaker = CircuitBreaker.closed(Instant.EPOCH);
  private boolean loaded;

  public RiskEngine(RiskLimits limits) {
    this.limits = limits;
    this.protectionTimeframe = Timeframe.parse(limits.protectionsTimeframe());
    // fail fast on a bad RISK_PROTECTIONS: the service refuses to start rather than trade
    // unprotected
    account("config-check");
    accounts.clear();
  }

  public RiskLimits limits() {
    return limits;
  }

  // ---------------------------------------------------------------- state

  /** Fail closed: until the book is loaded from the database, every decision is a denial. */
  public boolean loaded() {
    return loaded;
  }

  public void markLoaded() {
    loaded = true;
  }

  /** Forgets everything (before a reload from the database). */
  public void reset() {
    loaded = false;
    accounts.clear();
    candleClock.clear();
    exchangeClock.clear();
    decidedKeys.clear();
    circuitBreaker = CircuitBreaker.closed(Instant.EPOCH);
  }

  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  public void setCircuitBreaker(CircuitBreaker cb) {
    this.circuitBreaker = cb;
  }

  /**
   * HALTED while the circuit breaker is open; REDUCING while a protection locks every pair; else
   * ACTIVE.
   */
  public TradingState tradingState(Instant now) {
    if (circuitBreaker.openAt(now)) {
      return TradingState.HALTED;
    }
    return globalLock(now) != null ? TradingState.REDUCING : TradingState.ACTIVE;
  }

  /** An active lock on every pair of some account (market time ≈ wall time when live), or null. */
  public PairLock globalLock(Instant now) {
    for (Account a : accounts.values()) {
      List<PairLock> l =
          a.protections.locks().activeLocks(PairLock.ALL_PAIRS, now.toEpochMilli(), null);
      if (!l.isEmpty()) {
        return l.get(l.size() - 1);
      }
    }
    return null;
  }

  public Account account(String exchange) {
    return accounts.computeIfAbsent(
        exchange.toLowerCase(Locale.ROOT),
        e -> new Account(e, limits.protections(), protectionTimeframe));
  }

  public Collection<Account> accounts() {
    return accounts.values();
  }

  // ---------------------------------------------------------------- restore (from the database)

  public void restoreOpenTrade(OpenTrade t) {
    account(t.exchange).open.put(t.tradeId, t);
  }

  /**
   * A closed trade, replayed in close order: realized profit and the protections' locks come back.
   */
  public void restoreClosedTrade(
      String exchange,
      String tradeId,
      String pair,
      Instant closedAt,
      BigDecimal profitAbs,
      BigDecimal profitRatio,
      String exitReason) {
    Account a = account(exchange);
    a.closed.add(tradeId);
    a.realizedProfit = a.realizedProfit.add(profitAbs);
    a.protections.onTradeClosed(
        ClosedTrade.of(
            pair,
            closedAt.toEpochMilli(),
            profitRatio.doubleValue(),
            profitAbs.doubleValue(),
            exitReason == null ? "exit_signal" : exitReason));
  }

  public void restorePendingEntry(
      String exchange, String tradeId, String pair, BigDecimal stake, Instant expiresAt) {
    account(exchange).addPending(new Account.PendingEntry(tradeId, pair, stake, expiresAt));
  }

  public void restorePendingExit(String exchange, String tradeId, Instant expiresAt) {
    account(exchange).pendingExits.put(tradeId, expiresAt);
  }

  /** An approved order of the last minute (restored in decision order). */
  public void restoreApproval(String exchange, Instant decidedAt) {
    account(exchange).approvals.addLast(decidedAt);
  }

  public void restoreDecidedKey(String naturalKey, String signalId) {
    decidedKeys.putIfAbsent(naturalKey, signalId);
  }

  public void restoreClock(String marketKey, String timeframe, long lastOpenTime) {
    updateClock(marketKey, timeframe, lastOpenTime);
  }

  // ---------------------------------------------------------------- candles

  /** Records a candle's time; true when it moved the market's clock forward (worth persisting). */
  public boolean onCandle(Candle c) {
    return updateClock(
        Topics.key(c.exchange(), c.pair()), c.timeframe(), c.openTime().toEpochMilli());
  }

  private boolean updateClock(String marketKey, String timeframe, long openTime) {
    String exchange = marketKey.substring(0, marketKey.indexOf(':'));
    exchangeClock.merge(exchange + "|" + timeframe, openTime, Math::max);
    Long old = candleClock.get(marketKey + "|" + timeframe);
    if (old != null && old >= openTime) {
      return false;
    }
    candleClock.put(marketKey + "|" + timeframe, openTime);
    return true;
  }

  public Long lastCandle(String exchange, String pair, String timeframe) {
    return candleClock.get(Topics.key(exchange, pair) + "|" + timeframe);
  }

  // ---------------------------------------------------------------- deciding

  /**
   * The key under which "the same signal sent again under a new id" is recognised. DCA buys carry
   * deterministic ids (plan and due time), and two plans may buy a pair on the same candle: their
   * key is the id.
   */
  public static String naturalKey(Signal s) {
    return s.strategy()
        + "|"
        + Topics.key(s.exchange(), s.pair())
        + "|"
        + s.timeframe()
        + "|"
        + s.candleTime()
        + "|"
        + s.action()
        + (s.action() == SignalAction.EXIT_LONG ? "|" + s.tradeId() : "")
        + (Dca.isDcaEntry(s) ? "|" + s.id() : "");
  }

  /**
   * Decides one signal at wall time {@code now}. An approval books its order as pending (entries
   * count against every limit until filled or expired) and counts against the rate limit.
   */
  public Verdict decide(Signal s, Instant now) {
    if (!loaded) {
      return Verdict.deny(
          Rule.RISK_STATE_UNAVAILABLE, "state=unreadable", "action=" + lower(s.action()));
    }
    Account a = account(s.exchange());
    a.expire(now);
    String key = naturalKey(s);
    String first = decidedKeys.putIfAbsent(key, s.id());
    if (first != null && !first.equals(s.id())) {
      return Verdict.deny(
          Rule.DUPLICATE_SIGNAL,
          "first_signal_id=" + first,
          "candle_time=" + s.candleTime(),
          "action=" + lower(s.action()));
    }
    Verdict v = s.action() == SignalAction.ENTER_LONG ? entry(s, a, now) : exit(s, a, now);
    if (v.approved()) {
      a.approvals.addLast(now);
    }
    return v;
  }

  private Verdict entry(Signal s, Account a, Instant now) {
    String pair = s.pair();
    if (s.tradeId() != null
        && (a.open.containsKey(s.tradeId()) || a.closed.contains(s.tradeId()))) {
      return Verdict.deny(
          Rule.INVALID_SIGNAL, "trade_id=" + s.tradeId(), "problem=entry_for_existing_trade");
    }
    long tfMillis;
    try {
      tfMillis = timeframeMillis(s.timeframe());
    } catch (IllegalArgumentException e) {
      return Verdict.deny(
          Rule.INVALID_SIGNAL, "timeframe=" + s.timeframe(), "problem=unknown_timeframe");
    }
    boolean dca = Dca.isDcaEntry(s);
    // one strategy position per pair (Freqtrade); DCA trades and buys are not strategy positions
    for (OpenTrade t : a.open.values()) {
      if (!dca && t.pair.equals(pair) && !Ids.isDcaTrade(t.tradeId)) {
        return Verdict.deny(
            Rule.DUPLICATE_SIGNAL,
            "pair=" + pair,
            "open_trade_id=" + t.tradeId,
            "problem=position_already_open");
      }
    }
    Account.PendingEntry pending = dca ? null : a.pendingOn(pair);
    if (pending != null) {
      return Verdict.deny(
          Rule.DUPLICATE_SIGNAL,
          "pair=" + pair,
          "pending_trade_id=" + pending.tradeId(),
          "problem=entry_already_pending");
    }
    if (circuitBreaker.openAt(now)) {
      List<String> r = new ArrayList<>();
      r.add("reason=" + circuitBreaker.reason());
      r.add("until=" + (circuitBreaker.until() == null ? "disabled" : circuitBreaker.until()));
      r.add("trading_state=" + TradingState.HALTED);
      return new Verdict(false, Rule.CIRCUIT_BREAKER_OPEN, r, null);
    }
    // protections run on market time (the close of the signal candle), as the backtest does, so a
    // paper replay of old candles locks exactly like its backtest
    long marketTime = s.candleTime().toEpochMilli() + tfMillis;
    if (a.protections.isPairLocked(pair, marketTime, LONG)) {
      PairLock lock = activeLock(a, pair, marketTime);
      return Verdict.deny(
          Rule.PAIR_LOCKED,
          "lock_pair=" + (lock == null ? pair : lock.pair()),
          "until=" + (lock == null ? "?" : Instant.ofEpochMilli(lock.lockEndTime())),
          "by=" + (lock == null ? "?" : lock.reason()));
    }
    Verdict stale = staleCheck(s, tfMillis, now);
    if (stale != null) {
      return stale;
    }
    BigDecimal stake = s.stakeAmount();
    if (limits.maxNotionalPerOrder().signum() > 0
        && stake.compareTo(limits.maxNotionalPerOrder()) > 0) {
      return Verdict.deny(
          Rule.MAX_NOTIONAL,
          "stake_amount=" + plain(stake),
          "max_notional=" + plain(limits.maxNotionalPerOrder()));
    }
    int openCount = a.openStrategyTrades() + a.pendingStrategyEntries();
    if (!dca && openCount >= limits.liveMaxConcurrentTrades()) {
      return Verdict.deny(
          Rule.MAX_OPEN_TRADES,
          "open_trades=" + a.openStrategyTrades(),
          "pending_entries=" + a.pendingStrategyEntries(),
          "max=" + limits.liveMaxConcurrentTrades());
    }
    BigDecimal equity = a.equity(limits.startingEquity());
    BigDecimal marketLimit = equity.multiply(limits.liveMaxPerMarketExposurePct());
    BigDecimal marketExposure = a.exposure(pair);
    if (marketExposure.add(stake).compareTo(marketLimit) > 0) {
      return Verdict.deny(
          Rule.MARKET_EXPOSURE,
          "pair=" + pair,
          "exposure=" + plain(marketExposure),
          "stake_amount=" + plain(stake),
          "limit=" + plain(marketLimit),
          "equity=" + plain(equity),
          "max_pct=" + plain(limits.liveMaxPerMarketExposurePct()));
    }
    BigDecimal free = equity.subtract(a.exposure(null));
    if (stake.compareTo(free) > 0) {
      return Verdict.deny(
          Rule.INSUFFICIENT_BALANCE,
          "stake_amount=" + plain(stake),
          "free=" + plain(free),
          "equity=" + plain(equity));
    }
    if (limits.maxOrdersPerMinute() > 0 && a.approvals.size() >= limits.maxOrdersPerMinute()) {
      return Verdict.deny(
          Rule.RATE_LIMIT,
          "orders_last_minute=" + a.approvals.size(),
          "max=" + limits.maxOrdersPerMinute(),
          "exchange=" + a.exchange);
    }
    String tradeId = dca ? Ids.dcaTradeId(s.id()) : Ids.tradeId(s.id());
    Instant expires = now.plus(limits.decisionTtl());
    a.addPending(new Account.PendingEntry(tradeId, pair, stake, expires));
    Order order =
        new Order(
            Ids.clientOrderId(s.id()),
            s.exchange(),
            pair,
            OrderSide.BUY,
            OrderType.MARKET,
            null,
            stake,
            null,
            tradeId,
            s.exitPlan());
    return Verdict.approve(
        order,
        List.of(
            "stake_amount=" + plain(stake),
            "equity=" + plain(equity),
            "market_exposure=" + plain(marketExposure.add(stake)),
            dca ? "kind=dca" : "open_trades=" + (openCount + 1)));
  }

  private PairLock activeLock(Account a, String pair, long time) {
    List<PairLock> global = a.protections.locks().activeLocks(PairLock.ALL_PAIRS, time, LONG);
    if (!global.isEmpty()) {
      return global.get(global.size() - 1);
    }
    List<PairLock> local = a.protections.locks().activeLocks(pair, time, LONG);
    return local.isEmpty() ? null : local.get(local.size() - 1);
  }

  private Verdict staleCheck(Signal s, long tfMillis, Instant now) {
    if (limits.staleClock() == StaleClock.OFF) {
      return null;
    }
    String exchange = s.exchange().toLowerCase(Locale.ROOT);
    Long last = lastCandle(s.exchange(), s.pair(), s.timeframe());
    long maxAge = limits.staleTimeframes() * tfMillis;
    if (last == null) {
      return Verdict.deny(
          Rule.STALE_MARKET_DATA,
          "last_candle=none",
          "timeframe=" + s.timeframe(),
          "clock=" + lower(limits.staleClock()));
    }
    long reference;
    long age;
    if (limits.staleClock() == StaleClock.WALL) {
      reference = now.toEpochMilli();
      age = reference - (last + tfMillis); // since the last candle closed
    } else {
      reference =
          Math.max(
              exchangeClock.getOrDefault(exchange + "|" + s.timeframe(), last),
              s.candleTime().toEpochMilli());
      age = reference - last;
    }
    if (age > maxAge) {
      return Verdict.deny(
          Rule.STALE_MARKET_DATA,
          "last_candle=" + Instant.ofEpochMilli(last),
          "reference=" + Instant.ofEpochMilli(reference),
          "age_sec=" + age / 1000,
          "max_age_sec=" + maxAge / 1000,
          "clock=" + lower(limits.staleClock()));
    }
    return null;
  }

  private Verdict exit(Signal s, Account a, Instant now) {
    String tradeId = s.tradeId();
    OpenTrade t = a.open.get(tradeId);
    if (t == null) {
      String problem =
          a.pendingEntries.containsKey(tradeId)
              ? "entry_not_filled"
              : a.closed.contains(tradeId) ? "trade_closed" : "unknown_trade";
      return Verdict.deny(Rule.INVALID_SIGNAL, "trade_id=" + tradeId, "problem=" + problem);
    }
    if (!t.pair.equals(s.pair())) {
      return Verdict.deny(
          Rule.INVALID_SIGNAL,
          "trade_id=" + tradeId,
          "trade_pair=" + t.pair,
          "signal_pair=" + s.pair(),
          "problem=pair_mismatch");
    }
    if (a.pendingExits.containsKey(tradeId)) {
      return Verdict.deny(
          Rule.DUPLICATE_SIGNAL,
          "trade_id=" + tradeId,
          "problem=exit_already_pending",
          "pending_until=" + a.pendingExits.get(tradeId));
    }
    BigDecimal amount = t.held();
    if (amount.signum() <= 0) {
      return Verdict.deny(
          Rule.INVALID_SIGNAL,
          "trade_id=" + tradeId,
          "held=" + plain(amount),
          "problem=nothing_held");
    }
    a.pendingExits.put(tradeId, now.plus(limits.decisionTtl()));
    Order order =
        new Order(
            Ids.clientOrderId(s.id()),
            s.exchange(),
            s.pair(),
            OrderSide.SELL,
            OrderType.MARKET,
            amount,
            null,
            null,
            tradeId,
            null);
    List<String> reasons = new ArrayList<>();
    reasons.add("reduce_only=true");
    reasons.add("amount=" + plain(amount));
    if (circuitBreaker.openAt(now)) {
      reasons.add("circuit_breaker=open");
    }
    return Verdict.approve(order, reasons);
  }

  // ---------------------------------------------------------------- fills

  /** Applies one fill (already deduplicated by the caller) to the book. */
  public FillOutcome onFill(Fill f) {
    Account a = account(f.exchange());
    String tradeId = f.tradeId();
    boolean executed = f.status() == FillStatus.FILLED || f.status() == FillStatus.PARTIALLY_FILLED;
    if (!executed) {
      if (f.side() == OrderSide.BUY) {
        a.removePending(tradeId);
      } else {
        a.pendingExits.remove(tradeId);
      }
      return new FillOutcome(a.open.get(tradeId), false, List.of());
    }
    String[] assets = f.pair().split("/", -1);
    String fc = f.feeCurrency() == null ? "" : f.feeCurrency().toUpperCase(Locale.ROOT);
    BigDecimal value = f.price().multiply(f.amount());
    if (f.side() == OrderSide.BUY) {
      a.removePending(tradeId);
      OpenTrade t = a.open.get(tradeId);
      if (t == null) {
        if (a.closed.contains(tradeId)) {
          return new FillOutcome(null, false, List.of());
        }
        t = new OpenTrade(tradeId, a.exchange, f.pair(), f.filledAt());
        a.open.put(tradeId, t);
      }
      t.bought = t.bought.add(f.amount());
      t.openValue = t.openValue.add(value);
      if (fc.equals(assets[0])) {
        t.baseFees = t.baseFees.add(f.fee());
      } else {
        t.openValue = t.openValue.add(f.fee());
      }
      return new FillOutcome(t, false, List.of());
    }
    OpenTrade t = a.open.get(tradeId);
    if (t == null) {
      return new FillOutcome(null, false, List.of());
    }
    t.sold = t.sold.add(f.amount());
    t.closeValue = t.closeValue.add(value);
    if (fc.equals(assets[0])) {
      t.baseFees = t.baseFees.add(f.fee());
    } else {
      t.closeValue = t.closeValue.subtract(f.fee());
    }
    // a reduce-only market exit sells everything held: FILLED closes the trade
    if (f.status() != FillStatus.FILLED && t.held().signum() > 0) {
      return new FillOutcome(t, false, List.of());
    }
    a.pendingExits.remove(tradeId);
    a.open.remove(tradeId);
    a.closed.add(tradeId);
    a.realizedProfit = a.realizedProfit.add(t.profitAbs());
    List<PairLock> locks =
        a.protections.onTradeClosed(
            ClosedTrade.of(
                t.pair,
                f.filledAt().toEpochMilli(),
                t.profitRatio().doubleValue(),
                t.profitAbs().doubleValue(),
                f.exitReason() == null ? "exit_signal" : f.exitReason()));
    return new FillOutcome(t, true, locks);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Milliseconds of a timeframe; adds seconds ({@code 30s}) to what trading-core's Timeframe
   * parses.
   */
  public static long timeframeMillis(String tf) {
    if (tf != null && tf.endsWith("s")) {
      long n = Long.parseLong(tf.substring(0, tf.length() - 1));
      if (n <= 0) {
        throw new IllegalArgumentException("bad timeframe: " + tf);
      }
      return n * 1000L;
    }
    return Timeframe.parse(tf).millis();
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  private static String lower(Enum<?> e) {
    return e == null ? "null" : e.name().toLowerCase(Locale.ROOT);
  }
}
