package io.tradingsuite.execution.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.execution.engine.Database;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import io.tradingsuite.execution.engine.Rows.OrderRow;
import io.tradingsuite.execution.engine.Rows.TradeRow;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Crash safety of the engine on a real database: the processing dies before a commit at random
 * points while the stream is running (the transaction in flight is lost), is restarted with a fresh
 * engine (no in-memory state) and gets the stream again from the last committed consumer offset
 * (Kafka commits offsets lazily, so already-applied inputs are redelivered). The outcome must equal
 * an uninterrupted run: every approved decision has exactly one order, the same fills under the
 * same ids, the same trades, and a wallet that balances against the fills to the last decimal.
 */
class CrashRestartTest {
  static final int OFFSET_COMMIT_EVERY = 7;

  @Test
  void restartsInTheMiddleOfTheStreamLoseAndDuplicateNothingOnSqlite() throws Exception {
    for (long seed : new long[] {11, 12}) {
      check(seed, TestDatabases.freshSqlite("reference"), TestDatabases.freshSqlite("crashing"));
    }
  }

  @Test
  void restartsInTheMiddleOfTheStreamLoseAndDuplicateNothingOnPostgres() throws Exception {
    DataSource reference = TestDatabases.freshPostgres("reference");
    Assumptions.assumeTrue(reference != null, "PostgreSQL not reachable on 127.0.0.1:5432");
    check(21, reference, TestDatabases.freshPostgres("crashing"));
  }

  private void check(long seed, DataSource referenceDs, DataSource crashingDs) {
    Scenario sc = new Scenario(seed, 3, 90);
    EngineSettings settings = EngineSettings.paperDefaults(Scenario.EXCHANGE);
    Clock clock = Clock.fixed(Scenario.NOW, ZoneOffset.UTC);

    ExecutionEngine reference = new ExecutionEngine(new Database(referenceDs), settings, clock);
    reference.initWallet();
    for (ContractMessage m : sc.inputs) {
      Scenario.deliver(reference, m);
    }
    Snapshot expected = Snapshot.of(reference);
    assertThat(expected.trades).as("the scenario trades").hasSizeGreaterThan(8);
    assertThat(expected.trades.values().stream().filter(t -> t.contains("|closed|")))
        .hasSizeGreaterThan(5);

    // crash points: ~8 random commits over the run
    Random r = new Random(seed * 31);
    Set<Integer> crashAt = new java.util.HashSet<>();
    while (crashAt.size() < 8) {
      crashAt.add(1 + r.nextInt(sc.inputs.size()));
    }
    AtomicBoolean crashed = new AtomicBoolean();
    DataSource dying =
        TestDatabases.crashing(crashingDs, crashAt::contains, () -> crashed.set(true));
    int committedOffset = 0;
    int restarts = 0;
    ExecutionEngine engine = null;
    int i = committedOffset;
    while (i < sc.inputs.size()) {
      try {
        if (engine == null) {
          engine = start(dying, settings, clock); // start-up can die too
        }
        Scenario.deliver(engine, sc.inputs.get(i));
        i++;
        if (i % OFFSET_COMMIT_EVERY == 0) {
          committedOffset = i;
        }
      } catch (RuntimeException e) {
        assertThat(crashed.getAndSet(false)).as("only simulated crashes fail: " + e).isTrue();
        restarts++;
        engine = null; // a new process: nothing survives but the database
        i = committedOffset; // and the consumer resumes at its committed offset
      }
    }
    assertThat(restarts).isGreaterThanOrEqualTo(4);
    if (engine == null) {
      engine = start(dying, settings, clock);
    }
    Snapshot actual = Snapshot.of(engine);

    assertThat(actual.orders).isEqualTo(expected.orders);
    assertThat(actual.trades).isEqualTo(expected.trades);
    assertThat(actual.fills).isEqualTo(expected.fills);
    assertThat(actual.balances).isEqualTo(expected.balances);
    // every approved decision has exactly one order
    for (String coid : sc.approvedClientOrderIds) {
      assertThat(actual.orders).containsKey(coid);
    }
    assertThat(actual.orders.keySet().stream().filter(k -> !k.contains(":")))
        .hasSize((int) sc.approvedClientOrderIds.stream().distinct().count());
    // the wallet balances against the fills, exactly
    Map<String, BigDecimal> fromFills = walletFromFills(actual.fillList, settings);
    for (var e : actual.balanceValues.entrySet()) {
      assertThat(e.getValue())
          .as(e.getKey())
          .isEqualByComparingTo(fromFills.getOrDefault(e.getKey(), BigDecimal.ZERO));
    }
  }

