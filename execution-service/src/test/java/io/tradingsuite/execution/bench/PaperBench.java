package io.tradingsuite.execution.bench;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ExitPlan;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.execution.crash.TestDatabases;
import io.tradingsuite.execution.engine.Database;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Paper mode, in-service: approved decisions to fills per second, and the latency of a decision
 * (decode-free engine calls: dedupe, validation, order persisted, wallet, trade, protective legs,
 * fill in the outbox, durable commit). Each part runs on a fresh database:
 *
 * <ol>
 *   <li><b>one per transaction</b>: each decision alone (a quiet stream: a poll of one record);
 *   <li><b>per poll</b>: batches of {@value #POLL} decisions (a consumer that is behind: full
 *       polls, one transaction each); a decision's latency is its batch's, from the poll to the
 *       commit;
 *   <li><b>offered load</b>: decisions and their signals arrive on a clock at a fixed rate; the
 *       consumer takes whatever has arrived (at most a poll) as one batch, signals first; a
 *       decision's latency runs from its arrival to the commit of its batch;
 *   <li><b>fills at the next candle</b>: decisions arrive before their next candle (as live), rest
 *       in the paper book, and the next candle of each market fills them all.
 * </ol>
 *
 * Same-run baseline: a transaction that only records a message id (the database floor). Run by
 * bench/execution/run.sh; prints figures, asserts nothing.
 */
public final class PaperBench {
  static final int POLL = 500;
  static final int MARKETS = 50;
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    String db = args.length > 1 ? args[1] : "sqlite";
    int rate = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
    String parts = args.length > 3 ? args[3] : "1234"; // which parts to run (for profiling one)
    Supplier<DataSource> fresh =
        () -> {
          try {
            return db.equals("postgres")
                ? TestDatabases.freshPostgres("bench")
                : TestDatabases.freshSqlite("bench");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    DataSource probe = fresh.get();
    if (probe == null) {
      System.out.println("PostgreSQL not reachable");
      return;
    }
    dispose(probe);
    System.out.printf(
        "execution paper bench (%s, %d decisions per part, %d markets, load average %s)%n",
        db, n, MARKETS, load());
    int warm = Math.min(500, n / 10);
    List<Run> runs = new ArrayList<>();

    // 1. one decision per transaction, signals stored before
    if (parts.contains("1")) {
      Run r = new Run(fresh.get(), n, "a");
      runs.add(r);
      r.storeSignals(POLL);
      long[] base = new long[n];
      for (int i = 0; i < n; i++) {
        String id = "baseline-" + i;
        long a = System.nanoTime();
        r.engine
            .database()
            .transact(st -> st.markProcessed(id, "bench", System.currentTimeMillis()));
        base[i] = System.nanoTime() - a;
      }
      long[] lat = new long[n];
      long cpu = cpu();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long a = System.nanoTime();
        r.count(r.engine.onDecision(r.decisions[i], MessageValidator.problems(r.decisions[i])));
        lat[i] = System.nanoTime() - a;
      }
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "  one per transaction: %.0f decisions -> fills /s   p50 %.3f ms  p99 %.3f ms  (%d filled; %.0f us CPU per decision)%n",
          n / secs, pct(lat, warm, 50), pct(lat, warm, 99), r.filled, (cpu() - cpu) / 1e3 / n);
      double baseSecs = Arrays.stream(base).sum() / 1e9;
      System.out.printf(
          "    baseline (one tx, message id only): %.0f tx/s   p50 %.3f ms  p99 %.3f ms%n",
          n / baseSecs, pct(base, warm, 50), pct(base, warm, 99));
    }

    // 2. full polls, one transaction each
    if (parts.contains("2")) {
      Run r = new Run(fresh.get(), n, "b");
      runs.add(r);
      long s0 = System.nanoTime();
      r.storeSignals(POLL);
      double signalSecs = (System.nanoTime() - s0) / 1e9;
      long[] lat = new long[n];
      long cpu = cpu();
      long start = System.nanoTime();
      for (int from = 0; from < n; from += POLL) {
        int to = Math.min(n, from + POLL);
        long a = System.nanoTime();
        r.count(r.decide(from, to));
        long took = System.nanoTime() - a;
        Arrays.fill(lat, from, to, took);
      }
      double secs = (System.nanoTime() - start) / 1e9;
      double cpuPer = (cpu() - cpu) / 1e3 / n;
      System.out.printf(
          "  per poll of %d: %.0f decisions -> fills /s   latency (poll to commit) p50 %.3f ms  p99 %.3f ms  (%d filled; %.0f us CPU per decision = %.0f /s per CPU-second); signals stored %.0f /s%n",
          POLL,
          n / secs,
          pct(lat, 0, 50),
          pct(lat, 0, 99),
          r.filled,
          cpuPer,
          1e6 / cpuPer,
          n / signalSecs);
    }

