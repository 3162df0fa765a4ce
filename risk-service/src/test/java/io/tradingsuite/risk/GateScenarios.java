package io.tradingsuite.risk;

import static io.restassured.RestAssured.given;
import static io.tradingsuite.risk.Fixtures.T0;
import static io.tradingsuite.risk.Fixtures.candle;
import static io.tradingsuite.risk.Fixtures.entry;
import static io.tradingsuite.risk.Fixtures.exit;
import static io.tradingsuite.risk.Fixtures.fill;
import static io.tradingsuite.risk.Fixtures.freshExchange;
import static io.tradingsuite.risk.Fixtures.freshPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.OrderType;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.risk.domain.Ids;
import io.tradingsuite.risk.gate.RiskService;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every gate rule, run twice: once with signals posted over REST ({@link RestGateTest}) and once
 * with signals produced on the real broker ({@link BrokerGateTest}). Fills and candles always come
 * through the broker, as in production. Each test uses its own exchange id (limits are per
 * exchange). Test profile: max 3 open trades, 3 orders/min, equity 1000, 25 % per market, notional
 * 200, StoplossGuard (2 stop losses per pair in 60 min lock 30 min) and a 5 min CooldownPeriod.
 */
abstract class GateScenarios {
  protected static final String API_KEY = "test-api-key";

  @Inject RiskService risk;

  protected abstract KafkaCompanion companion();

  /** Sends one signal through this gate and returns its decision. */
  protected abstract RiskDecision decide(Signal s);

  @BeforeEach
  @AfterEach
  void closeCircuitBreaker() {
    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/circuit-breaker/disable")
        .then()
        .statusCode(200);
  }

