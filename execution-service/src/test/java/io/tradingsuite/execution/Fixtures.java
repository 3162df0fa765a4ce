package io.tradingsuite.execution;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.ExitPlan;
import io.tradingsuite.contracts.Order;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;

/** Messages as the upstream services produce them, for one market per test. */
public final class Fixtures {
  public static final String EXCHANGE = "xtest";
  public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private Fixtures() {}

  /** A pair no earlier run used, since topics outlive test runs. */
  public static String freshPair() {
    return "T"
        + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase(Locale.ROOT)
        + "/USDT";
  }

  public static String id(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  public static Instant slot(int n) {
    return T0.plusSeconds(300L * n);
  }

  public static Candle candle(
      String pair, int slot, String open, String high, String low, String close) {
    return new Candle(
        EXCHANGE,
        pair,
        "5m",
        slot(slot),
        new BigDecimal(open),
        new BigDecimal(high),
        new BigDecimal(low),
        new BigDecimal(close),
        new BigDecimal("10"));
  }

  public static ExitPlan plan(String stoploss, int roiMinutes, String roi) {
    TreeMap<Integer, BigDecimal> table = new TreeMap<>();
    table.put(roiMinutes, new BigDecimal(roi));
    return new ExitPlan(new BigDecimal(stoploss), table, false, null, BigDecimal.ZERO, false);
  }

  public static Signal entrySignal(String id, String pair, int slot, String stake, ExitPlan plan) {
    return new Signal(
        id,
        "TestStrategy",
        EXCHANGE,
        pair,
        "5m",
        slot(slot),
        SignalAction.ENTER_LONG,
        null,
        null,
        BigDecimal.ONE,
        new BigDecimal(stake),
        plan,
        Instant.now());
  }

  public static Signal exitSignal(String id, String pair, int slot, String tradeId, String reason) {
    return new Signal(
        id,
        "TestStrategy",
        EXCHANGE,
        pair,
        "5m",
        slot(slot),
        SignalAction.EXIT_LONG,
        reason,
        tradeId,
        BigDecimal.ONE,
        null,
        null,
        Instant.now());
  }

  public static RiskDecision entryDecision(
      String id, Signal s, String clientOrderId, String tradeId, Instant now) {
    Order o =
        new Order(
            clientOrderId,
            s.exchange(),
            s.pair(),
            OrderSide.BUY,
            OrderType.MARKET,
            null,
            s.stakeAmount(),
            null,
            tradeId,
            s.exitPlan());
    return new RiskDecision(
        id,
        s.id(),
        true,
        null,
        List.of(),
        o,
        now,
        now.plusSeconds(3600)); // generous: a loaded CI machine may lag
  }

  public static RiskDecision exitDecision(
      String id,
      String signalId,
      String pair,
      String clientOrderId,
      String tradeId,
      String amount,
      Instant now) {
    Order o =
        new Order(
            clientOrderId,
            EXCHANGE,
            pair,
            OrderSide.SELL,
            OrderType.MARKET,
            new BigDecimal(amount),
            null,
            null,
            tradeId,
            null);
    return new RiskDecision(
        id,
        signalId,
        true,
        null,
        List.of(),
        o,
        now,
        now.plusSeconds(3600)); // generous: a loaded CI machine may lag
  }
}
