package io.tradingsuite.strategy.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.RiskDecision;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import io.tradingsuite.strategy.testing.FakeServicesResource;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a restart must not bring back. After a restart the fills are read again from the last
 * committed offset, so a trade's entry fill can arrive once more after the trade has closed: it
 * must not reopen the trade in the bot (a ghost open trade blocks every later entry on the pair and
 * turns each exit signal into a denied {@code exit_long}). And an entry answered without a trade
 * before the crash must not be restored as pending. Both found by {@code
 * e2e-tests/CrashRecoveryIT}.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class LiveLoopRedeliveryTest {

  @Inject LiveLoop live;

  @Inject StrategyRegistry registry;

  @Inject BotStore store;

  @Test
  void aRedeliveredEntryFillDoesNotReopenAClosedTrade() {
    String pair =
        "R"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
            + "/USDT";
    String exchange = "livetest";
    String botName = "redelivery-" + UUID.randomUUID().toString().substring(0, 8);
    LiveBot bot =
        live.register(
            BotConfig.parseAll(
                    "[{\"name\":\""
                        + botName
                        + "\",\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\""
                        + exchange
                        + "\",\"pairs\":[\""
                        + pair
                        + "\"],\"timeframe\":\"5m\","
                        + "\"stake_amount\":50}]",
                    registry)
                .get(0));
    Instant candle = Instant.parse("2024-03-01T00:00:00Z");
    String signalId =
        LiveBot.signalId(botName, exchange, pair, "5m", candle, SignalAction.ENTER_LONG, null);
    Signal entry =
        new Signal(
            signalId,
            "MaCrossoverStrategy",
            exchange,
            pair,
            "5m",
            candle,
            SignalAction.ENTER_LONG,
            null,
            null,
            BigDecimal.TEN,
            new BigDecimal("50"),
            bot.exitPlan(),
            Instant.now());
    store.recordCandle(botName, exchange, pair, "5m", candle.toEpochMilli(), List.of(entry));
    String tradeId = "tr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    Fill buy = fill(signalId, tradeId, exchange, pair, OrderSide.BUY, candle.plusSeconds(300));
    Fill sell =
        fill(
            "sig-exit-" + tradeId,
            tradeId,
            exchange,
            pair,
            OrderSide.SELL,
            candle.plusSeconds(900));

    live.onFill(buy);
    assertThat(bot.openTrades()).extracting(LiveBot.OpenTrade::tradeId).containsExactly(tradeId);
    live.onFill(sell);
    assertThat(bot.openTrades()).isEmpty();

    // both delivered again, as after a restart before the consumer committed their offsets
    live.onFill(buy);
    assertThat(bot.openTrades()).as("open trades after the entry fill came again").isEmpty();
    assertThat(bot.pendingEntries()).isEmpty();
    live.onFill(sell);
    assertThat(bot.openTrades()).isEmpty();
    assertThat(store.openTrades(botName)).isEmpty();
  }

  /**
   * A denial read before a crash is not read again after it (its offset was committed), so the
   * store must know the entry was answered: restored as pending, it would block the pair until the
   * wall-clock give-up (found by {@code e2e-tests/CrashRecoveryIT}).
   */
  @Test
  void aDeniedEntryIsNotRestoredAsPending() {
    String pair =
        "D"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
            + "/USDT";
    String exchange = "livetest";
    String botName = "denied-" + UUID.randomUUID().toString().substring(0, 8);
    LiveBot bot =
        live.register(
            BotConfig.parseAll(
                    "[{\"name\":\""
                        + botName
                        + "\",\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\""
                        + exchange
                        + "\",\"pairs\":[\""
                        + pair
                        + "\"],\"timeframe\":\"5m\","
                        + "\"stake_amount\":50}]",
                    registry)
                .get(0));
    Instant candle = Instant.parse("2024-03-01T00:00:00Z");
    String denied =
        LiveBot.signalId(botName, exchange, pair, "5m", candle, SignalAction.ENTER_LONG, null);
    String rejected =
        LiveBot.signalId(
            botName, exchange, pair, "5m", candle.plusSeconds(300), SignalAction.ENTER_LONG, null);
    store.recordCandle(
        botName, exchange, pair, "5m", candle.toEpochMilli(), List.of(entry(bot, denied, candle)));
    store.recordCandle(
        botName,
        exchange,
        pair,
        "5m",
        candle.plusSeconds(300).toEpochMilli(),
        List.of(entry(bot, rejected, candle.plusSeconds(300))));
    assertThat(store.pendingEntries(botName, 0, 0)).containsKey(pair);

    live.onDecision(
        new RiskDecision(
            "rd-" + denied,
            denied,
            false,
            "STALE_MARKET_DATA",
            List.of("x=y"),
            null,
            Instant.now(),
            null));
    Fill reject =
        new Fill(
            "ts-r:1",
            "ts-r",
            "rd-r",
            rejected,
            "tr-r-" + UUID.randomUUID(),
            exchange,
            pair,
            OrderSide.BUY,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            BigDecimal.ZERO,
            "USDT",
            TradingMode.PAPER,
            FillStatus.REJECTED,
            null,
            "expired",
            Instant.now());
    live.onFill(reject);

    assertThat(bot.pendingEntries()).isEmpty();
    assertThat(store.pendingEntries(botName, 0, 0)).as("entries pending after a restart").isEmpty();
  }

  /**
   * An exit sent before a crash whose answer had not come is restored as pending: the bot neither
   * sends a second {@code exit_long} for the trade nor takes it as gone; a denied exit is not.
   */
  @Test
  void anUnansweredExitIsRestoredAsPendingAndADeniedOneIsNot() {
    String pair =
        "X"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase(Locale.ROOT)
            + "/USDT";
    String exchange = "livetest";
    String botName = "exits-" + UUID.randomUUID().toString().substring(0, 8);
    String json =
        "[{\"name\":\""
            + botName
            + "\",\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\""
            + exchange
            + "\",\"pairs\":[\""
            + pair
            + "\"],\"timeframe\":\"5m\",\"stake_amount\":50}]";
    LiveBot bot = live.register(BotConfig.parseAll(json, registry).get(0));
    Instant candle = Instant.parse("2024-03-01T00:00:00Z");
    String entryId =
        LiveBot.signalId(botName, exchange, pair, "5m", candle, SignalAction.ENTER_LONG, null);
    store.recordCandle(
        botName, exchange, pair, "5m", candle.toEpochMilli(), List.of(entry(bot, entryId, candle)));
    String tradeId = "tr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    live.onFill(fill(entryId, tradeId, exchange, pair, OrderSide.BUY, candle.plusSeconds(300)));

    Instant exitCandle = candle.plusSeconds(600);
    String exitId =
        LiveBot.signalId(
            botName, exchange, pair, "5m", exitCandle, SignalAction.EXIT_LONG, tradeId);
    Signal exit =
        new Signal(
            exitId,
            "MaCrossoverStrategy",
            exchange,
            pair,
            "5m",
            exitCandle,
            SignalAction.EXIT_LONG,
            "exit_signal",
            tradeId,
            BigDecimal.TEN,
            null,
            null,
            Instant.now());
    store.recordCandle(botName, exchange, pair, "5m", exitCandle.toEpochMilli(), List.of(exit));

    assertThat(store.pendingExits(botName)).containsOnlyKeys(tradeId);
    LiveBot restored = new LiveBot(BotConfig.parseAll(json, registry).get(0));
    restored.restore(
        store.lastProcessed(botName),
        store.openTrades(botName),
        store.pendingEntries(botName, 0, 0),
        store.pendingExits(botName));
    assertThat(restored.pendingExits()).containsOnlyKeys(tradeId);
    assertThat(restored.pendingExits().get(tradeId).signalId()).isEqualTo(exitId);

    live.onDecision(
        new RiskDecision(
            "rd-" + exitId,
            exitId,
            false,
            "INVALID_SIGNAL",
            List.of("x=y"),
            null,
            Instant.now(),
            null));
    assertThat(store.pendingExits(botName)).as("exits pending after a restart").isEmpty();
  }

  private static Signal entry(LiveBot bot, String id, Instant candle) {
    return new Signal(
        id,
        "MaCrossoverStrategy",
        bot.config().exchange(),
        bot.config().pairs().get(0),
        "5m",
        candle,
        SignalAction.ENTER_LONG,
        null,
        null,
        BigDecimal.TEN,
        new BigDecimal("50"),
        bot.exitPlan(),
        Instant.now());
  }

  private static Fill fill(
      String signalId, String tradeId, String exchange, String pair, OrderSide side, Instant at) {
    return new Fill(
        tradeId + ":" + side,
        "ts-" + tradeId + side,
        "rd-" + tradeId,
        signalId,
        tradeId,
        exchange,
        pair,
        side,
        BigDecimal.TEN,
        new BigDecimal("5"),
        new BigDecimal("0.05"),
        "USDT",
        TradingMode.PAPER,
        FillStatus.FILLED,
        side == OrderSide.SELL ? "exit_signal" : null,
        null,
        at);
  }
}
