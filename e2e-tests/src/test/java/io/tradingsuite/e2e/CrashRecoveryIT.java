package io.tradingsuite.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.e2e.harness.CandleSet;
import io.tradingsuite.e2e.harness.Pipeline;
import io.tradingsuite.e2e.harness.Scenario;
import io.tradingsuite.e2e.harness.ServiceName;
import io.tradingsuite.e2e.harness.Suite;
import io.tradingsuite.e2e.harness.TradeComparison;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 3: SIGKILL each of strategy-, risk-, execution- and market-data-service in turn in
 * the middle of a replay of more than 10,000 candles over four pairs, restart it with the same
 * database, and prove from the topics and the services' REST APIs:
 *
 * <ul>
 *   <li>no candle lost or published twice, and every candle evaluated by the bots (after the
 *       market-data kill the resumed replay reads back from the topic what it had sent);
 *   <li>no signal lost: every signal got a decision, every approved decision an order at
 *       execution-service and that order a final answer;
 *   <li>no decision twice: one decision id per signal, every delivery of it identical, and no
 *       signal sent again under a new id;
 *   <li>no order twice: one order per signal, at most one filled fill per order, one trade per
 *       filled entry;
 *   <li>the wallet consistent: {@code GET /balance} equals the start minus what the filled buys
 *       cost (stake + fee) plus what the filled sells brought (proceeds − fee), exactly, per
 *       currency;
 *   <li>the same trades as the run without crashes, which is the backtest of the same candles
 *       ({@link PaperBacktestParityIT} is the proof that an undisturbed replay equals it), compared
 *       by {@link TradeComparison}.
 * </ul>
 *
 * Not covered here (issue 10 item 3 also asks for them): a broker restart and a PostgreSQL restart
 * in the middle of the replay. The broker is shared with the rest of the build and the services run
 * on SQLite in this test.
 */
class CrashRecoveryIT {
  static final int CANDLES_PER_PAIR = Integer.getInteger("e2e.crash.candles", 2500);
  static final String SPEED = System.getProperty("e2e.crash.speed", "6000");

  /** Which service dies when the replay has published this share of the candles. */
  record Kill(ServiceName service, double at) {}

  static final List<Kill> KILLS =
      List.of(
          new Kill(ServiceName.STRATEGY, 0.15),
          new Kill(ServiceName.RISK, 0.35),
          new Kill(ServiceName.EXECUTION, 0.55),
          new Kill(ServiceName.MARKET_DATA, 0.75));

  static Scenario scenario;
  static CandleSet candles;
  static Suite suite;

  @BeforeAll
  static void startSuite() {
    List<String> pairs = List.of("ADA/USDT", "DOT/USDT", "LTC/USDT", "LINK/USDT");
    scenario = Scenario.standard("crash", pairs);
    candles =
        CandleSet.generate(
            scenario.exchange(),
            List.of(
                new CandleSet.Profile("ADA/USDT", 0.45, 5, 0.005),
                new CandleSet.Profile("DOT/USDT", 7.5, 4, 0.005),
                new CandleSet.Profile("LTC/USDT", 70, 3, 0.004),
                new CandleSet.Profile("LINK/USDT", 15, 4, 0.006)),
            Instant.parse("2024-05-01T00:00:00Z"),
            CANDLES_PER_PAIR,
            20240501L);
    suite = scenario.suite("CrashRecoveryIT").start();
  }

  @AfterAll
  static void stopSuite() {
    if (suite != null) {
      suite.close();
    }
  }

