package io.tradingsuite.strategy.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live bot's decisions candle by candle (plain Java, no broker). */
class LiveBotTest {

  static final StrategyRegistry REGISTRY = StrategyRegistry.builtin();
  static final long M5 = 300_000L;
  static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

  static BotConfig bot(String extra) {
    return BotConfig.parseAll(
            "[{\"name\":\"b1\",\"strategy\":\"MaCrossoverStrategy\",\"params\":{\"fast\":3,"
                + "\"slow\":10},\"exchange\":\"sample\",\"pairs\":[\"BTC/USDT\",\"ETH/USDT\"],"
                + "\"timeframe\":\"5m\","
                + "\"stake_amount\":25"
                + extra
                + "}]",
            REGISTRY)
        .get(0);
  }

  static Candle candle(String pair, int i) {
    double[] c = LiveLoopBrokerTest.closes();
    return LiveLoopBrokerTest.candle("sample", pair, i, c);
  }

  /** Feeds candles 0..to and returns every signal sent, committing each evaluation. */
  static List<Signal> feed(LiveBot bot, String pair, int from, int to) {
    List<Signal> out = new java.util.ArrayList<>();
    for (int i = from; i <= to; i++) {
      Candle c = candle(pair, i);
      if (bot.isDuplicate(c)) {
        continue;
      }
      LiveBot.Evaluation e = bot.evaluate(c, Instant.EPOCH);
      bot.commit(e);
      out.addAll(e.signals());
    }
    return out;
  }

  /**
   * Up 40 candles of decline, a rise (cross up), a fall (cross down), a rise again (cross up), a
   * plateau and a fall (cross down): two entries and two exits when each trade is known in time.
   */
  static double[] whipsaw() {
    double[] c = new double[90];
    for (int i = 0; i < c.length; i++) {
      c[i] =
          i < 40
              ? 100 - 0.1 * i
              : i < 46
                  ? 96 + (i - 39) * 2
                  : i < 52
                      ? 108 - (i - 45) * 3
                      : i < 60 ? 90 + (i - 51) * 3 : i < 75 ? 114 : 114 - (i - 74) * 3;
    }
    return c;
  }

