package io.tradingsuite.strategy.engine;

import io.tradingsuite.core.ExitDecision;
import io.tradingsuite.core.ExitEvaluator;
import io.tradingsuite.core.ExitReason;
import io.tradingsuite.core.FillRules;
import io.tradingsuite.core.FtMath;
import io.tradingsuite.core.TradePosition;
import io.tradingsuite.core.protections.ClosedTrade;
import io.tradingsuite.core.protections.ProtectionManager;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.api.StrategyCallbacks;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Freqtrade's backtesting loop ({@code Backtesting.backtest}/{@code backtest_loop}, spot, long
 * only, no position stacking, no detail timeframe) over primitive columns. Every per-candle trading
 * decision (exit evaluation, stop/ROI/trailing prices, fill rules, fees and profit, protections) is
 * made by trading-core.
 *
 * <p>Data preparation (per pair): rows before {@code timerange start - startup candles} are dropped
 * (the load window), then the first {@code startupCandles} rows (by count), then rows after the
 * timerange end. Signals are shifted by one row (row {@code i} acts on the signals of row {@code
 * i-1}) and the first remaining row is never traded.
 *
 * <p>Time loop: from the earliest first-row date + 1 timeframe to the latest last-row date, one
 * timeframe per tick; per tick the pairs with open trades come first (in trade-open order), then
 * the rest in input order; a pair whose next row is dated after the tick is skipped. Per pair and
 * candle: manage open orders (timeouts, entry re-pricing) &rarr; entry (not on the last tick; pair
 * not locked; slot free) &rarr; entry fill &rarr; exit evaluation (only without open orders) &rarr;
 * exit fill &rarr; protections. Trades still open at the end are closed as {@code force_exit} at
 * the open of the pair's last row; never-filled entries are dropped.
 *
 * <p>Instances are stateless and thread-safe; each {@link #run} has its own state.
 */
public final class BacktestEngine {

  private final boolean reference;

  public BacktestEngine() {
    this(false);
  }

  /**
   * @param reference the slow reference mode the tests compare against: exact decimal arithmetic on
   *     every candle ({@link TradePosition#setReferenceArithmetic}) and every tick visited, also
   *     while no trade is open. The results are the same as in the default mode.
   */
  BacktestEngine(boolean reference) {
    this.reference = reference;
  }

  public BacktestResult run(BacktestConfig config, List<PairData> data) {
    return run(config, data, StrategyCallbacks.NONE, ProgressListener.NONE);
  }

  public BacktestResult run(
      BacktestConfig config,
      List<PairData> data,
      StrategyCallbacks callbacks,
      ProgressListener progress) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(data, "data");
    return new Run(
            config,
            data,
            callbacks == null ? StrategyCallbacks.NONE : callbacks,
            progress == null ? ProgressListener.NONE : progress,
            reference)
        .execute();
  }

  /**
   * One pair's columns and loop pointer. The trimmed frame is the view {@code [first, end)} of the
   * full columns (no copy); row numbers are indexes into the full columns.
   */
  private static final class PairState {
    final String pair;
    final int index;
    final long[] time;
    final double[] open;
    final double[] high;
    final double[] low;
    final double[] close;
    final boolean[] enter;
    final boolean[] exit;
    final String[] tag;
    final int first;
    final int end;
    int row;

    /** No row in {@code [row, nextEntry)} has an entry signal (used to skip idle stretches). */
    int nextEntry;

    OpenTrade trade;

    PairState(String pair, int index, CandleColumns c, SignalColumns s, int first, int end) {
      this.pair = pair;
      this.index = index;
      this.time = c.openTime();
      this.open = c.open();
      this.high = c.high();
      this.low = c.low();
      this.close = c.close();
      this.enter = s.enterLong();
      this.exit = s.exitLong();
      this.tag = s.enterTag();
      this.first = first;
      this.end = end;
      this.row = first + 1;
      this.nextEntry = first + 1;
    }

    /** Rows in the trimmed frame. */
    int size() {
      return end - first;
    }

    /** The first row {@code >= row} whose (shifted) signals would open a trade, or {@link #end}. */
    int nextEntryRow() {
      int r = Math.max(nextEntry, row);
      while (r < end && !(enter[r - 1] && !exit[r - 1])) {
        r++;
      }
      nextEntry = r;
      return r;
    }

    boolean enterAt(int row) {
      return enter[row - 1];
    }

    boolean exitAt(int row) {
      return exit[row - 1];
    }

    String tagAt(int row) {
      return tag == null ? null : tag[row - 1];
    }
  }

  /** A trade with its (at most one) open entry order and (at most one) open exit order. */
  private static final class OpenTrade {
    final PairState ps;
    final TradePosition pos;
    final String enterTag;
    boolean entryFilled;
    boolean entryOpen;
    double entryPrice;
    long entryTime;
    double entryAmount;
    double entryStake;
    boolean exitOpen;
    double exitPrice;
    long exitTime;
    ExitReason exitReason;

    OpenTrade(PairState ps, TradePosition pos, String enterTag) {
      this.ps = ps;
      this.pos = pos;
      this.enterTag = enterTag;
    }

    boolean hasOpenOrders() {
      return entryOpen || exitOpen;
    }
  }

  private static final class Run {
    final BacktestConfig cfg;
    final StrategyCallbacks cb;
    final ProgressListener progress;
    final List<PairData> input;
    final ExitEvaluator evaluator;
    final ExitDecision decision = new ExitDecision();
    final ProtectionManager protections;
    final long tfMs;
    final double fee;
    final double startCapital;
    final double availableCapital;
    final double stoploss;
    final long entryTimeoutMs;
    final long exitTimeoutMs;
    final boolean limitEntry;
    final boolean limitExit;
    final int pp;
    final boolean reference;

    PairState[] pairs;
    PairState[] order;
    boolean[] listed;
    final List<OpenTrade> openTrades = new ArrayList<>();
    final Set<PairState> pairsWithTrades = new LinkedHashSet<>();
    final List<TradeResult> results = new ArrayList<>();
    double closedProfit;
    int rejectedSignals;
    int timedoutEntryOrders;
    int timedoutExitOrders;
    int canceledTradeEntries;
    int canceledEntryOrders;
    int replacedEntryOrders;

    Run(
        BacktestConfig cfg,
        List<PairData> input,
        StrategyCallbacks cb,
        ProgressListener progress,
        boolean reference) {
      this.reference = reference;
      this.cfg = cfg;
      this.cb = cb;
      this.progress = progress;
      this.input = input;
      this.evaluator =
          new ExitEvaluator(cfg.exitPlan(), cfg.timeframe().minutes(), cb.customStoploss());
      this.protections =
          cfg.enableProtections() && !cfg.protections().isEmpty()
              ? ProtectionManager.fromConfig(cfg.protections(), cfg.timeframe())
              : null;
      this.tfMs = cfg.timeframe().millis();
      this.fee = cfg.fee();
      this.startCapital = cfg.dryRunWallet().doubleValue();
      this.availableCapital =
          cfg.availableCapital() == null ? Double.NaN : cfg.availableCapital().doubleValue();
      this.stoploss = cfg.exitPlan().stoploss();
      this.entryTimeoutMs =
          cfg.entryTimeoutMinutes() == null ? -1 : cfg.entryTimeoutMinutes() * 60_000L;
      this.exitTimeoutMs =
          cfg.exitTimeoutMinutes() == null ? -1 : cfg.exitTimeoutMinutes() * 60_000L;
      this.limitEntry = cfg.entryOrderType() == BacktestConfig.OrderType.LIMIT;
      this.limitExit = cfg.exitOrderType() == BacktestConfig.OrderType.LIMIT;
      this.pp = cfg.pricePrecision();
    }

    BacktestResult execute() {
      pairs = prepare();
      long start = Long.MAX_VALUE;
      long end = Long.MIN_VALUE;
      for (PairState ps : pairs) {
        if (ps.size() > 1) {
          start = Math.min(start, ps.time[ps.first]);
          end = Math.max(end, ps.time[ps.end - 1]);
        }
      }
      if (start == Long.MAX_VALUE) {
        progress.onProgress(100);
        return BacktestMetrics.build(
            cfg, List.of(), pairNames(), null, null, counters(), List.of());
      }
      boolean skipIdle = !reference && onTickGrid(start);
      long ticks = Math.max(1, (end - start) / tfMs);
      long tick = 0;
      int lastPercent = -1;
      long nextPercentTick = 0;
      order = new PairState[pairs.length];
      listed = new boolean[pairs.length];
      for (long now = start + tfMs; now <= end; now += tfMs) {
        if (skipIdle && openTrades.isEmpty()) {
          // no trade anywhere: every tick before the next entry signal of any pair is a no-op
          long next = nextEntryTime();
          if (next > end) {
            break;
          }
          if (next > now) {
            tick += (next - now) / tfMs;
            now = next;
            skipTo(now);
          }
        }
        tick(now, now != end);
        tick++;
        if (tick >= nextPercentTick) {
          int percent = (int) Math.min(99, tick * 100 / ticks);
          if (percent != lastPercent) {
            progress.onProgress(percent);
            lastPercent = percent;
          }
          // the first tick at which the percentage can change again
          nextPercentTick = percent >= 99 ? Long.MAX_VALUE : ((percent + 1) * ticks + 99) / 100;
        }
      }
      handleLeftOpen();
      progress.onProgress(100);
      return BacktestMetrics.build(
          cfg,
          results,
          pairNames(),
          Instant.ofEpochMilli(start),
          Instant.ofEpochMilli(end),
          counters(),
          protections == null ? List.of() : protections.locks().all());
    }

    /** One tick: each pair's row dated at or before {@code now}, pairs with open trades first. */
    void tick(long now, boolean canEnter) {
      PairState[] visit;
      int n;
      if (openTrades.isEmpty() || pairs.length == 1) {
        visit = pairs;
        n = pairs.length;
      } else {
        // pairs with open trades first, in trade-open order, then the rest in input order
        n = 0;
        Arrays.fill(listed, false);
        for (OpenTrade t : openTrades) {
          if (!listed[t.ps.index]) {
            listed[t.ps.index] = true;
            order[n++] = t.ps;
          }
        }
        for (PairState ps : pairs) {
          if (!listed[ps.index]) {
            order[n++] = ps;
          }
        }
        visit = order;
      }
      for (int i = 0; i < n; i++) {
        PairState ps = visit[i];
        int row = ps.row;
        if (row >= ps.end || ps.time[row] > now) {
          continue;
        }
        ps.row = row + 1;
        candle(ps, row, now, canEnter);
      }
    }

    /**
     * Moves every pair's pointer to its first row at or after {@code now} (rows before it were
     * no-ops).
     */
    void skipTo(long now) {
      for (PairState ps : pairs) {
        while (ps.row < ps.end && ps.time[ps.row] < now) {
          ps.row++;
        }
      }
    }

    /**
     * True when every row of every pair lies on the tick grid {@code start + k * timeframe}: then
     * each row is visited exactly at the tick of its own open time, so a stretch without trades and
     * without entry signals can be skipped by moving each pair's pointer to the first row at or
     * after the new tick.
     */
    boolean onTickGrid(long start) {
      for (PairState ps : pairs) {
        long[] t = ps.time;
        for (int r = ps.first + 1; r < ps.end; r++) {
          // one timeframe after a row on the grid is on the grid; only other steps need the
          // division
          boolean nextOnGrid = r > ps.first + 1 && t[r] - t[r - 1] == tfMs;
          if (!nextOnGrid && Math.floorMod(t[r] - start, tfMs) != 0) {
            return false;
          }
        }
      }
      return true;
    }

    /**
     * The earliest open time of a row (of any pair) whose signals would open a trade; MAX_VALUE if
     * none.
     */
    long nextEntryTime() {
      long next = Long.MAX_VALUE;
      for (PairState ps : pairs) {
        int r = ps.nextEntryRow();
        if (r < ps.end) {
          next = Math.min(next, ps.time[r]);
        }
      }
      return next;
    }

    List<String> pairNames() {
      List<String> names = new ArrayList<>();
      for (PairState ps : pairs) {
        names.add(ps.pair);
      }
      return names;
    }

    int[] counters() {
      return new int[] {
        rejectedSignals,
        timedoutEntryOrders,
        timedoutExitOrders,
        canceledTradeEntries,
        canceledEntryOrders,
        replacedEntryOrders
      };
    }

    PairState[] prepare() {
      List<PairState> out = new ArrayList<>();
      Set<String> seen = new LinkedHashSet<>();
      long startMs =
          cfg.timerangeStart() == null ? Long.MIN_VALUE : cfg.timerangeStart().toEpochMilli();
      long endMs = cfg.timerangeEnd() == null ? Long.MAX_VALUE : cfg.timerangeEnd().toEpochMilli();
      int startup = cfg.startupCandles();
      for (PairData pd : input) {
        if (!seen.add(pd.pair())) {
          throw new IllegalArgumentException("pair listed twice: " + pd.pair());
        }
        long[] t = pd.candles().openTime();
        int from = 0;
        if (startMs != Long.MIN_VALUE) {
          long loadFrom = startup > 0 ? startMs - startup * tfMs : startMs;
          while (from < t.length && t[from] < loadFrom) {
            from++;
          }
        }
        from = Math.min(t.length, from + startup);
        int to = t.length;
        while (to > from && t[to - 1] > endMs) {
          to--;
        }
        out.add(new PairState(pd.pair(), out.size(), pd.candles(), pd.signals(), from, to));
      }
      return out.toArray(new PairState[0]);
    }

    /** {@code backtest_loop} for one pair and one candle. */
    void candle(PairState ps, int row, long now, boolean canEnter) {
      int openCountStart = openTrades.size();
      OpenTrade tr = ps.trade;
      // 1. open orders: timeouts, entry re-pricing
      if (tr != null && tr.hasOpenOrders() && manageOpenOrders(tr, row, now)) {
        removeTrade(tr);
        openCountStart--;
        tr = null;
      }
      // 2. entry
      if (tr == null
          && canEnter
          && ps.enterAt(row)
          && !ps.exitAt(row)
          && (protections == null || !protections.isPairLocked(ps.pair, ps.time[row], "long"))) {
        int max = cfg.maxOpenTrades();
        if (max <= 0 || openCountStart < max) {
          tr = enterTrade(ps, row);
        } else {
          rejectedSignals++;
        }
      }
      if (tr == null) {
        return;
      }
      // 3. fill the entry order
      if (tr.entryOpen) {
        tryFillEntry(tr, row);
      }
      // 4. exit check
      if (!tr.hasOpenOrders()) {
        checkExit(tr, row);
      }
      // 5. fill the exit order
      if (tr.exitOpen && FillRules.fills(tr.exitPrice, ps.low[row], ps.high[row])) {
        closeTrade(tr, tr.exitPrice, tr.exitReason, now);
      }
    }

    /**
     * @return true when the trade must be deleted (its only entry order timed out or was
     *     cancelled).
     */
    boolean manageOpenOrders(OpenTrade tr, int row, long now) {
      PairState ps = tr.ps;
      if (tr.entryOpen) {
        if (FillRules.timedOut(tr.entryTime, now, entryTimeoutMs)) {
          timedoutEntryOrders++;
          tr.entryOpen = false;
          return !tr.entryFilled;
        }
        if (now > tr.entryTime) {
          double requested =
              cb.adjustEntryPrice(ps.pair, ps.time[row], ps.open[row], tr.entryPrice);
          if (requested != tr.entryPrice) {
            tr.entryOpen = false;
            canceledEntryOrders++;
            if (!Double.isNaN(requested) && requested != 0.0) {
              double stake = tr.entryAmount * tr.entryPrice;
              double amount = FtMath.amountToPrecision(stake / requested, cfg.amountPrecision());
              placeEntry(tr, requested, ps.time[row], amount, amount * requested);
              tryFillEntry(tr, row);
              replacedEntryOrders++;
            } else if (!tr.entryFilled) {
              canceledTradeEntries++;
              return true;
            }
          }
        }
      }
      if (tr.exitOpen && FillRules.timedOut(tr.exitTime, now, exitTimeoutMs)) {
        timedoutExitOrders++;
        tr.exitOpen = false;
      }
      return false;
    }

    OpenTrade enterTrade(PairState ps, int row) {
      double open = ps.open[row];
      String tag = ps.tagAt(row);
      double price = open;
      if (limitEntry) {
        double custom = cb.customEntryPrice(ps.pair, ps.time[row], open, tag);
        price = FillRules.entryPrice(open, ps.high[row], custom, pp);
      }
      double stake = tradeStakeAmount();
      if (!(stake > 0)) {
        return null;
      }
      stake = validateStake(stake);
      if (!(stake > 0) || (cfg.minStakeAmount() > 0 && stake < cfg.minStakeAmount())) {
        return null;
      }
      double amount = FtMath.amountToPrecision(stake / price, cfg.amountPrecision());
      if (!(amount > 0)) {
        return null;
      }
      stake = amount * price;
      TradePosition pos =
          new TradePosition(ps.pair, ps.time[row], price, amount, stake, fee, fee, pp);
      pos.setReferenceArithmetic(reference);
      pos.adjustStopLoss(price, stoploss, true);
      OpenTrade tr = new OpenTrade(ps, pos, tag);
      placeEntry(tr, price, ps.time[row], amount, stake);
      openTrades.add(tr);
      pairsWithTrades.add(ps);
      ps.trade = tr;
      tryFillEntry(tr, row);
      return tr;
    }

    void placeEntry(OpenTrade tr, double price, long time, double amount, double stake) {
      tr.entryOpen = true;
      tr.entryPrice = price;
      tr.entryTime = time;
      tr.entryAmount = amount;
      tr.entryStake = stake;
    }

    void tryFillEntry(OpenTrade tr, int row) {
      if (tr.entryOpen && FillRules.fills(tr.entryPrice, tr.ps.low[row], tr.ps.high[row])) {
        tr.entryOpen = false;
        tr.entryFilled = true;
        tr.pos.onFirstEntryFilled(tr.entryPrice, tr.entryAmount, tr.entryStake);
      }
    }

    void checkExit(OpenTrade tr, int row) {
      PairState ps = tr.ps;
      if (!evaluator.evaluate(
          tr.pos,
          ps.time[row],
          ps.open[row],
          ps.high[row],
          ps.low[row],
          ps.close[row],
          ps.enterAt(row),
          ps.exitAt(row),
          decision)) {
        return;
      }
      double rate = decision.closeRate();
      ExitReason reason = decision.reason();
      if (reason == ExitReason.EXIT_SIGNAL && limitExit) {
        double custom =
            cb.customExitPrice(
                ps.pair, tr.pos, ps.time[row], rate, tr.pos.profitRatio(rate), reason.wireName());
        rate = FillRules.exitPrice(rate, ps.low[row], custom, pp);
      }
      tr.exitOpen = true;
      tr.exitPrice = rate;
      tr.exitTime = ps.time[row];
      tr.exitReason = reason;
    }

    void closeTrade(OpenTrade tr, double rate, ExitReason reason, long closeTime) {
      TradePosition p = tr.pos;
      double ratio = p.profitRatio(rate);
      BigDecimal closeRate = FtMath.precise(rate);
      double abs = p.profitAbs(closeRate);
      results.add(
          new TradeResult(
              tr.ps.pair,
              Instant.ofEpochMilli(p.openTime()),
              Instant.ofEpochMilli(closeTime),
              p.preciseOpenRate(),
              closeRate,
              p.preciseAmount(),
              FtMath.precise(p.stakeAmount()),
              ratio,
              FtMath.toMoney(abs),
              reason.wireName(),
              fee,
              fee,
              FtMath.precise(p.initialStopLoss()),
              FtMath.precise(p.stopLoss()),
              FtMath.precise(Double.isNaN(p.maxRate()) ? p.openRate() : p.maxRate()),
              FtMath.precise(Double.isNaN(p.minRate()) ? p.openRate() : p.minRate()),
              tr.enterTag));
      tr.exitOpen = false;
      removeTrade(tr);
      closedProfit += abs;
      if (protections != null && reason != ExitReason.FORCE_EXIT) {
        protections.onTradeClosed(
            new ClosedTrade(tr.ps.pair, closeTime, ratio, abs, reason.wireName(), "long"));
      }
    }

    void removeTrade(OpenTrade tr) {
      openTrades.remove(tr);
      tr.ps.trade = null;
    }

    void handleLeftOpen() {
      for (PairState ps : pairsWithTrades) {
        OpenTrade tr = ps.trade;
        if (tr == null) {
          continue;
        }
        if (!tr.entryFilled) {
          removeTrade(tr);
          continue;
        }
        int last = ps.end - 1;
        closeTrade(tr, ps.open[last], ExitReason.FORCE_EXIT, ps.time[last]);
      }
    }

    double tiedUp() {
      double s = 0.0;
      for (OpenTrade t : openTrades) {
        s += t.pos.stakeAmount();
      }
      return s;
    }

    /** {@code Wallets.get_available_stake_amount} in backtest mode. */
    double availableStake() {
      double tied = tiedUp();
      double free = startCapital + closedProfit - tied;
      double total =
          Double.isNaN(availableCapital)
              ? (tied + free) * cfg.tradableBalanceRatio()
              : availableCapital + closedProfit;
      return Math.min(total - tied, free);
    }

    /**
     * {@code Wallets.get_trade_stake_amount}; {@code NaN} when the balance cannot cover the stake.
     */
    double tradeStakeAmount() {
      double available = availableStake();
      double stake;
      if (cfg.stakeAmount().isUnlimited()) {
        int max = cfg.maxOpenTrades();
        stake = max == 0 ? 0.0 : Math.min((available + tiedUp()) / max, available);
      } else {
        stake = cfg.stakeAmount().fixed().doubleValue();
      }
      if (cfg.amendLastStakeAmount()) {
        stake =
            available > stake * cfg.lastStakeAmountMinRatio() ? Math.min(stake, available) : 0.0;
      }
      if (available < stake) {
        return Double.NaN;
      }
      return Math.max(stake, 0.0);
    }

    /** {@code Wallets.validate_stake_amount} with the configured market limits. */
    double validateStake(double stake) {
      double maxAllowed = Math.min(cfg.maxStakeAmount(), availableStake());
      double min = cfg.minStakeAmount();
      if (min > 0 && min > maxAllowed) {
        return 0.0;
      }
      if (min > 0 && stake < min) {
        if (stake * 1.3 < min) {
          return 0.0;
        }
        stake = min;
      }
      return Math.min(stake, maxAllowed);
    }
  }
}
