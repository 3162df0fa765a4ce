package io.tradingsuite.strategy.bench;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.StakeAmount;
import io.tradingsuite.strategy.engine.StrategyBacktester;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Rule;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.StopGainRule;
import org.ta4j.core.rules.StopLossRule;

/**
 * Backtest throughput (issue 4 item 7), run by {@code bench/backtest/run.sh}; prints figures,
 * asserts nothing.
 *
 * <ol>
 *   <li>{@code MaCrossoverStrategy} (SMA 10/30, stoploss -10 %, ROI 10 %) on one pair of N 1m
 *       candles: the whole backtest (TA-Lib indicators, signals, the Freqtrade-exact engine,
 *       metrics) in candles/s;
 *   <li>ta4j 0.17 {@code BarSeriesManager} on the same candles with the same rules (SMA cross up /
 *       cross down or 10 % stop loss or 10 % stop gain), {@code DoubleNum}; series construction not
 *       timed;
 *   <li>a bare loop over {@code double[]} computing the same SMAs, crosses and stop/ROI exits (the
 *       memory-bound limit);
 *   <li>20 pairs with {@code max_open_trades} 5.
 * </ol>
 *
 * Each figure is the best of {@code runs} timed runs after {@code warmups} untimed ones, as wall
 * time and as CPU time of the benchmark thread (every variant is single-threaded; on a machine
 * shared with other work the CPU figure is the steadier one). The load average is printed with the
 * figures.
 */
public final class BacktestBench {

  private BacktestBench() {}

  public static void main(String[] args) {
    int n = Integer.getInteger("bench.candles", 1_000_000);
    int pairs = Integer.getInteger("bench.pairs", 20);
    int perPair = Integer.getInteger("bench.pair-candles", 100_000);
    int warmups = Integer.getInteger("bench.warmups", 2);
    int runs = Integer.getInteger("bench.runs", 3);
    System.out.printf(
        Locale.ROOT,
        "java %s, %d cpus, max heap %d MiB, load average %s%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    System.out.println(
        "each figure: best wall time of the timed runs, and the best CPU time of the benchmark "
            + "thread (less disturbed by other processes on a shared machine)");

    CandleColumns one = randomWalk(n, 42L, 30_000);
    MaCrossoverStrategy strategy = new MaCrossoverStrategy();
    StrategyParams params =
        strategy.resolveParams(Map.of("fast", 10, "slow", 30, "ma_type", "SMA"));
    BacktestConfig cfg =
        BacktestConfig.builder(strategy.settings())
            .timeframe(Timeframe.parse("1m"))
            .stakeAmount(StakeAmount.of(new BigDecimal("100")))
            // a wallet that never runs dry, so every cross is traded as in the baselines
            .dryRunWallet(new BigDecimal("1000000000"))
            .maxOpenTrades(1)
            .fee(0.001)
            .build();
    StrategyBacktester backtester = new StrategyBacktester();
    Map<String, CandleColumns> single = Map.of("BTC/USDT", one);

    int[] trades = new int[1];
    Timing ours =
        best(
            warmups,
            runs,
            () -> {
              BacktestResult r = backtester.run(strategy, params, cfg, single, null, null);
              trades[0] = r.trades().size();
            });
    print("suite engine   1 pair ", n, ours, trades[0] + " trades");

    if (!Boolean.parseBoolean(System.getProperty("bench.ta4j", "true"))) {
      return;
    }
    BarSeries series = ta4jSeries(one);
    int[] ta4jTrades = new int[1];
    Timing ta4j =
        best(Math.min(warmups, 1), Math.min(runs, 2), () -> ta4jTrades[0] = ta4jRun(series));
    print("ta4j 0.17      1 pair ", n, ta4j, ta4jTrades[0] + " positions");

    int[] bareTrades = new int[1];
    Timing bare = best(warmups, runs, () -> bareTrades[0] = bareLoop(one, 10, 30, -0.10, 0.10));
    print("bare double[]  1 pair ", n, bare, bareTrades[0] + " trades");
    System.out.printf(
        Locale.ROOT,
        "ratios (wall): suite / ta4j = %.1fx faster;  bare loop / suite = %.2fx%n",
        ta4j.wall / ours.wall,
        ours.wall / bare.wall);
    System.out.printf(
        Locale.ROOT,
        "ratios (cpu):  suite / ta4j = %.1fx faster;  bare loop / suite = %.2fx%n",
        ta4j.cpu / ours.cpu,
        ours.cpu / bare.cpu);

    Map<String, CandleColumns> many = new LinkedHashMap<>();
    for (int p = 0; p < pairs; p++) {
      many.put("P" + p + "/USDT", randomWalk(perPair, 1000L + p, 10 + p * 7));
    }
    BacktestConfig cfg20 = cfg.toBuilder().maxOpenTrades(5).build();
    int[] trades20 = new int[1];
    Timing multi =
        best(
            warmups,
            runs,
            () -> {
              BacktestResult r = backtester.run(strategy, params, cfg20, many, null, null);
              trades20[0] = r.trades().size();
            });
    print(
        "suite engine  " + pairs + " pairs x " + perPair + ", max_open_trades 5,",
        (long) pairs * perPair,
        multi,
        trades20[0] + " trades");
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
  }