  @Test
  void pollsInOneTransactionEachEqualOneInputAtATimeAcrossCrashesOnSqlite() throws Exception {
    for (long seed : new long[] {13, 14}) {
      checkPolls(seed, TestDatabases.freshSqlite("reference"), TestDatabases.freshSqlite("polls"));
    }
  }

  @Test
  void pollsInOneTransactionEachEqualOneInputAtATimeAcrossCrashesOnPostgres() throws Exception {
    DataSource reference = TestDatabases.freshPostgres("reference");
    Assumptions.assumeTrue(reference != null, "PostgreSQL not reachable on 127.0.0.1:5432");
    checkPolls(23, reference, TestDatabases.freshPostgres("polls"));
  }

  /**
   * The stream handled a poll at a time (one transaction per poll, as the service's consumers do)
   * gives exactly what one input per transaction gives, also when commits fail at random polls:
   * after a failure either the process restarts (a new engine, nothing in memory) or the same
   * engine gets the stream again from the last committed offset (what it kept in memory across the
   * rolled-back transaction must not matter).
   */
  private void checkPolls(long seed, DataSource referenceDs, DataSource crashingDs) {
    Scenario sc = new Scenario(seed, 3, 90);
    EngineSettings settings = EngineSettings.paperDefaults(Scenario.EXCHANGE);
    Clock clock = Clock.fixed(Scenario.NOW, ZoneOffset.UTC);

    ExecutionEngine reference = new ExecutionEngine(new Database(referenceDs), settings, clock);
    reference.initWallet();
    for (ContractMessage m : sc.inputs) {
      Scenario.deliver(reference, m);
    }
    Snapshot expected = Snapshot.of(reference);
    assertThat(expected.trades.values().stream().filter(t -> t.contains("|closed|")))
        .hasSizeGreaterThan(5);

    Random r = new Random(seed * 17);
    List<List<ContractMessage>> polls = Scenario.polls(sc.inputs, r, 12);
    assertThat(polls.stream().filter(p -> p.size() > 1)).hasSizeGreaterThan(20);
    Set<Integer> crashAt = new java.util.HashSet<>();
    while (crashAt.size() < 8) {
      crashAt.add(2 + r.nextInt(polls.size()));
    }
    AtomicBoolean crashed = new AtomicBoolean();
    DataSource dying =
        TestDatabases.crashing(crashingDs, crashAt::contains, () -> crashed.set(true));
    int committedPoll = 0;
    int restarts = 0;
    int retriesInProcess = 0;
    ExecutionEngine engine = null;
    int i = 0;
    while (i < polls.size()) {
      try {
        if (engine == null) {
          engine = start(dying, settings, clock);
        }
        Scenario.deliverPoll(engine, polls.get(i));
        i++;
        if (i % 3 == 0) {
          committedPoll = i;
        }
      } catch (RuntimeException e) {
        assertThat(crashed.getAndSet(false)).as("only simulated crashes fail: " + e).isTrue();
        if (engine == null || r.nextBoolean()) {
          restarts++;
          engine = null;
        } else {
          retriesInProcess++;
        }
        i = committedPoll;
      }
    }
    assertThat(restarts + retriesInProcess).isGreaterThanOrEqualTo(4);
    if (engine == null) {
      engine = start(dying, settings, clock);
    }
    Snapshot actual = Snapshot.of(engine);
    assertThat(actual.orders).isEqualTo(expected.orders);
    assertThat(actual.trades).isEqualTo(expected.trades);
    assertThat(actual.fills).isEqualTo(expected.fills);
    assertThat(actual.balances).isEqualTo(expected.balances);
  }

