package io.tradingsuite.risk.domain;

import static io.tradingsuite.risk.Fixtures.T0;
import static io.tradingsuite.risk.Fixtures.candle;
import static io.tradingsuite.risk.Fixtures.entry;
import static io.tradingsuite.risk.Fixtures.exit;
import static io.tradingsuite.risk.Fixtures.fill;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gate's rules on the plain-Java core, one by one, with a hand-driven clock. */
class RiskEngineTest {
  private static final String EX = "binance";
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static RiskLimits limits(StaleClock clock, int rate) {
    return new RiskLimits(
        3,
        new BigDecimal("0.25"),
        new BigDecimal("200"),
        rate,
        clock,
        2,
        Duration.ofSeconds(60),
        new BigDecimal("1000"),
        List.of(
            Map.of(
                "method",
                "StoplossGuard",
                "lookback_period",
                60,
                "trade_limit",
                2,
                "stop_duration",
                30,
                "only_per_pair",
                true)),
        "5m");
  }

  private static RiskEngine engine() {
    RiskEngine e = new RiskEngine(limits(StaleClock.MARKET, 100));
    e.markLoaded();
    return e;
  }

  private static void clock(RiskEngine e, String pair, Instant t) {
    e.onCandle(candle(EX, pair, t));
  }

  @Test
  void approvedEntryCarriesADeterministicMarketOrderWithTheExitPlan() {
    RiskEngine e = engine();
    clock(e, "BTC/USDT", T0);
    Signal s = entry(EX, "BTC/USDT", T0, "100");
    Verdict v = e.decide(s, NOW);
    assertThat(v.approved()).isTrue();
    assertThat(v.order().clientOrderId())
        .isEqualTo(Ids.clientOrderId(s.id()))
        .startsWith("ts-")
        .hasSize(27);
    assertThat(v.order().side()).isEqualTo(OrderSide.BUY);
    assertThat(v.order().type()).isEqualTo(OrderType.MARKET);
    assertThat(v.order().amount()).isNull();
    assertThat(v.order().stakeAmount()).isEqualByComparingTo("100");
    assertThat(v.order().tradeId()).isEqualTo(Ids.tradeId(s.id()));
    assertThat(v.order().exitPlan()).isEqualTo(s.exitPlan());
  }

  @Test
  void failsClosedUntilTheBookIsLoaded() {
    RiskEngine e = new RiskEngine(limits(StaleClock.OFF, 0));
    Verdict v = e.decide(entry(EX, "BTC/USDT", T0, "10"), NOW);
    assertThat(v.approved()).isFalse();
    assertThat(v.rule()).isEqualTo(Rule.RISK_STATE_UNAVAILABLE);
  }

  @Test
  void circuitBreakerDeniesEntriesButNotExitsAndLapsesAfterItsTime() {
    RiskEngine e = engine();
    clock(e, "BTC/USDT", T0);
    Signal in = entry(EX, "BTC/USDT", T0, "100");
    String trade = e.decide(in, NOW).order().tradeId();
    e.onFill(
        fill(
            EX,
            "BTC/USDT",
            trade,
            in.id(),
            OrderSide.BUY,
            "100",
            "1",
            "0.1",
            "USDT",
            T0.plusSeconds(300),
            null));
    e.setCircuitBreaker(new CircuitBreaker(true, "maintenance", NOW, NOW.plusSeconds(600)));
    assertThat(e.tradingState(NOW)).isEqualTo(TradingState.HALTED);

    Verdict denied = e.decide(entry(EX, "ETH/USDT", T0, "10"), NOW);
    assertThat(denied.rule()).isEqualTo(Rule.CIRCUIT_BREAKER_OPEN);
    assertThat(denied.reasons()).contains("reason=maintenance");

    Verdict out = e.decide(exit(EX, "BTC/USDT", T0.plusSeconds(600), trade), NOW);
    assertThat(out.approved()).isTrue();
    assertThat(out.order().side()).isEqualTo(OrderSide.SELL);
    assertThat(out.order().amount()).isEqualByComparingTo("1");
    assertThat(out.reasons()).contains("circuit_breaker=open", "reduce_only=true");

    Instant later = NOW.plusSeconds(601);
    assertThat(e.circuitBreaker().lapsedAt(later)).isTrue();
    assertThat(e.tradingState(later)).isEqualTo(TradingState.ACTIVE);
  }