  /** Best wall and best thread-CPU time of the timed runs, in seconds. */
  record Timing(double wall, double cpu) {}

  static Timing best(int warmups, int runs, Runnable r) {
    for (int i = 0; i < warmups; i++) {
      r.run();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double wall = Double.MAX_VALUE;
    double cpu = Double.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      r.run();
      wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
      cpu = Math.min(cpu, (mx.getCurrentThreadCpuTime() - c0) / 1e9);
    }
    return new Timing(wall, cpu);
  }

  static void print(String what, long candles, Timing t, String count) {
    System.out.printf(
        Locale.ROOT,
        "%s %,d candles: wall %8.1f ms %,14.0f candles/s | cpu %8.1f ms %,14.0f "
            + "candles/s  (%s)%n",
        what,
        candles,
        t.wall * 1e3,
        candles / t.wall,
        t.cpu * 1e3,
        candles / t.cpu,
        count);
  }

  /** The 1, 5 and 15 minute load averages ({@code /proc/loadavg}), or the JVM's 1-minute figure. */
  public static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
              .trim()
              .split("\\s+", -1);
      return f[0] + " " + f[1] + " " + f[2];
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  /** Geometric random walk of 1m candles on a 0.01 tick. */
  static CandleColumns randomWalk(int n, long seed, double start) {
    Random rnd = new Random(seed);
    long t0 = Instant.parse("2022-01-01T00:00:00Z").toEpochMilli();
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    double price = start;
    for (int i = 0; i < n; i++) {
      double open = price;
      double close = open * (1 + rnd.nextGaussian() * 0.002);
      t[i] = t0 + i * 60_000L;
      o[i] = Math.round(open * 100) / 100.0;
      c[i] = Math.round(close * 100) / 100.0;
      h[i] =
          Math.max(o[i], c[i])
              + Math.round(Math.abs(rnd.nextGaussian()) * open * 0.0008 * 100) / 100.0;
      l[i] =
          Math.min(o[i], c[i])
              - Math.round(Math.abs(rnd.nextGaussian()) * open * 0.0008 * 100) / 100.0;
      v[i] = 1 + rnd.nextInt(100);
      price = close;
    }
    return new CandleColumns(t, o, h, l, c, v);
  }

  static BarSeries ta4jSeries(CandleColumns c) {
    BarSeries s =
        new BaseBarSeriesBuilder().withName("bench").withNumTypeOf(DoubleNum.class).build();
    Duration minute = Duration.ofMinutes(1);
    for (int i = 0; i < c.size(); i++) {
      ZonedDateTime end = Instant.ofEpochMilli(c.openTime()[i] + 60_000L).atZone(ZoneOffset.UTC);
      s.addBar(minute, end, c.open()[i], c.high()[i], c.low()[i], c.close()[i], c.volume()[i]);
    }
    return s;
  }

  /** Fresh indicators each run (ta4j caches indicator values inside the indicator objects). */
  static int ta4jRun(BarSeries series) {
    ClosePriceIndicator close = new ClosePriceIndicator(series);
    SMAIndicator fast = new SMAIndicator(close, 10);
    SMAIndicator slow = new SMAIndicator(close, 30);
    Rule entry = new CrossedUpIndicatorRule(fast, slow);
    Rule exit =
        new CrossedDownIndicatorRule(fast, slow)
            .or(new StopLossRule(close, 10))
            .or(new StopGainRule(close, 10));
    TradingRecord record = new BarSeriesManager(series).run(new BaseStrategy(entry, exit, 30));
    return record.getPositionCount();
  }

  /**
   * The same decisions in one pass over primitive arrays: running-sum SMAs, crosses, entry at the
   * next open, stop / ROI against low / high, exit signal at the next open. No fees, no BigDecimal,
   * no reports.
   */
  static int bareLoop(CandleColumns c, int fastN, int slowN, double stoploss, double roi) {
    double[] close = c.close();
    double[] open = c.open();
    double[] high = c.high();
    double[] low = c.low();
    int n = close.length;
    double sf = 0;
    double ss = 0;
    double prevF = Double.NaN;
    double prevS = Double.NaN;
    boolean enterPrev = false;
    boolean exitPrev = false;
    boolean inTrade = false;
    double entry = 0;
    int trades = 0;
    for (int i = 0; i < n; i++) {
      if (inTrade) {
        if (low[i] <= entry * (1 + stoploss) || high[i] >= entry * (1 + roi) || exitPrev) {
          inTrade = false;
          trades++;
        }
      } else if (enterPrev) {
        inTrade = true;
        entry = open[i];
      }
      sf += close[i];
      ss += close[i];
      if (i >= fastN) {
        sf -= close[i - fastN];
      }
      if (i >= slowN) {
        ss -= close[i - slowN];
      }
      double f = i >= fastN - 1 ? sf / fastN : Double.NaN;
      double s = i >= slowN - 1 ? ss / slowN : Double.NaN;
      enterPrev = f > s && prevF <= prevS;
      exitPrev = f < s && prevF >= prevS;
      prevF = f;
      prevS = s;
    }
    return trades + (inTrade ? 1 : 0);
  }

  @SuppressWarnings("unused")
  private static String fmt(double[] a) {
    return Arrays.toString(a);
  }
}