  protected void candles(String exchange, String pair, Instant openTime) {
    Candle c = candle(exchange, pair, openTime);
    companion()
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                Topics.CANDLES,
                Topics.key(exchange, pair),
                MessageCodec.instance().encodeToString(c)))
        .awaitCompletion();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              Long last = risk.withBook(e -> e.lastCandle(exchange, pair, "5m"));
              return last != null && last >= openTime.toEpochMilli();
            });
  }

  protected void fillOf(Fill f) {
    companion()
        .produceStrings()
        .fromRecords(
            new ProducerRecord<>(
                Topics.FILLS,
                Topics.key(f.exchange(), f.pair()),
                MessageCodec.instance().encodeToString(f)))
        .awaitCompletion();
  }

  /**
   * Buys {@code amount} at {@code price} for an approved entry and waits until the book has the
   * trade.
   */
  protected String bought(RiskDecision d, Signal s, String price, String amount) {
    String trade = d.order().tradeId();
    fillOf(
        fill(
            s.exchange(),
            s.pair(),
            trade,
            s.id(),
            OrderSide.BUY,
            price,
            amount,
            "0",
            "USDT",
            s.candleTime().plusSeconds(300),
            null));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> risk.withBook(e -> e.account(s.exchange()).openTrades().containsKey(trade)));
    return trade;
  }

  protected void sold(Signal exitSignal, RiskDecision d, String price, String reason) {
    fillOf(
        fill(
            exitSignal.exchange(),
            exitSignal.pair(),
            d.order().tradeId(),
            exitSignal.id(),
            OrderSide.SELL,
            price,
            d.order().amount().toPlainString(),
            "0",
            "USDT",
            exitSignal.candleTime().plusSeconds(300),
            reason));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !risk.withBook(
                    e ->
                        e.account(exitSignal.exchange())
                            .openTrades()
                            .containsKey(d.order().tradeId())));
  }

  protected static void denied(RiskDecision d, String rule, String... reasons) {
    assertThat(d.approved()).as("decision %s", d).isFalse();
    assertThat(d.rule()).isEqualTo(rule);
    assertThat(d.order()).isNull();
    assertThat(d.reasons()).contains(reasons);
    assertThat(d.reasons()).allMatch(r -> r.matches("[a-z_]+=.*"));
  }

  @Test
  void approvedEntryIsAMarketBuyWithTheExitPlanAndAnExpiry() {
    String ex = freshExchange();
    String pair = freshPair();
    candles(ex, pair, T0);
    Signal s = entry(ex, pair, T0, "100.12345678");
    RiskDecision d = decide(s);
    assertThat(d.approved()).isTrue();
    assertThat(d.id()).isEqualTo(Ids.decisionId(s.id()));
    assertThat(d.signalId()).isEqualTo(s.id());
    assertThat(d.order().clientOrderId()).isEqualTo(Ids.clientOrderId(s.id()));
    assertThat(d.order().side()).isEqualTo(OrderSide.BUY);
    assertThat(d.order().type()).isEqualTo(OrderType.MARKET);
    assertThat(d.order().amount()).isNull();
    assertThat(d.order().stakeAmount()).isEqualByComparingTo("100.12345678");
    assertThat(d.order().tradeId()).isEqualTo(Ids.tradeId(s.id()));
    assertThat(d.order().exitPlan()).isEqualTo(s.exitPlan());
    assertThat(d.expiresAt()).isEqualTo(d.decidedAt().plusSeconds(60));
  }

  @Test
  void circuitBreakerDeniesEntriesAndApprovesExits() {
    String ex = freshExchange();
    String pair = freshPair();
    candles(ex, pair, T0);
    Signal in = entry(ex, pair, T0, "100");
    String trade = bought(decide(in), in, "100", "0.5");

    given()
        .header("X-API-Key", API_KEY)
        .contentType("application/json")
        .body(Map.of("reason", "gate-test " + ex, "minutes", 30))
        .post("/api/v1/circuit-breaker/enable")
        .then()
        .statusCode(200);
    String other = freshPair();
    candles(ex, other, T0);
    denied(
        decide(entry(ex, other, T0, "10")),
        "CIRCUIT_BREAKER_OPEN",
        "reason=gate-test " + ex,
        "trading_state=HALTED");

    RiskDecision out = decide(exit(ex, pair, T0.plusSeconds(600), trade));
    assertThat(out.approved()).isTrue();
    assertThat(out.order().side()).isEqualTo(OrderSide.SELL);
    assertThat(out.order().type()).isEqualTo(OrderType.MARKET);
    assertThat(out.order().amount()).isEqualByComparingTo("0.5");
    assertThat(out.order().tradeId()).isEqualTo(trade);
    assertThat(out.reasons()).contains("reduce_only=true", "circuit_breaker=open");
  }

  @Test
  void notionalStaleDuplicateAndInvalidSignals() {
    String ex = freshExchange();
    String pair = freshPair();
    denied(decide(entry(ex, pair, T0, "10")), "STALE_MARKET_DATA", "last_candle=none");
    candles(ex, pair, T0);
    // another market of the exchange is 15 minutes ahead: this one is 3 timeframes behind
    candles(ex, freshPair(), T0.plusSeconds(900));
    denied(
        decide(entry(ex, pair, T0.plusSeconds(300), "10")),
        "STALE_MARKET_DATA",
        "clock=market",
        "max_age_sec=600");
    candles(ex, pair, T0.plusSeconds(600));

    denied(
        decide(entry(ex, pair, T0.plusSeconds(600), "200.00000001")),
        "MAX_NOTIONAL",
        "stake_amount=200.00000001",
        "max_notional=200");
    Signal ok = entry(ex, pair, T0.plusSeconds(660), "200");
    assertThat(decide(ok).approved()).isTrue();
    Signal resent =
        new Signal(
            "resent-" + ok.id(),
            ok.strategy(),
            ok.exchange(),
            ok.pair(),
            ok.timeframe(),
            ok.candleTime(),
            ok.action(),
            null,
            null,
            ok.price(),
            ok.stakeAmount(),
            ok.exitPlan(),
            ok.createdAt());
    denied(decide(resent), "DUPLICATE_SIGNAL", "first_signal_id=" + ok.id());
    denied(
        decide(entry(ex, pair, T0.plusSeconds(720), "10")),
        "DUPLICATE_SIGNAL",
        "problem=entry_already_pending");
    denied(
        decide(exit(ex, pair, T0.plusSeconds(720), "tr-unknown")),
        "INVALID_SIGNAL",
        "problem=unknown_trade");
    denied(
        decide(exit(ex, pair, T0.plusSeconds(780), Ids.tradeId(ok.id()))),
        "INVALID_SIGNAL",
        "problem=entry_not_filled");
  }

  @Test
  void maxOpenTradesCountsOpenAndPendingEntries() {
    String ex = freshExchange();
    String[] pairs = {freshPair(), freshPair(), freshPair(), freshPair()};
    for (String p : pairs) {
      candles(ex, p, T0);
    }
    Signal first = entry(ex, pairs[0], T0, "50");
    bought(decide(first), first, "100", "0.5");
    assertThat(decide(entry(ex, pairs[1], T0, "50")).approved()).isTrue();
    assertThat(decide(entry(ex, pairs[2], T0, "50")).approved()).isTrue();
    denied(
        decide(entry(ex, pairs[3], T0, "50")),
        "MAX_OPEN_TRADES",
        "open_trades=1",
        "pending_entries=2",
        "max=3");
  }

  @Test
  void rateLimitAndCooldownLock() {
    String ex = freshExchange();
    String a = freshPair();
    String b = freshPair();
    String c = freshPair();
    candles(ex, a, T0);
    candles(ex, b, T0);
    candles(ex, c, T0);
    Signal in = entry(ex, a, T0, "50");
    String trade = bought(decide(in), in, "100", "0.5");
    Signal out = exit(ex, a, T0.plusSeconds(300), trade);
    RiskDecision exitDecision = decide(out);
    assertThat(exitDecision.approved()).isTrue();
    sold(out, exitDecision, "101", "exit_signal");
    // the close at 00:10 starts a 5-minute cooldown on that pair (market time)
    denied(decide(entry(ex, a, T0.plusSeconds(600), "50")), "PAIR_LOCKED", "lock_pair=" + a);
    assertThat(decide(entry(ex, b, T0.plusSeconds(600), "50")).approved()).isTrue();
    denied(
        decide(entry(ex, c, T0.plusSeconds(600), "50")),
        "RATE_LIMIT",
        "orders_last_minute=3",
        "max=3");
  }

  @Test
  void stoplossGuardLocksThePairAfterTwoStopLosses() {
    String ex = freshExchange();
    String pair = freshPair();
    Instant t = T0;
    for (int i = 0; i < 2; i++) {
      candles(ex, pair, t);
      Signal in = entry(ex, pair, t, "20");
      String trade = bought(decide(in), in, "100", "0.2");
      fillOf(
          fill(
              ex,
              pair,
              trade,
              in.id(),
              OrderSide.SELL,
              "90",
              "0.2",
              "0",
              "USDT",
              t.plusSeconds(600),
              "stop_loss"));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> !risk.withBook(e -> e.account(ex).openTrades().containsKey(trade)));
      t = t.plusSeconds(1800); // well past the 5-minute cooldown
    }
    candles(ex, pair, t);
    denied(decide(entry(ex, pair, t, "20")), "PAIR_LOCKED", "lock_pair=" + pair);
    given()
        .queryParam("kind", "protection_lock")
        .get("/api/v1/incidents")
        .then()
        .statusCode(200)
        .body("context.exchange", org.hamcrest.Matchers.hasItem(ex));
  }

  @Test
  void marketExposureAndBalanceFollowEquityFromFills() {
    String ex = freshExchange();
    String a = freshPair();
    String b = freshPair();
    String c = freshPair();
    candles(ex, a, T0);
    candles(ex, b, T0);
    candles(ex, c, T0);
    // a big losing trade (the fills are the facts, whatever the stake was): equity 1000 - 900 = 100
    Signal in = entry(ex, a, T0, "100");
    String trade = bought(decide(in), in, "100", "10");
    Signal out = exit(ex, a, T0.plusSeconds(300), trade);
    RiskDecision sell = decide(out);
    assertThat(sell.order().amount()).isEqualByComparingTo("10");
    sold(out, sell, "10", "exit_signal");
    BigDecimal realized = risk.withBook(e -> e.account(ex).realizedProfit());
    assertThat(realized).isEqualByComparingTo("-900");

    candles(ex, b, T0.plusSeconds(600));
    candles(ex, c, T0.plusSeconds(600));
    denied(
        decide(entry(ex, b, T0.plusSeconds(600), "30")),
        "MARKET_EXPOSURE",
        "limit=25",
        "equity=100");
    Signal inB = entry(ex, b, T0.plusSeconds(660), "20");
    bought(decide(inB), inB, "100", "0.9"); // 90 of the 100 equity is now in B
    denied(decide(entry(ex, c, T0.plusSeconds(660), "20")), "INSUFFICIENT_BALANCE", "free=10");
    given()
        .get("/api/v1/limits")
        .then()
        .statusCode(200)
        .body(
            "accounts.find { it.exchange == '" + ex + "' }.open_trades",
            org.hamcrest.Matchers.equalTo(1));
  }

  static BigDecimal dec(String s) {
    return new BigDecimal(s);
  }
}