    // 3. offered load: signal and decision i arrive at start + i / rate
    if (parts.contains("3")) {
      Run r = new Run(fresh.get(), n, "c");
      runs.add(r);
      long[] lat = new long[n];
      int batches = 0;
      long busy = 0;
      long start = System.nanoTime();
      int next = 0;
      while (next < n) {
        long now = System.nanoTime();
        int arrived = (int) Math.min(n, (now - start) * rate / 1_000_000_000L + 1);
        if (arrived <= next) {
          long due = start + (long) next * 1_000_000_000L / rate;
          while (System.nanoTime() < due) {
            Thread.onSpinWait();
          }
          continue;
        }
        int to = Math.min(arrived, next + POLL);
        long b0 = System.nanoTime();
        r.engine.onSignals(Arrays.asList(r.signals).subList(next, to), ExecutionEngine::noScope);
        r.count(r.decide(next, to));
        long done = System.nanoTime();
        busy += done - b0;
        for (int i = next; i < to; i++) {
          lat[i] = done - (start + (long) i * 1_000_000_000L / rate);
        }
        batches++;
        next = to;
      }
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "  offered %d/s (signals and decisions): %.0f decisions -> fills /s   latency (arrival to commit) p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%d filled, mean batch %.1f, busy %.0f%% of the time)%n",
          rate,
          n / secs,
          pct(lat, warm, 50),
          pct(lat, warm, 99),
          pct(lat, warm, 100),
          r.filled,
          (double) n / batches,
          100.0 * busy / (secs * 1e9));
    }

    // 4. decisions rest in the book until their market's next candle
    if (parts.contains("4")) {
      Run r = new Run(fresh.get(), n, "d", false);
      runs.add(r);
      r.storeSignals(POLL);
      long a = System.nanoTime();
      for (int from = 0; from < n; from += POLL) {
        r.count(r.decide(from, Math.min(n, from + POLL)));
      }
      double decideSecs = (System.nanoTime() - a) / 1e9;
      long cpu = cpu();
      long b = System.nanoTime();
      long[] perCandle = new long[MARKETS];
      for (int m = 0; m < MARKETS; m++) {
        long c0 = System.nanoTime();
        r.count(r.engine.onCandle(candle(m, 1)));
        perCandle[m] = System.nanoTime() - c0;
      }
      double fillSecs = (System.nanoTime() - b) / 1e9;
      double cpuPerFill = (cpu() - cpu) / 1e3 / Math.max(1, r.filled);
      System.out.printf(
          "  fills at the next candle: %d orders placed in %.0f ms (%.0f /s), then %d candles filled %d in %.0f ms (%.0f fills /s, %.0f us CPU per fill; one candle filling %d orders p50 %.1f ms)%n",
          n,
          decideSecs * 1e3,
          n / decideSecs,
          MARKETS,
          r.filled,
          fillSecs * 1e3,
          r.filled / fillSecs,
          cpuPerFill,
          n / MARKETS,
          pct(perCandle, 0, 50));
    }
    for (Run r : runs) {
      r.dispose(); // the bench's databases are large and of no further use
    }
  }

  /** A fresh engine with {@value #MARKETS} markets, n signals and their approved decisions. */
  private static final class Run {
    final DataSource ds;
    final ExecutionEngine engine;
    final Signal[] signals;
    final RiskDecision[] decisions;
    final List<List<String>> problems = new ArrayList<>();
    int filled;

    Run(DataSource ds, int n, String tag) {
      this(ds, n, tag, true);
    }

    Run(DataSource ds, int n, String tag, boolean nextCandleKnown) {
      EngineSettings settings =
          new EngineSettings(
              io.tradingsuite.contracts.TradingMode.PAPER,
              java.util.Set.of("xbench"),
              "USDT",
              new BigDecimal("100000000"),
              new BigDecimal("0.001"),
              BigDecimal.ZERO,
              java.util.Set.of());
      this.ds = ds;
      engine = new ExecutionEngine(new Database(ds), settings, Clock.systemUTC());
      engine.initWallet();
      TreeMap<Integer, BigDecimal> roi = new TreeMap<>();
      roi.put(0, new BigDecimal("0.05"));
      ExitPlan plan =
          new ExitPlan(new BigDecimal("-0.10"), roi, false, null, BigDecimal.ZERO, false);
      // each market: the signal candle, and the next one unless the orders are to rest
      for (int m = 0; m < MARKETS; m++) {
        engine.onCandle(candle(m, 0));
        if (nextCandleKnown) {
          engine.onCandle(candle(m, 1));
        }
      }
      signals = new Signal[n];
      decisions = new RiskDecision[n];
      for (int i = 0; i < n; i++) {
        String pair = "B" + (i % MARKETS) + "/USDT";
        Signal s =
            new Signal(
                tag + "s-" + i,
                "Bench",
                "xbench",
                pair,
                "5m",
                T0,
                SignalAction.ENTER_LONG,
                null,
                null,
                BigDecimal.ONE,
                new BigDecimal("10"),
                plan,
                Instant.now());
        signals[i] = s;
        Order o =
            new Order(
                tag + "c-" + i,
                "xbench",
                pair,
                OrderSide.BUY,
                OrderType.MARKET,
                null,
                s.stakeAmount(),
                null,
                tag + "t-" + i,
                plan);
        decisions[i] =
            new RiskDecision(
                tag + "d-" + i,
                s.id(),
                true,
                null,
                List.of(),
                o,
                Instant.now(),
                Instant.now().plusSeconds(3600));
        problems.add(MessageValidator.problems(decisions[i]));
      }
    }

    void dispose() throws Exception {
      PaperBench.dispose(ds);
    }

    void storeSignals(int batch) {
      for (int from = 0; from < signals.length; from += batch) {
        engine.onSignals(
            Arrays.asList(signals).subList(from, Math.min(signals.length, from + batch)),
            ExecutionEngine::noScope);
      }
    }

    ExecutionEngine.Outcome decide(int from, int to) {
      return engine.onDecisions(
          Arrays.asList(decisions).subList(from, to),
          problems.subList(from, to),
          ExecutionEngine::noScope);
    }

    void count(ExecutionEngine.Outcome out) {
      for (Fill f : out.fills()) {
        if (f.status() == FillStatus.FILLED && f.side() == OrderSide.BUY) {
          filled++;
        }
      }
    }
  }

  /** Drops a bench database: its PostgreSQL schema, or its SQLite file. */
  static void dispose(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      if (c.getMetaData().getURL().startsWith("jdbc:postgresql")) {
        try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
          rs.next();
          st.execute("DROP SCHEMA \"" + rs.getString(1) + "\" CASCADE");
        }
        return;
      }
      String file;
      try (ResultSet rs = st.executeQuery("PRAGMA database_list")) {
        rs.next();
        file = rs.getString(3);
      }
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    }
  }

  static Candle candle(int market, int slot) {
    return new Candle(
        "xbench",
        "B" + market + "/USDT",
        "5m",
        T0.plusSeconds(300L * slot),
        new BigDecimal("100"),
        new BigDecimal("100.5"),
        new BigDecimal("99.5"),
        new BigDecimal("100"),
        BigDecimal.TEN);
  }

  /** CPU time of this thread (the engine and SQLite's native code run on it), in ns. */
  private static long cpu() {
    return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
  }

  private static String load() {
    try {
      String l = Files.readString(Path.of("/proc/loadavg"));
      int third = l.indexOf(' ', l.indexOf(' ', l.indexOf(' ') + 1) + 1);
      return third < 0 ? l.trim() : l.substring(0, third);
    } catch (Exception e) {
      return "?";
    }
  }

  private static double pct(long[] ns, int skip, int p) {
    long[] s = Arrays.copyOfRange(ns, skip, ns.length);
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
  }
}
