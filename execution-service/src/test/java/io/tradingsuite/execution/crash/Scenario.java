package io.tradingsuite.execution.crash;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ContractMessage;
import io.tradingsuite.contracts.ExitPlan;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.execution.engine.ExecutionEngine;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic stream of candles, signals and decisions for several markets, as the topics would
 * deliver it: entries and exits, decisions arriving before and after their next candle, duplicates.
 */
public final class Scenario {
  public static final String EXCHANGE = "xtest";
  public static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  public static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");

  public final List<ContractMessage> inputs = new ArrayList<>();

  /** Client order ids of every approved decision in the stream. */
  public final List<String> approvedClientOrderIds = new ArrayList<>();

  public Scenario(long seed, int markets, int candles) {
    Random r = new Random(seed);
    String[] pairs = new String[markets];
    BigDecimal[] close = new BigDecimal[markets];
    List<List<String>> trades = new ArrayList<>();
    for (int m = 0; m < markets; m++) {
      pairs[m] = "S" + seed + "M" + m + "/USDT";
      close[m] = new BigDecimal(100 + r.nextInt(900));
      trades.add(new ArrayList<>());
    }
    List<ContractMessage> deferred = new ArrayList<>();
    List<RiskDecision> decisions = new ArrayList<>();
    int ids = 0;
    for (int n = 0; n < candles; n++) {
      Instant t = START.plusSeconds(300L * n);
      List<ContractMessage> late = new ArrayList<>(deferred);
      deferred.clear();
      for (int m = 0; m < markets; m++) {
        BigDecimal open = close[m];
        BigDecimal c = scale(open.multiply(BigDecimal.valueOf(1 + r.nextGaussian() * 0.015)));
        BigDecimal high =
            scale(open.max(c).multiply(BigDecimal.valueOf(1 + r.nextDouble() * 0.02)));
        BigDecimal low = scale(open.min(c).multiply(BigDecimal.valueOf(1 - r.nextDouble() * 0.02)));
        close[m] = c;
        inputs.add(new Candle(EXCHANGE, pairs[m], "5m", t, open, high, low, c, BigDecimal.TEN));
        if (n == 0) {
          continue;
        }
        List<ContractMessage> out =
            r.nextDouble() < 0.3 ? deferred : inputs; // some decisions arrive late
        if (r.nextDouble() < 0.3) {
          String sid = "sig-" + seed + "-" + ++ids;
          String trade = "trade-" + seed + "-" + ids;
          ExitPlan plan = plan(r);
          Signal s =
              new Signal(
                  sid,
                  "Scenario",
                  EXCHANGE,
                  pairs[m],
                  "5m",
                  t,
                  SignalAction.ENTER_LONG,
                  null,
                  null,
                  c,
                  new BigDecimal(50 + r.nextInt(200)),
                  plan,
                  NOW);
          Order o =
              new Order(
                  "coid-" + seed + "-" + ids,
                  EXCHANGE,
                  pairs[m],
                  OrderSide.BUY,
                  OrderType.MARKET,
                  null,
                  s.stakeAmount(),
                  null,
                  trade,
                  plan);
          RiskDecision d =
              new RiskDecision(
                  "dec-" + seed + "-" + ids,
                  sid,
                  true,
                  null,
                  List.of(),
                  o,
                  NOW,
                  NOW.plusSeconds(3600));
          out.add(s);
          out.add(d);
          decisions.add(d);
          trades.get(m).add(trade);
        }
        if (!trades.get(m).isEmpty() && r.nextDouble() < 0.15) {
          String trade = trades.get(m).get(r.nextInt(trades.get(m).size()));
          String sid = "sig-" + seed + "-" + ++ids;
          Signal s =
              new Signal(
                  sid,
                  "Scenario",
                  EXCHANGE,
                  pairs[m],
                  "5m",
                  t,
                  SignalAction.EXIT_LONG,
                  r.nextBoolean() ? "exit_signal" : "force_exit",
                  trade,
                  c,
                  null,
                  null,
                  NOW);
          Order o =
              new Order(
                  "coid-" + seed + "-" + ids,
                  EXCHANGE,
                  pairs[m],
                  OrderSide.SELL,
                  OrderType.MARKET,
                  BigDecimal.ONE,
                  null,
                  null,
                  trade,
                  null);
          RiskDecision d =
              new RiskDecision(
                  "dec-" + seed + "-" + ids,
                  sid,
                  true,
                  null,
                  List.of(),
                  o,
                  NOW,
                  NOW.plusSeconds(3600));
          out.add(s);
          out.add(d);
          decisions.add(d);
        }
        if (!decisions.isEmpty() && r.nextDouble() < 0.1) {
          inputs.add(decisions.get(r.nextInt(decisions.size()))); // a redelivered decision
        }
      }
      inputs.addAll(late);
    }
    inputs.addAll(deferred);
    for (RiskDecision d : decisions) {
      approvedClientOrderIds.add(d.order().clientOrderId());
    }
  }