  @Test
  void killEachServiceInTurnInTheMiddleOfAReplay() {
    candles.importInto(suite);
    String replay = scenario.replay(suite, candles, SPEED);
    suite.log(
        "replaying " + candles.total() + " candles at speed " + SPEED + " (replay " + replay + ")");
    List<Pipeline.Timed<String>> events = new ArrayList<>();
    SoftAssertions soft = new SoftAssertions();
    for (Kill k : KILLS) {
      long target = (long) (candles.total() * k.at());
      suite.await(
          "the replay to publish " + target + " candles",
          Duration.ofMinutes(10),
          () -> Scenario.replayState(suite, replay).path("published").asLong() >= target);
      JsonNode state = Scenario.replayState(suite, replay);
      // in the middle: the replay is still publishing when the service dies
      soft.assertThat(state.path("status").asText())
          .as("replay status when %s is killed", k.service())
          .isEqualTo("running");
      long killedAt = System.currentTimeMillis();
      suite.kill(k.service());
      events.add(
          new Pipeline.Timed<>(
              killedAt,
              "*** SIGKILL "
                  + k.service()
                  + " (replay had published "
                  + state.path("published").asLong()
                  + ")"));
      suite.start(k.service());
      events.add(
          new Pipeline.Timed<>(System.currentTimeMillis(), "*** " + k.service() + " ready again"));
      suite.log(
          k.service()
              + " killed at "
              + state.path("published").asLong()
              + "/"
              + candles.total()
              + " candles and back after "
              + (System.currentTimeMillis() - killedAt)
              + " ms");
    }
    suite.await(
        "replay " + replay + " to finish",
        Duration.ofMinutes(10),
        () -> "done".equals(Scenario.replayState(suite, replay).path("status").asText()));
    scenario.awaitBotsAt(suite, candles.last(), Duration.ofMinutes(5));
    suite.awaitIdle(Duration.ofSeconds(3), Duration.ofMinutes(5));
    suite.log("replay done and the pipeline idle");

    Pipeline p = Pipeline.read(suite.topics());
    candlesComplete(soft, p);
    List<Signal> signals = signalsOnce(soft, p);
    Map<String, RiskDecision> decisionBySignal = decisionsOnce(soft, p, signals);
    ordersOnce(soft, p, decisionBySignal);
    walletConsistent(soft, p);
    soft.assertThat(p.deadLetters).as("dead letters").isEmpty();
    sameTradesAsWithoutCrashes(soft, p, events);
    soft.assertAll();
  }

  /**
   * Every candle reached the topic exactly once: the market-data kill leaves candles acknowledged
   * but not recorded, and the resumed replay reads them back from the topic instead of sending them
   * again.
   */
  private void candlesComplete(SoftAssertions soft, Pipeline p) {
    Map<String, Candle> byKey =
        Pipeline.distinct(
            Pipeline.messages(p.candles), c -> c.pair() + "@" + c.openTime(), c -> c, "candle");
    soft.assertThat(byKey).as("distinct candles on the topic").hasSize(candles.total());
    soft.assertThat(p.candles.size())
        .as("candle records: none published twice across the market-data kill")
        .isEqualTo(candles.total());
    suite.log(p.candles.size() + " candle records for " + byKey.size() + " candles");
  }

  /**
   * Distinct signals; the same decision (bot, market, candle, action, trade) never under two ids.
   */
  private List<Signal> signalsOnce(SoftAssertions soft, Pipeline p) {
    Map<String, Signal> byId =
        Pipeline.distinct(
            Pipeline.messages(p.signals),
            Signal::id,
            s -> List.of(s.action(), s.pair(), s.candleTime(), String.valueOf(s.tradeId())),
            "signal");
    Map<String, Set<String>> idsByNaturalKey = new HashMap<>();
    for (Signal s : byId.values()) {
      idsByNaturalKey
          .computeIfAbsent(
              s.strategy()
                  + "|"
                  + s.pair()
                  + "|"
                  + s.candleTime()
                  + "|"
                  + s.action()
                  + "|"
                  + s.tradeId(),
              k -> new HashSet<>())
          .add(s.id());
    }
    soft.assertThat(
            idsByNaturalKey.entrySet().stream().filter(e -> e.getValue().size() > 1).toList())
        .as("signals sent again under a new id")
        .isEmpty();
    suite.log(p.signals.size() + " signal records, " + byId.size() + " distinct signals");
    return List.copyOf(byId.values());
  }

