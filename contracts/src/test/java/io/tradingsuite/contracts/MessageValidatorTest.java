package io.tradingsuite.contracts;

import static io.tradingsuite.contracts.MessageCodecTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Rules checked on records built in code, where no JSON is involved. */
class MessageValidatorTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Property(tries = 200)
  void highBelowLowIsNamedWithBothValues(@ForAll("candles") Candle c) {
    Candle broken =
        new Candle(
            c.exchange(),
            c.pair(),
            c.timeframe(),
            c.openTime(),
            c.open(),
            c.low().divide(BigDecimal.valueOf(2)),
            c.low(),
            c.close(),
            c.volume());

    assertRefused(
        () -> MessageValidator.validate(broken),
        "high",
        "must be >= low (high="
            + broken.high().toPlainString()
            + ", low="
            + c.low().toPlainString()
            + ")");
  }

  @Property(tries = 200)
  void approvalWithoutOrderIsRefused(@ForAll("approved") RiskDecision d) {
    RiskDecision broken =
        new RiskDecision(
            d.id(), d.signalId(), true, d.rule(), d.reasons(), null, d.decidedAt(), d.expiresAt());

    assertRefused(() -> MessageValidator.validate(broken), "order", "is required");
    assertRefused(() -> MessageCodec.instance().encode(broken), "order", "is required");
  }

  @Property(tries = 200)
  void entryWithoutStakeIsRefused(@ForAll("entries") Signal s) {
    Signal broken =
        new Signal(
            s.id(),
            s.strategy(),
            s.exchange(),
            s.pair(),
            s.timeframe(),
            s.candleTime(),
            s.action(),
            s.exitReason(),
            s.tradeId(),
            s.price(),
            null,
            s.exitPlan(),
            s.createdAt());

    assertThat(MessageValidator.problems(broken)).containsExactly("stake_amount: is required");
  }

  @Property(tries = 200)
  void orderNeedsAnAmountOrAStake(@ForAll("approved") RiskDecision d) {
    Order o = d.order();
    Order broken =
        new Order(
            o.clientOrderId(),
            o.exchange(),
            o.pair(),
            o.side(),
            o.type(),
            null,
            null,
            o.limitPrice(),
            o.tradeId(),
            o.exitPlan());
    RiskDecision withBroken =
        new RiskDecision(
            d.id(),
            d.signalId(),
            true,
            d.rule(),
            d.reasons(),
            broken,
            d.decidedAt(),
            d.expiresAt());

    assertRefused(
        () -> MessageValidator.validate(withBroken),
        "order.amount",
        "amount or stake_amount is required");
  }

  @Test
  void listsEveryProblemInFieldOrder() {
    Candle empty = new Candle(null, null, null, null, null, null, null, null, null);

    assertThat(MessageValidator.problems(empty))
        .containsExactly(
            "exchange: is required",
            "pair: is required",
            "timeframe: is required",
            "open_time: is required",
            "open: is required",
            "high: is required",
            "low: is required",
            "close: is required",
            "volume: is required");
  }

  @Test
  void namesNestedAndIndexedFields() {
    ExitPlan plan =
        new ExitPlan(
            new BigDecimal("-2"),
            new TreeMap<>(Map.of(-1, BigDecimal.ONE)),
            true,
            BigDecimal.ZERO,
            new BigDecimal("-1"),
            false);
    Order order =
        new Order(
            "c-1",
            "binance",
            "BTC/USDT",
            OrderSide.BUY,
            OrderType.STOP,
            new BigDecimal("-1"),
            null,
            null,
            "",
            plan);
    RiskDecision d = new RiskDecision("d-1", "s-1", true, null, List.of("k=v", ""), order, T0, T0);

    assertThat(MessageValidator.problems(d))
        .containsExactly(
            "reasons[1]: must not be blank",
            "order.amount: must be > 0 (was -1)",
            "order.limit_price: is required",
            "order.trade_id: must not be blank when present",
            "order.exit_plan.stoploss: must be in [-1, 0] (was -2)",
            "order.exit_plan.minimal_roi: minutes must be >= 0 (was -1)",
            "order.exit_plan.trailing_stop_positive: must be > 0 (was 0)",
            "order.exit_plan.trailing_stop_positive_offset: must be >= 0 (was -1)",
            "expires_at: must be after decided_at (expires_at=2024-01-01T00:00:00Z, decided_at=2024-01-01T00:00:00Z)");
  }

  @Test
  void acceptsTheStoplossBounds() {
    for (String stoploss : List.of("-1", "-1.00", "0", "-0.35")) {
      ExitPlan plan =
          new ExitPlan(
              new BigDecimal(stoploss), new TreeMap<>(), false, null, BigDecimal.ZERO, false);
      Signal s =
          new Signal(
              "s-1",
              "Strat",
              "binance",
              "BTC/USDT",
              "5m",
              T0,
              SignalAction.ENTER_LONG,
              null,
              null,
              BigDecimal.ONE,
              BigDecimal.TEN,
              plan,
              T0);
      assertThat(MessageValidator.problems(s)).as(stoploss).isEmpty();
    }
  }

  @Test
  void theReservedDcaNameNeedsTheDcaIdAndTheNoExitPlan() {
    Signal dca =
        new Signal(
            "dca-p1-1704067200",
            Dca.STRATEGY,
            "binance",
            "BTC/USDT",
            "5m",
            T0,
            SignalAction.ENTER_LONG,
            null,
            null,
            BigDecimal.ONE,
            BigDecimal.TEN,
            Dca.exitPlan(),
            T0);
    assertThat(MessageValidator.problems(dca)).isEmpty();
    assertThat(Dca.isDcaEntry(dca)).isTrue();

    // the same plan at another scale is still "no automatic exit"
    ExitPlan scaled =
        new ExitPlan(
            new BigDecimal("-1.000"), new TreeMap<>(), false, null, BigDecimal.ZERO, false);
    assertThat(Dca.isNoExitPlan(scaled)).isTrue();

    // a strategy that happens to be called "dca" with an ordinary plan and id is refused, not a DCA
    // buy
    ExitPlan ordinary =
        new ExitPlan(
            new BigDecimal("-0.10"),
            new TreeMap<>(Map.of(0, new BigDecimal("0.05"))),
            false,
            null,
            BigDecimal.ZERO,
            false);
    Signal accidental =
        new Signal(
            "sig-1",
            Dca.STRATEGY,
            "binance",
            "BTC/USDT",
            "5m",
            T0,
            SignalAction.ENTER_LONG,
            null,
            null,
            BigDecimal.ONE,
            BigDecimal.TEN,
            ordinary,
            T0);
    assertThat(MessageValidator.problems(accidental))
        .containsExactly(
            "id: a dca entry's id starts with dca- (was \"sig-1\")",
            "exit_plan: a dca entry carries the no-automatic-exit plan: stoploss -1, minimal_roi {}, trailing_stop false"
                + " (strategy \"dca\" is reserved for DCA plans)");
    ExitPlan trailing =
        new ExitPlan(BigDecimal.ONE.negate(), new TreeMap<>(), true, null, BigDecimal.ZERO, false);
    assertThat(Dca.isNoExitPlan(trailing)).isFalse();

    // a force-exit of a DCA trade names the trade's strategy: exits keep their own rules
    Signal exit =
        new Signal(
            "force-exit-1",
            Dca.STRATEGY,
            "binance",
            "BTC/USDT",
            "5m",
            T0,
            SignalAction.EXIT_LONG,
            "force_exit",
            "tr-dca-1",
            BigDecimal.ONE,
            null,
            null,
            T0);
    assertThat(MessageValidator.problems(exit)).isEmpty();
    assertThat(Dca.isDcaEntry(exit)).isFalse();
  }

  @Test
  void fillRulesDependOnStatus() {
    Fill rejected =
        new Fill(
            "f-1",
            "c-1",
            "d-1",
            "s-1",
            "t-1",
            "binance",
            "BTC/USDT",
            OrderSide.BUY,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            "USDT",
            TradingMode.LIVE,
            FillStatus.REJECTED,
            null,
            "insufficient funds",
            T0);
    Fill filledAtZero =
        new Fill(
            "f-1",
            "c-1",
            "d-1",
            "s-1",
            "t-1",
            "binance",
            "BTC/USDT",
            OrderSide.BUY,
            BigDecimal.ZERO,
            BigDecimal.ONE,
            BigDecimal.ZERO,
            "USDT",
            TradingMode.LIVE,
            FillStatus.FILLED,
            null,
            null,
            T0);

    assertThat(MessageValidator.problems(rejected)).isEmpty();
    assertThat(MessageValidator.problems(filledAtZero))
        .containsExactly("price: must be > 0 (was 0)");
  }

  @Test
  void refusesANullMessage() {
    assertRefused(() -> MessageValidator.validate(null), "$", "message is null");
  }

  @Provide
  Arbitrary<Candle> candles() {
    return Generators.candles();
  }

  @Provide
  Arbitrary<RiskDecision> approved() {
    return Generators.approvedDecisions();
  }

  @Provide
  Arbitrary<Signal> entries() {
    return Generators.entrySignals();
  }
}