  private static ExecutionEngine start(DataSource ds, EngineSettings settings, Clock clock) {
    ExecutionEngine e = new ExecutionEngine(new Database(ds), settings, clock);
    e.initWallet();
    e.reconcilePaper();
    return e;
  }

  static Map<String, BigDecimal> walletFromFills(List<Fill> fills, EngineSettings s) {
    Map<String, BigDecimal> w = new HashMap<>();
    w.put(s.stakeCurrency(), s.dryRunWallet());
    for (Fill f : fills) {
      if (f.status() != FillStatus.FILLED) {
        continue;
      }
      String base = f.pair().substring(0, f.pair().indexOf('/'));
      BigDecimal value = f.price().multiply(f.amount());
      if (f.side() == OrderSide.BUY) {
        w.merge(f.feeCurrency(), value.add(f.fee()).negate(), BigDecimal::add);
        w.merge(base, f.amount(), BigDecimal::add);
      } else {
        w.merge(f.feeCurrency(), value.subtract(f.fee()), BigDecimal::add);
        w.merge(base, f.amount().negate(), BigDecimal::add);
      }
    }
    return w;
  }

  /** Everything the engine stored, in comparable form. */
  record Snapshot(
      TreeMap<String, String> orders,
      TreeMap<String, String> trades,
      TreeMap<String, String> fills,
      TreeMap<String, String> balances,
      Map<String, BigDecimal> balanceValues,
      List<Fill> fillList) {

    static Snapshot of(ExecutionEngine e) {
      return e.read(
          s -> {
            TreeMap<String, String> orders = new TreeMap<>();
            for (OrderRow o : s.orders(null, null, 100_000)) {
              orders.put(
                  o.clientOrderId(),
                  o.state()
                      + "|"
                      + plain(o.filledAmount())
                      + "|"
                      + plain(o.averagePrice())
                      + "|"
                      + plain(o.fee())
                      + "|"
                      + o.exitReason()
                      + "|"
                      + o.reason()
                      + "|"
                      + plain(o.limitPrice()));
            }
            TreeMap<String, String> trades = new TreeMap<>();
            for (TradeRow t : s.trades(null, 100_000)) {
              trades.put(
                  t.tradeId(),
                  t.pair()
                      + "|"
                      + t.status()
                      + "|"
                      + t.openTime()
                      + "|"
                      + plain(t.openRate())
                      + "|"
                      + plain(t.amount())
                      + "|"
                      + t.closeTime()
                      + "|"
                      + plain(t.closeRate())
                      + "|"
                      + t.exitReason()
                      + "|"
                      + plain(t.profitAbs())
                      + "|"
                      + t.lastCandleTime()
                      + "|"
                      + plain(t.stopPrice()));
            }
            List<Fill> fillList = new ArrayList<>();
            TreeMap<String, String> fills = new TreeMap<>();
            try (Statement st = s.connection().createStatement();
                ResultSet rs = st.executeQuery("SELECT fill_id, body FROM exec_fill")) {
              while (rs.next()) {
                fills.put(rs.getString(1), rs.getString(2));
                fillList.add(
                    io.tradingsuite.contracts.MessageCodec.instance()
                        .decode(rs.getString(2), Fill.class));
              }
            } catch (java.sql.SQLException ex) {
              throw new IllegalStateException(ex);
            }
            Map<String, BigDecimal> values = s.balances();
            TreeMap<String, String> balances = new TreeMap<>();
            values.forEach((k, v) -> balances.put(k, plain(v)));
            return new Snapshot(orders, trades, fills, balances, values, fillList);
          });
    }

    private static String plain(BigDecimal v) {
      return v == null ? "null" : v.stripTrailingZeros().toPlainString();
    }
  }
}
