package io.tradingsuite.execution.bench;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ExitPlan;
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
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Paper mode, in-service: approved decisions to fills per second, and the latency of one decision
 * (decode-free engine call: dedupe, validation, order persisted, wallet, trade, fill in the outbox,
 * one commit). Same-run baseline: a transaction that only records the message id (the database
 * floor). Run by bench/execution/run.sh; prints figures, asserts nothing.
 */
public final class PaperBench {
  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
    String db = args.length > 1 ? args[1] : "sqlite";
    DataSource ds =
        db.equals("postgres")
            ? TestDatabases.freshPostgres("bench")
            : TestDatabases.freshSqlite("bench");
    if (ds == null) {
      System.out.println("PostgreSQL not reachable");
      return;
    }
    EngineSettings settings =
        new EngineSettings(
            io.tradingsuite.contracts.TradingMode.PAPER,
            java.util.Set.of("xbench"),
            "USDT",
            new BigDecimal("100000000"),
            new BigDecimal("0.001"),
            BigDecimal.ZERO,
            java.util.Set.of());
    ExecutionEngine engine = new ExecutionEngine(new Database(ds), settings, Clock.systemUTC());
    engine.initWallet();

    int markets = 50;
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    TreeMap<Integer, BigDecimal> roi = new TreeMap<>();
    roi.put(0, new BigDecimal("0.05"));
    ExitPlan plan = new ExitPlan(new BigDecimal("-0.10"), roi, false, null, BigDecimal.ZERO, false);
    // each market: the signal candle and the next one are known, so a decision fills at once
    for (int m = 0; m < markets; m++) {
      String pair = "B" + m + "/USDT";
      for (int k = 0; k < 2; k++) {
        engine.onCandle(
            new Candle(
                "xbench",
                pair,
                "5m",
                t0.plusSeconds(300L * k),
                new BigDecimal("100"),
                new BigDecimal("100.5"),
                new BigDecimal("99.5"),
                new BigDecimal("100"),
                BigDecimal.TEN));
      }
    }
    RiskDecision[] decisions = new RiskDecision[n];
    for (int i = 0; i < n; i++) {
      String pair = "B" + (i % markets) + "/USDT";
      Signal s =
          new Signal(
              "bs-" + i,
              "Bench",
              "xbench",
              pair,
              "5m",
              t0,
              SignalAction.ENTER_LONG,
              null,
              null,
              BigDecimal.ONE,
              new BigDecimal("10"),
              plan,
              Instant.now());
      engine.onSignal(s);
      Order o =
          new Order(
              "bc-" + i,
              "xbench",
              pair,
              OrderSide.BUY,
              OrderType.MARKET,
              null,
              s.stakeAmount(),
              null,
              "bt-" + i,
              plan);
      decisions[i] =
          new RiskDecision(
              "bd-" + i,
              s.id(),
              true,
              null,
              List.of(),
              o,
              Instant.now(),
              Instant.now().plusSeconds(3600));
    }

    // baseline: the database floor, one transaction recording a message id
    int warm = Math.min(500, n / 10);
    long[] base = new long[n];
    for (int i = 0; i < n; i++) {
      String id = "baseline-" + i;
      long a = System.nanoTime();
      engine.database().transact(st -> st.markProcessed(id, "bench", System.currentTimeMillis()));
      base[i] = System.nanoTime() - a;
    }
    long[] lat = new long[n];
    int filled = 0;
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      long a = System.nanoTime();
      var out = engine.onDecision(decisions[i], MessageValidator.problems(decisions[i]));
      lat[i] = System.nanoTime() - a;
      if (!out.fills().isEmpty() && out.fills().get(0).status() == FillStatus.FILLED) {
        filled++;
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "execution paper bench (%s, %d decisions, %d markets, %d filled)%n",
        db, n, markets, filled);
    System.out.printf(
        "  decisions -> fills: %.0f /s   latency p50 %.3f ms  p99 %.3f ms  (first %d excluded from percentiles)%n",
        n / secs, pct(lat, warm, 50), pct(lat, warm, 99), warm);
    double baseSecs = Arrays.stream(base).sum() / 1e9;
    System.out.printf(
        "  baseline (one tx, message id only): %.0f tx/s   p50 %.3f ms  p99 %.3f ms%n",
        n / baseSecs, pct(base, warm, 50), pct(base, warm, 99));
  }

  private static double pct(long[] ns, int skip, int p) {
    long[] s = Arrays.copyOfRange(ns, skip, ns.length);
    Arrays.sort(s);
    return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)] / 1e6;
  }
}