  @Test
  void exitAmountIsWhatTheFillsLeftHeldNetOfBaseCurrencyFees() {
    RiskEngine e = engine();
    clock(e, "ETH/USDT", T0);
    Signal in = entry(EX, "ETH/USDT", T0, "150");
    String trade = e.decide(in, NOW).order().tradeId();
    e.onFill(
        fill(
            EX,
            "ETH/USDT",
            trade,
            in.id(),
            OrderSide.BUY,
            "3000",
            "0.05",
            "0.00005",
            "ETH",
            T0,
            null));
    Verdict out = e.decide(exit(EX, "ETH/USDT", T0.plusSeconds(300), trade), NOW);
    assertThat(out.order().amount()).isEqualByComparingTo("0.04995");
    assertThat(out.order().tradeId()).isEqualTo(trade);
  }

  @Test
  void eachRuleDeniesWithItsCodeAndContext() {
    RiskEngine e = engine();
    clock(e, "A/USDT", T0);
    clock(e, "B/USDT", T0);
    clock(e, "C/USDT", T0);
    clock(e, "D/USDT", T0);

    Verdict notional = e.decide(entry(EX, "A/USDT", T0, "200.01"), NOW);
    assertThat(notional.rule()).isEqualTo(Rule.MAX_NOTIONAL);
    assertThat(notional.reasons()).contains("stake_amount=200.01", "max_notional=200");

    // the same strategy/market/candle again, even under a new id, is a duplicate: a retry needs a
    // new candle
    assertThat(e.decide(entry(EX, "A/USDT", T0, "200"), NOW).rule())
        .isEqualTo(Rule.DUPLICATE_SIGNAL);
    assertThat(e.decide(entry(EX, "A/USDT", T0.plusSeconds(60), "200"), NOW).approved()).isTrue();
    Verdict pending = e.decide(entry(EX, "A/USDT", T0.plusSeconds(300), "10"), NOW);
    assertThat(pending.rule()).isEqualTo(Rule.DUPLICATE_SIGNAL);
    assertThat(pending.reasons()).contains("problem=entry_already_pending");

    assertThat(e.decide(entry(EX, "B/USDT", T0, "200"), NOW).approved()).isTrue();
    assertThat(e.decide(entry(EX, "C/USDT", T0, "200"), NOW).approved()).isTrue();
    Verdict max = e.decide(entry(EX, "D/USDT", T0, "10"), NOW);
    assertThat(max.rule()).isEqualTo(Rule.MAX_OPEN_TRADES);
    assertThat(max.reasons()).contains("pending_entries=3", "max=3");

    // decisions expire after the TTL: their pending entries stop counting
    Instant later = NOW.plusSeconds(61);
    assertThat(e.decide(entry(EX, "D/USDT", T0.plusSeconds(300), "10"), later).approved()).isTrue();
  }

  @Test
  void marketExposureAndBalanceAreSharesOfEquity() {
    RiskEngine e =
        new RiskEngine(
            new RiskLimits(
                10,
                new BigDecimal("0.25"),
                BigDecimal.ZERO,
                0,
                StaleClock.OFF,
                2,
                Duration.ofSeconds(60),
                new BigDecimal("1000"),
                List.of(),
                "5m"));
    e.markLoaded();
    Verdict exposure = e.decide(entry(EX, "A/USDT", T0, "250.01"), NOW);
    assertThat(exposure.rule()).isEqualTo(Rule.MARKET_EXPOSURE);
    assertThat(exposure.reasons()).contains("limit=250", "equity=1000");
    for (String p : List.of("A/USDT", "B/USDT", "C/USDT", "D/USDT")) {
      assertThat(e.decide(entry(EX, p, T0.plusSeconds(60), "240"), NOW).approved()).isTrue();
    }
    Verdict broke = e.decide(entry(EX, "E/USDT", T0, "50"), NOW);
    assertThat(broke.rule()).isEqualTo(Rule.INSUFFICIENT_BALANCE);
    assertThat(broke.reasons()).contains("free=40");
  }