  /** Each signal decided exactly once: one decision id, identical on every delivery. */
  private Map<String, RiskDecision> decisionsOnce(
      SoftAssertions soft, Pipeline p, List<Signal> signals) {
    Map<String, RiskDecision> byId =
        Pipeline.distinct(Pipeline.messages(p.decisions), RiskDecision::id, d -> d, "decision");
    Map<String, List<RiskDecision>> bySignal =
        byId.values().stream().collect(Collectors.groupingBy(RiskDecision::signalId));
    soft.assertThat(bySignal.values().stream().filter(l -> l.size() > 1).toList())
        .as("signals decided twice")
        .isEmpty();
    List<String> undecided =
        signals.stream().map(Signal::id).filter(id -> !bySignal.containsKey(id)).toList();
    soft.assertThat(undecided)
        .as("signals without a decision (lost between strategy and risk)")
        .isEmpty();
    suite.log(
        p.decisions.size()
            + " decision records, "
            + byId.size()
            + " distinct decisions, "
            + byId.values().stream().filter(RiskDecision::approved).count()
            + " approved");
    Map<String, RiskDecision> out = new HashMap<>();
    bySignal.forEach((k, v) -> out.put(k, v.get(0)));
    return out;
  }

  /**
   * Every approved decision has exactly one order at execution-service with a final answer (an
   * entry signalled on the last candle waits for a candle that never comes); at most one filled
   * fill per order; one trade per filled entry, closed by at most one filled exit.
   */
  private void ordersOnce(SoftAssertions soft, Pipeline p, Map<String, RiskDecision> decisions) {
    Map<String, JsonNode> orders = new HashMap<>();
    Map<String, Integer> ordersPerSignal = new HashMap<>();
    for (JsonNode o : suite.getJson(ServiceName.EXECUTION, "/orders?limit=10000")) {
      if (!"market".equals(o.path("type").asText())) {
        continue; // the protective legs of a trade
      }
      orders.put(o.path("client_order_id").asText(), o);
      ordersPerSignal.merge(o.path("signal_id").asText(), 1, Integer::sum);
    }
    soft.assertThat(ordersPerSignal.entrySet().stream().filter(e -> e.getValue() > 1).toList())
        .as("signals with more than one order")
        .isEmpty();
    Map<String, Signal> signalById = new HashMap<>();
    Pipeline.messages(p.signals).forEach(s -> signalById.put(s.id(), s));
    List<String> unanswered = new ArrayList<>();
    for (RiskDecision d : decisions.values()) {
      if (!d.approved()) {
        continue;
      }
      JsonNode o = orders.get(d.order().clientOrderId());
      Signal s = signalById.get(d.signalId());
      boolean lastCandle = s != null && s.candleTime().equals(candles.last());
      if (o == null) {
        unanswered.add("no order for approved decision " + d.id() + " of signal " + d.signalId());
      } else if (!lastCandle && !List.of("filled", "rejected").contains(o.path("state").asText())) {
        unanswered.add(
            "order " + o.path("client_order_id").asText() + " is " + o.path("state").asText());
      }
    }
    soft.assertThat(unanswered).as("approved decisions without a final order").isEmpty();

    Map<String, Fill> fills = p.distinctFills();
    Map<String, List<Fill>> filledByOrder =
        fills.values().stream()
            .filter(f -> f.status() == FillStatus.FILLED)
            .collect(Collectors.groupingBy(Fill::clientOrderId));
    soft.assertThat(filledByOrder.values().stream().filter(l -> l.size() > 1).toList())
        .as("orders filled twice")
        .isEmpty();
    Map<String, Long> buysPerTrade =
        fills.values().stream()
            .filter(f -> f.status() == FillStatus.FILLED && f.side() == OrderSide.BUY)
            .collect(Collectors.groupingBy(Fill::tradeId, Collectors.counting()));
    Map<String, Long> sellsPerTrade =
        fills.values().stream()
            .filter(f -> f.status() == FillStatus.FILLED && f.side() == OrderSide.SELL)
            .collect(Collectors.groupingBy(Fill::tradeId, Collectors.counting()));
    soft.assertThat(buysPerTrade.values()).as("entry fills per trade").allMatch(n -> n == 1);
    soft.assertThat(sellsPerTrade.values()).as("exit fills per trade").allMatch(n -> n == 1);
    JsonNode trades = suite.getJson(ServiceName.EXECUTION, "/trades?limit=10000");
    Set<String> tradeIds = new HashSet<>();
    trades.forEach(t -> tradeIds.add(t.path("trade_id").asText()));
    soft.assertThat(tradeIds).as("trades = filled entries").isEqualTo(buysPerTrade.keySet());
    suite.log(
        orders.size()
            + " market orders, "
            + fills.size()
            + " distinct fills ("
            + p.fills.size()
            + " records), "
            + tradeIds.size()
            + " trades");
  }