  /** Candles from..to of {@link #whipsaw()}, candle i evaluated at wall time {@code clock(i)}. */
  static List<Signal> feedWhipsaw(
      LiveBot bot, String pair, int from, int to, java.util.function.IntFunction<Instant> clock) {
    double[] closes = whipsaw();
    List<Signal> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      LiveBot.Evaluation e =
          bot.evaluate(LiveLoopBrokerTest.candle("sample", pair, i, closes), clock.apply(i));
      bot.commit(e);
      out.addAll(e.signals());
    }
    return out;
  }

  /** Where the strategy itself signals on {@link #whipsaw()}: [enter, exit, enter, exit]. */
  static int[] whipsawRows(BotConfig cfg) {
    double[] closes = whipsaw();
    List<Candle> all = new ArrayList<>();
    for (int i = 0; i < closes.length; i++) {
      all.add(LiveLoopBrokerTest.candle("sample", "BTC/USDT", i, closes));
    }
    io.tradingsuite.strategy.api.SignalColumns s =
        cfg.strategy()
            .computeSignals(
                LiveLoopBrokerTest.columns(all), cfg.strategy().resolveParams(cfg.params()));
    int enter1 = LiveLoopBrokerTest.firstTrue(s.enterLong(), 30);
    int exit1 = LiveLoopBrokerTest.firstTrue(s.exitLong(), enter1 + 1);
    int enter2 = LiveLoopBrokerTest.firstTrue(s.enterLong(), exit1 + 1);
    int exit2 = LiveLoopBrokerTest.firstTrue(s.exitLong(), enter2 + 1);
    // the shape the tests need: a second cross up well after the first entry would have been
    // given up by candle time alone, and a cross down after it
    assertThat(enter1).isGreaterThanOrEqualTo(30);
    assertThat(exit1).isGreaterThan(enter1);
    assertThat(enter2).isGreaterThan(Math.max(exit1, enter1 + LiveBot.PENDING_CANDLES + 1));
    assertThat(exit2).isGreaterThan(enter2 + 1);
    return new int[] {enter1, exit1, enter2, exit2};
  }

  /** 600x replay: one 5m candle every half second of wall time. */
  static final Instant WALL = Instant.parse("2026-01-01T12:00:00Z");

  static Instant replay600(int i) {
    return WALL.plusMillis(500L * i);
  }

  @Test
  void defaultBotListIsOneMaCrossoverBotOnTheSampleSet() {
    List<BotConfig> bots = BotConfig.parseAll(BotConfig.DEFAULT_JSON, REGISTRY);
    assertThat(bots).hasSize(1);
    BotConfig b = bots.get(0);
    assertThat(b.strategy().name()).isEqualTo("MaCrossoverStrategy");
    assertThat(b.exchange()).isEqualTo("sample");
    assertThat(b.pairs()).containsExactly("BTC/USDT", "ETH/USDT", "SOL/USDT");
    assertThat(b.timeframe().name()).isEqualTo("5m");
    assertThat(b.stakeAmount()).isEqualByComparingTo("100");
    assertThat(BotConfig.parseAll("[]", REGISTRY)).isEmpty();
  }

  @Test
  void badBotConfigNamesTheField() {
    assertThatThrownBy(
            () ->
                BotConfig.parseAll(
                    "[{\"strategy\":\"Nope\",\"exchange\":\"x\",\"pairs\":[\"A/B\"],"
                        + "\"stake_amount\":1}]",
                    REGISTRY))
        .hasMessageStartingWith("suite.bots[0].strategy");
    assertThatThrownBy(
            () ->
                BotConfig.parseAll(
                    "[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                        + "\"pairs\":[\"A/B\"]}]",
                    REGISTRY))
        .hasMessageStartingWith("suite.bots[0].stake_amount");
    assertThatThrownBy(
            () ->
                BotConfig.parseAll(
                    "[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                        + "\"pairs\":[\"AB\"],\"stake_amount\":1}]",
                    REGISTRY))
        .hasMessageStartingWith("suite.bots[0].pairs");
    assertThatThrownBy(
            () ->
                BotConfig.parseAll(
                    "[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                        + "\"pairs\":[\"A/B\"],\"stake_amount\":1,\"params\":{\"fast\":0}}]",
                    REGISTRY))
        .hasMessageStartingWith("suite.bots[0].params");
    assertThatThrownBy(() -> BotConfig.parseAll("{", REGISTRY))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void oneEntryPerCrossAndNoneForDuplicatesOrWhilePending() {
    LiveBot bot = new LiveBot(bot(""));
    List<Signal> first = feed(bot, "BTC/USDT", 0, 69);
    assertThat(first).extracting(Signal::action).containsExactly(SignalAction.ENTER_LONG);
    Signal enter = first.get(0);
    assertThat(enter.stakeAmount()).isEqualByComparingTo("25");
    assertThat(enter.exitPlan().stoploss()).isEqualByComparingTo("-0.1");
    // the same candles again: duplicates, nothing
    assertThat(feed(bot, "BTC/USDT", 0, 69)).isEmpty();
    // a fresh bot (a restart without state) computes the same id for the same decision
    LiveBot again = new LiveBot(bot(""));
    assertThat(feed(again, "BTC/USDT", 0, 69)).extracting(Signal::id).containsExactly(enter.id());
    // a restored bot resumes after the last processed candle
    LiveBot restored = new LiveBot(bot(""));
    restored.restore(bot.lastProcessed(), List.of(), Map.of(), Map.of());
    assertThat(feed(restored, "BTC/USDT", 0, 69)).isEmpty();
  }

  @Test
  void exitSignalNeedsAnOpenTradeLearnedFromItsFill() {
    LiveBot bot = new LiveBot(bot(""));
    List<Signal> s = feed(bot, "ETH/USDT", 0, 41);
    assertThat(s).extracting(Signal::action).containsExactly(SignalAction.ENTER_LONG);
    assertThat(bot.pendingEntries()).containsKey("ETH/USDT");
    bot.onEntryFilled(
        new LiveBot.OpenTrade(
            "t-1",
            "ETH/USDT",
            new BigDecimal("110"),
            new BigDecimal("0.2"),
            BigDecimal.ZERO,
            Instant.ofEpochMilli(T0 + 41 * M5)));
    assertThat(bot.pendingEntries()).isEmpty();
    List<Signal> rest = feed(bot, "ETH/USDT", 42, 69);
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).action()).isEqualTo(SignalAction.EXIT_LONG);
    assertThat(rest.get(0).tradeId()).isEqualTo("t-1");
    assertThat(rest.get(0).stakeAmount()).isNull();
    bot.onTradeClosed("t-1");
    assertThat(bot.openTrades()).isEmpty();
  }

  @Test
  void aFillSlowerThanTheCandlesDoesNotLetThePairEnterAgain() {
    BotConfig cfg = bot("");
    int[] rows = whipsawRows(cfg);
    LiveBot bot = new LiveBot(cfg);
    // the candles run far ahead of the entry's round trip through risk and execution: no fill
    // yet when the pair crosses down and up again (the trade is open at execution-service)
    List<Signal> sent = feedWhipsaw(bot, "BTC/USDT", 0, rows[2] + 2, LiveBotTest::replay600);
    assertThat(sent).extracting(Signal::action).containsExactly(SignalAction.ENTER_LONG);
    Signal enter = sent.get(0);
    assertThat(enter.candleTime()).isEqualTo(Instant.ofEpochMilli(T0 + rows[0] * M5));
    assertThat(bot.pendingEntries()).containsOnlyKeys("BTC/USDT");
    assertThat(bot.pendingEntries().get("BTC/USDT").signalId()).isEqualTo(enter.id());

    // the fill arrives: the trade is open, and the next exit signal closes it
    bot.onEntryFilled(
        new LiveBot.OpenTrade(
            "t-slow",
            "BTC/USDT",
            new BigDecimal("98"),
            new BigDecimal("0.25"),
            BigDecimal.ZERO,
            Instant.ofEpochMilli(T0 + (rows[0] + 1) * M5)));
    assertThat(bot.pendingEntries()).isEmpty();
    List<Signal> rest =
        feedWhipsaw(bot, "BTC/USDT", rows[2] + 3, rows[3] + 1, LiveBotTest::replay600);
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).action()).isEqualTo(SignalAction.EXIT_LONG);
    assertThat(rest.get(0).tradeId()).isEqualTo("t-slow");
    assertThat(rest.get(0).candleTime()).isEqualTo(Instant.ofEpochMilli(T0 + rows[3] * M5));
  }

  @Test
  void anEntryWithoutAnyAnswerIsGivenUpOnlyOnceCandlesAndWallClockHavePassed() {
    BotConfig cfg = bot("");
    int[] rows = whipsawRows(cfg);
    Duration timeout = Duration.ofMinutes(2);

    // many candles, little wall time (a fast replay): still pending at the second cross up
    LiveBot fast = new LiveBot(cfg, timeout);
    assertThat(feedWhipsaw(fast, "BTC/USDT", 0, rows[2], LiveBotTest::replay600))
        .extracting(Signal::action)
        .containsExactly(SignalAction.ENTER_LONG);
    assertThat(fast.pendingEntries()).containsKey("BTC/USDT");

    // much wall time, one candle (a quiet market): still pending
    LiveBot quiet = new LiveBot(cfg, timeout);
    feedWhipsaw(quiet, "BTC/USDT", 0, rows[0], i -> WALL);
    feedWhipsaw(quiet, "BTC/USDT", rows[0] + 1, rows[0] + 1, i -> WALL.plus(Duration.ofHours(1)));
    assertThat(quiet.pendingEntries()).containsKey("BTC/USDT");

    // both passed (a lost order): given up, and the second cross up enters
    LiveBot lost = new LiveBot(cfg, timeout);
    Instant late = WALL.plus(timeout).plusSeconds(1);
    List<Signal> sent = feedWhipsaw(lost, "BTC/USDT", 0, rows[2], i -> i <= rows[0] ? WALL : late);
    assertThat(sent)
        .extracting(Signal::action)
        .containsExactly(SignalAction.ENTER_LONG, SignalAction.ENTER_LONG);
    assertThat(sent.get(1).candleTime()).isEqualTo(Instant.ofEpochMilli(T0 + rows[2] * M5));
  }

  @Test
  void aDenialOfTheEntryFreesThePairAtOnce() {
    BotConfig cfg = bot("");
    int[] rows = whipsawRows(cfg);
    LiveBot bot = new LiveBot(cfg);
    List<Signal> first = feedWhipsaw(bot, "ETH/USDT", 0, rows[0] + 1, LiveBotTest::replay600);
    assertThat(first).hasSize(1);
    // an answer to some other signal changes nothing
    bot.onEntryRejected("ETH/USDT", "sig-other");
    assertThat(bot.pendingEntries()).containsKey("ETH/USDT");
    bot.onEntryRejected("ETH/USDT", first.get(0).id());
    assertThat(bot.pendingEntries()).isEmpty();
    List<Signal> next = feedWhipsaw(bot, "ETH/USDT", rows[0] + 2, rows[2], LiveBotTest::replay600);
    assertThat(next).extracting(Signal::action).containsExactly(SignalAction.ENTER_LONG);
    assertThat(next.get(0).candleTime()).isEqualTo(Instant.ofEpochMilli(T0 + rows[2] * M5));
  }

  @Test
  void aDeniedExitMayBeSentAgainOnTheNextExitSignal() {
    BotConfig cfg = bot("");
    int[] rows = whipsawRows(cfg);
    LiveBot bot = new LiveBot(cfg);
    feedWhipsaw(bot, "BTC/USDT", 0, rows[0], LiveBotTest::replay600);
    bot.onEntryFilled(
        new LiveBot.OpenTrade(
            "t-x",
            "BTC/USDT",
            new BigDecimal("98"),
            new BigDecimal("0.25"),
            BigDecimal.ZERO,
            Instant.ofEpochMilli(T0 + (rows[0] + 1) * M5)));
    List<Signal> exit = feedWhipsaw(bot, "BTC/USDT", rows[0] + 1, rows[1], LiveBotTest::replay600);
    assertThat(exit).extracting(Signal::action).containsExactly(SignalAction.EXIT_LONG);
    // still pending: the next cross down sends nothing
    assertThat(feedWhipsaw(bot, "BTC/USDT", rows[1] + 1, rows[3], LiveBotTest::replay600))
        .isEmpty();

    LiveBot denied = new LiveBot(cfg);
    feedWhipsaw(denied, "BTC/USDT", 0, rows[0], LiveBotTest::replay600);
    denied.onEntryFilled(
        new LiveBot.OpenTrade(
            "t-x",
            "BTC/USDT",
            new BigDecimal("98"),
            new BigDecimal("0.25"),
            BigDecimal.ZERO,
            Instant.ofEpochMilli(T0 + (rows[0] + 1) * M5)));
    Signal sent =
        feedWhipsaw(denied, "BTC/USDT", rows[0] + 1, rows[1], LiveBotTest::replay600).get(0);
    assertThat(denied.pendingExits()).containsOnlyKeys("t-x");
    denied.onExitRejected("t-x", "sig-older-exit");
    assertThat(denied.pendingExits().get("t-x").signalId()).isEqualTo(sent.id());
    denied.onExitRejected("t-x", sent.id());
    assertThat(denied.pendingExits()).isEmpty();
    List<Signal> again =
        feedWhipsaw(denied, "BTC/USDT", rows[1] + 1, rows[3], LiveBotTest::replay600);
    assertThat(again).extracting(Signal::action).containsExactly(SignalAction.EXIT_LONG);
    assertThat(again.get(0).candleTime()).isEqualTo(Instant.ofEpochMilli(T0 + rows[3] * M5));
  }

  @Test
  void exitProfitOnlyHoldsALosingTrade() {
    LiveBot bot = new LiveBot(bot(",\"exit_profit_only\":true"));
    feed(bot, "BTC/USDT", 0, 45);
    // bought far above every later close: the exit signal is ignored
    bot.onEntryFilled(
        new LiveBot.OpenTrade(
            "t-2",
            "BTC/USDT",
            new BigDecimal("1000"),
            new BigDecimal("0.025"),
            BigDecimal.ZERO,
            Instant.ofEpochMilli(T0 + 46 * M5)));
    assertThat(feed(bot, "BTC/USDT", 46, 69)).isEmpty();
  }

  @Test
  void maxOpenTradesCountsPendingEntries() {
    LiveBot bot = new LiveBot(bot(",\"max_open_trades\":1"));
    assertThat(feed(bot, "BTC/USDT", 0, 69)).hasSize(1);
    // ETH crosses too, but the one slot is taken by BTC's pending entry (still unanswered)
    LiveBot other = new LiveBot(bot(",\"max_open_trades\":1"));
    for (int i = 0; i <= 69; i++) {
      for (String pair : List.of("BTC/USDT", "ETH/USDT")) {
        LiveBot.Evaluation e = other.evaluate(candle(pair, i), Instant.EPOCH);
        other.commit(e);
        if (pair.equals("ETH/USDT")) {
          assertThat(e.signals()).isEmpty();
        }
      }
      if (i == 50) {
        break;
      }
    }
  }

  /** A bot takes the strategy's hyperopt parameter file; its own params and exits still win. */
  @Test
  void aBotTakesTheStrategysParameterFileUnderItsOwnSettings(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path var) {
    io.tradingsuite.strategy.hyperopt.StrategyParamsFile.write(
        var,
        "MaCrossoverStrategy",
        Map.of(
            "buy", Map.of("fast", 4, "slow", 17),
            "roi", Map.of("0", 0.015),
            "stoploss", Map.of("stoploss", -0.02)));
    String plain =
        "[{\"name\":\"a\",\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
            + "\"pairs\":[\"BTC/USDT\"],\"stake_amount\":10}]";
    BotConfig fromFile = BotConfig.parseAll(plain, REGISTRY, var).get(0);
    assertThat(fromFile.params()).containsEntry("fast", 4).containsEntry("slow", 17);
    assertThat(fromFile.exitPlan().stoploss()).isEqualTo(-0.02);
    assertThat(fromFile.exitPlan().minimalRoi().asMap()).containsEntry(0, 0.015);

    String own =
        "[{\"name\":\"b\",\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
            + "\"pairs\":[\"BTC/USDT\"],\"stake_amount\":10,\"params\":{\"fast\":6},"
            + "\"stoploss\":-0.3}]";
    BotConfig mine = BotConfig.parseAll(own, REGISTRY, var).get(0);
    assertThat(mine.params()).containsEntry("fast", 6).containsEntry("slow", 17);
    assertThat(mine.exitPlan().stoploss()).isEqualTo(-0.3);
    assertThat(mine.exitPlan().minimalRoi().asMap()).containsEntry(0, 0.015);

    assertThat(BotConfig.parseAll(plain, REGISTRY).get(0).exitPlan().stoploss())
        .as("without a var dir: the strategy's own")
        .isNotEqualTo(-0.02);
  }
}