  @Test
  void rateLimitCountsApprovedOrdersPerExchangeInASlidingMinute() {
    RiskEngine e =
        new RiskEngine(
            new RiskLimits(
                10,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                2,
                StaleClock.OFF,
                2,
                Duration.ofSeconds(5),
                new BigDecimal("100000"),
                List.of(),
                "5m"));
    e.markLoaded();
    assertThat(e.decide(entry(EX, "A/USDT", T0, "1"), NOW).approved()).isTrue();
    assertThat(e.decide(entry(EX, "B/USDT", T0, "1"), NOW).approved()).isTrue();
    Verdict limited = e.decide(entry(EX, "C/USDT", T0, "1"), NOW.plusSeconds(30));
    assertThat(limited.rule()).isEqualTo(Rule.RATE_LIMIT);
    assertThat(e.decide(entry("kraken", "C/USDT", T0, "1"), NOW.plusSeconds(30)).approved())
        .isTrue();
    assertThat(
            e.decide(entry(EX, "C/USDT", T0.plusSeconds(300), "1"), NOW.plusSeconds(61)).approved())
        .isTrue();
  }

  @Test
  void staleMarketDataOnTheMarketClockAndOnTheWallClock() {
    RiskEngine e = engine();
    Verdict none = e.decide(entry(EX, "A/USDT", T0, "10"), NOW);
    assertThat(none.rule()).isEqualTo(Rule.STALE_MARKET_DATA);
    assertThat(none.reasons()).contains("last_candle=none");

    clock(e, "A/USDT", T0);
    clock(e, "B/USDT", T0.plus(Duration.ofMinutes(15)));
    Verdict behind = e.decide(entry(EX, "A/USDT", T0.plusSeconds(60), "10"), NOW);
    assertThat(behind.rule()).isEqualTo(Rule.STALE_MARKET_DATA);
    assertThat(behind.reasons()).contains("clock=market", "age_sec=900", "max_age_sec=600");
    clock(e, "A/USDT", T0.plus(Duration.ofMinutes(5)));
    // ten minutes behind the newest market is exactly two timeframes: not stale yet
    assertThat(e.decide(entry(EX, "A/USDT", T0.plusSeconds(90), "10"), NOW).approved()).isTrue();

    RiskEngine wall = new RiskEngine(limits(StaleClock.WALL, 100));
    wall.markLoaded();
    wall.onCandle(candle(EX, "A/USDT", NOW.minus(Duration.ofMinutes(20))));
    assertThat(
            wall.decide(entry(EX, "A/USDT", NOW.minus(Duration.ofMinutes(20)), "10"), NOW).rule())
        .isEqualTo(Rule.STALE_MARKET_DATA);
    wall.onCandle(candle(EX, "A/USDT", NOW.minus(Duration.ofMinutes(5))));
    assertThat(
            wall.decide(entry(EX, "A/USDT", NOW.minus(Duration.ofMinutes(5)), "10"), NOW)
                .approved())
        .isTrue();
  }

  @Test
  void duplicatesAndNonsenseExitsAreDenied() {
    RiskEngine e = engine();
    clock(e, "A/USDT", T0);
    Signal first = entry(EX, "A/USDT", T0, "10");
    assertThat(e.decide(first, NOW).approved()).isTrue();
    Signal sameUnderNewId =
        new Signal(
            "other-id",
            first.strategy(),
            first.exchange(),
            first.pair(),
            first.timeframe(),
            first.candleTime(),
            first.action(),
            null,
            null,
            first.price(),
            first.stakeAmount(),
            first.exitPlan(),
            first.createdAt());
    Verdict dup = e.decide(sameUnderNewId, NOW);
    assertThat(dup.rule()).isEqualTo(Rule.DUPLICATE_SIGNAL);
    assertThat(dup.reasons()).contains("first_signal_id=" + first.id());

    String trade = Ids.tradeId(first.id());
    assertThat(e.decide(exit(EX, "A/USDT", T0.plusSeconds(300), trade), NOW).reasons())
        .contains("problem=entry_not_filled");
    assertThat(e.decide(exit(EX, "A/USDT", T0.plusSeconds(300), "tr-nope"), NOW).reasons())
        .contains("problem=unknown_trade");
    e.onFill(
        fill(
            EX,
            "A/USDT",
            trade,
            first.id(),
            OrderSide.BUY,
            "100",
            "0.1",
            "0",
            "USDT",
            T0.plusSeconds(300),
            null));
    assertThat(e.decide(exit(EX, "B/USDT", T0.plusSeconds(600), trade), NOW).reasons())
        .contains("problem=pair_mismatch");
    assertThat(e.decide(exit(EX, "A/USDT", T0.plusSeconds(600), trade), NOW).approved()).isTrue();
    assertThat(e.decide(exit(EX, "A/USDT", T0.plusSeconds(900), trade), NOW).reasons())
        .contains("problem=exit_already_pending");
  }