  /** balance = start − (cost + fee of every filled buy) + (proceeds − fee of every filled sell). */
  private void walletConsistent(SoftAssertions soft, Pipeline p) {
    Map<String, BigDecimal> expected = new TreeMap<>();
    p.walletFromFills(Scenario.STAKE_CURRENCY, Scenario.WALLET)
        .forEach(
            (c, v) -> {
              if (v.signum() != 0 || c.equals(Scenario.STAKE_CURRENCY)) {
                expected.put(c, TradeComparison.r(v));
              }
            });
    JsonNode b = suite.getJson(ServiceName.EXECUTION, "/balance");
    Map<String, BigDecimal> actual = new TreeMap<>();
    for (JsonNode c : b.path("currencies")) {
      BigDecimal v = c.path("balance").decimalValue();
      if (v.signum() != 0 || c.path("currency").asText().equals(Scenario.STAKE_CURRENCY)) {
        actual.put(c.path("currency").asText(), TradeComparison.r(v));
      }
    }
    soft.assertThat(actual).as("wallet (GET /balance) vs the fills").isEqualTo(expected);
    soft.assertThat(TradeComparison.r(b.path("free").decimalValue()))
        .as("free stake currency")
        .isEqualByComparingTo(expected.get(Scenario.STAKE_CURRENCY));
    suite.log("wallet " + actual);
  }

  /**
   * The crash run's trades against the backtest, with a timeline (and the kills) per difference.
   */
  private void sameTradesAsWithoutCrashes(
      SoftAssertions soft, Pipeline p, List<Pipeline.Timed<String>> events) {
    List<String> reports = new ArrayList<>();
    boolean same = true;
    for (Scenario.Bot bot : scenario.bots()) {
      List<TradeComparison.Trade> live = Scenario.replayTrades(suite, bot.pairs());
      List<TradeComparison.Trade> backtest = scenario.backtest(suite, bot);
      TradeComparison.Report report =
          TradeComparison.compare(live, backtest, candles.last(), candles.step());
      StringBuilder r = new StringBuilder(bot.name() + " " + bot.pairs() + ": " + report.summary());
      for (TradeComparison.Difference d : report.differences()) {
        r.append("\n  - ")
            .append(d.text())
            .append('\n')
            .append(p.timeline(d.pair(), d.from(), d.to(), candles.step(), events));
      }
      reports.add(r.toString());
      same &= report.parity();
    }
    String account = String.join("\n", reports);
    suite.log("trades of the crash run vs the backtest:\n" + account);
    if (TradeComparison.strict()) {
      soft.assertThat(same).as("crash run vs backtest:\n%s", account).isTrue();
    } else if (!same) {
      suite.log(
          "PARITY NOT MET after crashes (reported, not enforced; -De2e.parity=strict enforces):\n"
              + account);
    }
  }
}
