package io.tradingsuite.execution.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.execution.engine.Database;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The engine's outcome of generated streams, pinned: orders, trades, fills (ids and bodies) and
 * balances of each {@link Scenario} equal the files under {@code golden/} (gzipped text, a line per
 * row), which the engine wrote before its batching and in-memory work (commit 431525e, one input
 * per transaction, every row read from the database). So the faster engine books exactly what the
 * plain one booked, whether it gets one input per transaction or a poll per transaction.
 */
class GoldenScenarioTest {
  static final long[] SEEDS = {101, 102, 103};

  @Test
  void oneInputPerTransactionBooksWhatThePlainEngineBookedOnSqlite() throws Exception {
    for (long seed : SEEDS) {
      assertGolden(seed, run(seed, TestDatabases.freshSqlite("golden"), 1));
    }
  }

  @Test
  void pollsBookWhatThePlainEngineBookedOnSqlite() throws Exception {
    for (long seed : SEEDS) {
      assertGolden(seed, run(seed, TestDatabases.freshSqlite("golden"), 40));
    }
  }

  @Test
  void pollsBookWhatThePlainEngineBookedOnPostgres() {
    DataSource ds = TestDatabases.freshPostgres("golden");
    Assumptions.assumeTrue(ds != null, "PostgreSQL not reachable on 127.0.0.1:5432");
    assertGolden(SEEDS[0], run(SEEDS[0], ds, 40));
  }

  /** The scenario of {@code seed} delivered in polls of up to {@code maxPoll} inputs. */
  static String run(long seed, DataSource ds, int maxPoll) {
    Scenario sc = new Scenario(seed, 3, 120);
    ExecutionEngine engine =
        new ExecutionEngine(
            new Database(ds),
            EngineSettings.paperDefaults(Scenario.EXCHANGE),
            Clock.fixed(Scenario.NOW, ZoneOffset.UTC));
    engine.initWallet();
    if (maxPoll == 1) {
      for (ContractMessage m : sc.inputs) {
        Scenario.deliver(engine, m);
      }
    } else {
      for (List<ContractMessage> poll : Scenario.polls(sc.inputs, new Random(seed), maxPoll)) {
        Scenario.deliverPoll(engine, poll);
      }
    }
    return render(CrashRestartTest.Snapshot.of(engine));
  }

  static String render(CrashRestartTest.Snapshot s) {
    StringBuilder b = new StringBuilder();
    section(b, "order", s.orders());
    section(b, "trade", s.trades());
    section(b, "fill", s.fills());
    section(b, "balance", s.balances());
    return b.toString();
  }

  private static void section(StringBuilder b, String kind, Map<String, String> rows) {
    rows.forEach((k, v) -> b.append(kind).append(' ').append(k).append(' ').append(v).append('\n'));
  }

  private static void assertGolden(long seed, String actual) {
    String name = "golden/scenario-" + seed + ".txt.gz";
    String expected;
    try (InputStream in = GoldenScenarioTest.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      expected = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    assertThat(lines(actual)).as("seed %d", seed).containsExactlyElementsOf(lines(expected));
    assertThat(
            lines(expected).stream().filter(l -> l.startsWith("trade ") && l.contains("|closed|")))
        .as("closed trades in the scenario")
        .hasSizeGreaterThan(20);
  }

  private static List<String> lines(String s) {
    return new ArrayList<>(s.lines().toList());
  }
}