  @Test
  void stoplossFillsFeedTheProtectionsAndLockThePair() {
    RiskEngine e = engine();
    Instant t = T0;
    for (int i = 0; i < 2; i++) {
      clock(e, "A/USDT", t);
      Signal in = entry(EX, "A/USDT", t, "100");
      String trade = e.decide(in, NOW).order().tradeId();
      e.onFill(
          fill(
              EX,
              "A/USDT",
              trade,
              in.id(),
              OrderSide.BUY,
              "100",
              "1",
              "0",
              "USDT",
              t.plusSeconds(300),
              null));
      RiskEngine.FillOutcome out =
          e.onFill(
              fill(
                  EX,
                  "A/USDT",
                  trade,
                  in.id(),
                  OrderSide.SELL,
                  "90",
                  "1",
                  "0",
                  "USDT",
                  t.plusSeconds(600),
                  "stop_loss"));
      assertThat(out.closedNow()).isTrue();
      assertThat(out.trade().profitAbs()).isEqualByComparingTo("-10");
      if (i == 1) {
        assertThat(out.newLocks()).hasSize(1);
        assertThat(out.newLocks().get(0).pair()).isEqualTo("A/USDT");
      }
      t = t.plusSeconds(900);
    }
    assertThat(e.account(EX).equity(new BigDecimal("1000"))).isEqualByComparingTo("980");
    clock(e, "A/USDT", t);
    Verdict locked = e.decide(entry(EX, "A/USDT", t, "10"), NOW);
    assertThat(locked.rule()).isEqualTo(Rule.PAIR_LOCKED);
    assertThat(locked.reasons()).anyMatch(r -> r.startsWith("by=StoplossGuard"));
    clock(e, "B/USDT", t);
    assertThat(e.decide(entry(EX, "B/USDT", t, "10"), NOW).approved()).isTrue();
  }

  private static Signal dca(String pair, Instant candle, String stake, String id) {
    return new Signal(
        Dca.SIGNAL_ID_PREFIX + id,
        Dca.STRATEGY,
        EX,
        pair,
        "5m",
        candle,
        SignalAction.ENTER_LONG,
        null,
        null,
        new BigDecimal("100"),
        new BigDecimal(stake),
        Dca.exitPlan(),
        candle.plusSeconds(300));
  }