  private static ExitPlan plan(Random r) {
    TreeMap<Integer, BigDecimal> roi = new TreeMap<>();
    roi.put(0, new BigDecimal("0.04"));
    roi.put(30, new BigDecimal("0.02"));
    roi.put(60, BigDecimal.ZERO);
    boolean trailing = r.nextBoolean();
    return new ExitPlan(
        new BigDecimal("-0.03"),
        roi,
        trailing,
        trailing ? new BigDecimal("0.01") : null,
        trailing ? new BigDecimal("0.015") : BigDecimal.ZERO,
        trailing && r.nextBoolean());
  }

  private static BigDecimal scale(BigDecimal v) {
    return v.setScale(4, RoundingMode.HALF_EVEN);
  }

  /**
   * Delivers a poll of inputs of one kind (one topic) to the engine in one call, as the Kafka
   * consumers do.
   */
  public static ExecutionEngine.Outcome deliverPoll(
      ExecutionEngine engine, List<ContractMessage> poll) {
    ContractMessage first = poll.get(0);
    if (first instanceof Candle) {
      return engine.onCandles(
          poll.stream().map(Candle.class::cast).toList(), ExecutionEngine::noScope);
    }
    if (first instanceof Signal) {
      return engine.onSignals(
          poll.stream().map(Signal.class::cast).toList(), ExecutionEngine::noScope);
    }
    List<RiskDecision> ds = poll.stream().map(RiskDecision.class::cast).toList();
    return engine.onDecisions(
        ds, ds.stream().map(MessageValidator::problems).toList(), ExecutionEngine::noScope);
  }

  /**
   * The stream cut into polls: runs of consecutive inputs of one kind, at most {@code max} long, as
   * three consumers (one per topic) taking turns would see it; the order of the stream is kept.
   */
  public static List<List<ContractMessage>> polls(List<ContractMessage> inputs, Random r, int max) {
    List<List<ContractMessage>> polls = new ArrayList<>();
    int i = 0;
    while (i < inputs.size()) {
      int size = 1 + r.nextInt(max);
      Class<?> kind = inputs.get(i).getClass();
      int j = i + 1;
      while (j < inputs.size() && j - i < size && inputs.get(j).getClass() == kind) {
        j++;
      }
      polls.add(List.copyOf(inputs.subList(i, j)));
      i = j;
    }
    return polls;
  }

  /** Delivers one input to the engine, as the Kafka consumers do. */
  public static ExecutionEngine.Outcome deliver(ExecutionEngine engine, ContractMessage m) {
    if (m instanceof Candle c) {
      return engine.onCandle(c);
    }
    if (m instanceof Signal s) {
      return engine.onSignal(s);
    }
    RiskDecision d = (RiskDecision) m;
    return engine.onDecision(d, MessageValidator.problems(d));
  }
}