  @Test
  void dcaBuysAddToAnOpenPairAsTradesOfTheirOwnUnderEveryMoneyRule() {
    RiskEngine e = engine(); // max 3 open trades, max notional 200, 25 % of 1000 per market
    clock(e, "A/USDT", T0);
    Signal in = entry(EX, "A/USDT", T0, "100");
    String strategyTrade = e.decide(in, NOW).order().tradeId();
    e.onFill(
        fill(
            EX,
            "A/USDT",
            strategyTrade,
            in.id(),
            OrderSide.BUY,
            "100",
            "1",
            "0",
            "USDT",
            T0,
            null));

    // the pair holds a strategy position, yet a DCA buy is approved as a trade of its own
    Signal first = dca("A/USDT", T0, "50", "p1-1");
    Verdict one = e.decide(first, NOW);
    assertThat(one.approved()).isTrue();
    assertThat(one.order().tradeId())
        .isEqualTo(Ids.dcaTradeId(first.id()))
        .startsWith("tr-dca-")
        .isNotEqualTo(strategyTrade);
    assertThat(one.order().exitPlan()).isEqualTo(Dca.exitPlan());
    assertThat(one.reasons()).contains("kind=dca", "market_exposure=150");
    // a second plan buying on the same candle is not a duplicate, and pending DCA stakes add up
    Verdict two = e.decide(dca("A/USDT", T0, "50", "p2-1"), NOW);
    assertThat(two.approved()).isTrue();
    assertThat(two.reasons()).contains("market_exposure=200");
    Verdict tooMuch = e.decide(dca("A/USDT", T0, "60", "p3-1"), NOW);
    assertThat(tooMuch.rule()).isEqualTo(Rule.MARKET_EXPOSURE);
    assertThat(tooMuch.reasons()).contains("exposure=200", "limit=250");
    assertThat(e.decide(dca("A/USDT", T0, "200.01", "p4-1"), NOW).rule())
        .isEqualTo(Rule.MAX_NOTIONAL);
    // strategy entries keep Freqtrade's one position per pair
    assertThat(e.decide(entry(EX, "A/USDT", T0.plusSeconds(300), "10"), NOW).reasons())
        .contains("problem=position_already_open");

    // DCA trades neither count against max_open_trades nor block a strategy entry on their pair
    e.onFill(
        fill(
            EX,
            "A/USDT",
            one.order().tradeId(),
            first.id(),
            OrderSide.BUY,
            "100",
            "0.5",
            "0",
            "USDT",
            T0,
            null));
    clock(e, "B/USDT", T0);
    clock(e, "C/USDT", T0);
    assertThat(e.decide(dca("B/USDT", T0, "20", "p5-1"), NOW).approved()).isTrue();
    Verdict onDcaPair = e.decide(entry(EX, "B/USDT", T0, "20"), NOW);
    assertThat(onDcaPair.approved()).isTrue();
    assertThat(onDcaPair.reasons()).contains("open_trades=2");
    Verdict full = e.decide(entry(EX, "C/USDT", T0, "20"), NOW);
    assertThat(full.approved()).isTrue();
    assertThat(full.reasons()).contains("open_trades=3");
    Verdict max = e.decide(entry(EX, "C/USDT", T0.plusSeconds(300), "20"), NOW);
    assertThat(max.rule()).isEqualTo(Rule.DUPLICATE_SIGNAL); // C has a pending strategy entry
    clock(e, "D/USDT", T0);
    assertThat(e.decide(entry(EX, "D/USDT", T0, "20"), NOW).rule()).isEqualTo(Rule.MAX_OPEN_TRADES);
    assertThat(e.decide(dca("D/USDT", T0, "20", "p6-1"), NOW).approved()).isTrue();

    // the circuit breaker stops DCA buys like any entry
    e.setCircuitBreaker(new CircuitBreaker(true, "maintenance", NOW, null));
    Verdict halted = e.decide(dca("A/USDT", T0, "10", "p1-2"), NOW);
    assertThat(halted.rule()).isEqualTo(Rule.CIRCUIT_BREAKER_OPEN);
    assertThat(halted.reasons()).contains("reason=maintenance");
  }

  @Test
  void dcaBuysCountAgainstTheRateLimitAndExpireLikeOtherEntries() {
    RiskEngine e =
        new RiskEngine(
            new RiskLimits(
                10,
                BigDecimal.ONE,
                BigDecimal.ZERO,
                2,
                StaleClock.OFF,
                2,
                Duration.ofMinutes(2),
                new BigDecimal("1000"),
                List.of(),
                "5m"));
    e.markLoaded();
    assertThat(e.decide(dca("A/USDT", T0, "400", "r-1"), NOW).approved()).isTrue();
    assertThat(e.decide(dca("A/USDT", T0, "400", "r-2"), NOW).approved()).isTrue();
    Verdict limited = e.decide(dca("A/USDT", T0, "1", "r-3"), NOW.plusSeconds(1));
    assertThat(limited.rule()).isEqualTo(Rule.RATE_LIMIT);
    // both buys pending: 800 of 1000 used, so 300 more do not fit
    Verdict broke = e.decide(dca("B/USDT", T0, "300", "r-4"), NOW.plusSeconds(61));
    assertThat(broke.rule()).isEqualTo(Rule.INSUFFICIENT_BALANCE);
    assertThat(broke.reasons()).contains("free=200");
    // unfilled decisions expire after the TTL; both pending stakes stop counting
    Instant later = NOW.plusSeconds(130);
    assertThat(e.decide(dca("A/USDT", T0, "900", "r-5"), later).approved()).isTrue();
  }

  @Test
  void idsAreDeterministic() {
    assertThat(Ids.clientOrderId("abc"))
        .isEqualTo(Ids.clientOrderId("abc"))
        .isNotEqualTo(Ids.clientOrderId("abd"));
    assertThat(Ids.clientOrderId("abc")).isEqualTo("ts-" + Ids.sha256("abc").substring(0, 24));
  }
}
