package io.tradingsuite.strategy.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live bot's decisions candle by candle (plain Java, no broker). */
class LiveBotTest {

    static final StrategyRegistry REGISTRY = StrategyRegistry.builtin();
    static final long M5 = 300_000L;
    static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    static BotConfig bot(String extra) {
        return BotConfig.parseAll("[{\"name\":\"b1\",\"strategy\":\"MaCrossoverStrategy\",\"params\":{\"fast\":3,"
                + "\"slow\":10},\"exchange\":\"sample\",\"pairs\":[\"BTC/USDT\",\"ETH/USDT\"],\"timeframe\":\"5m\","
                + "\"stake_amount\":25" + extra + "}]", REGISTRY).get(0);
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
        assertThatThrownBy(() -> BotConfig.parseAll("[{\"strategy\":\"Nope\",\"exchange\":\"x\",\"pairs\":[\"A/B\"],"
                + "\"stake_amount\":1}]", REGISTRY)).hasMessageStartingWith("suite.bots[0].strategy");
        assertThatThrownBy(() -> BotConfig.parseAll("[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                + "\"pairs\":[\"A/B\"]}]", REGISTRY)).hasMessageStartingWith("suite.bots[0].stake_amount");
        assertThatThrownBy(() -> BotConfig.parseAll("[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                + "\"pairs\":[\"AB\"],\"stake_amount\":1}]", REGISTRY)).hasMessageStartingWith("suite.bots[0].pairs");
        assertThatThrownBy(() -> BotConfig.parseAll("[{\"strategy\":\"MaCrossoverStrategy\",\"exchange\":\"x\","
                + "\"pairs\":[\"A/B\"],\"stake_amount\":1,\"params\":{\"fast\":0}}]", REGISTRY))
                .hasMessageStartingWith("suite.bots[0].params");
        assertThatThrownBy(() -> BotConfig.parseAll("{", REGISTRY)).hasMessageContaining("not valid JSON");
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
        restored.restore(bot.lastProcessed(), List.of(), Map.of());
        assertThat(feed(restored, "BTC/USDT", 0, 69)).isEmpty();
    }

    @Test
    void exitSignalNeedsAnOpenTradeLearnedFromItsFill() {
        LiveBot bot = new LiveBot(bot(""));
        List<Signal> s = feed(bot, "ETH/USDT", 0, 41);
        assertThat(s).extracting(Signal::action).containsExactly(SignalAction.ENTER_LONG);
        assertThat(bot.pendingEntries()).containsKey("ETH/USDT");
        bot.onEntryFilled(new LiveBot.OpenTrade("t-1", "ETH/USDT", new BigDecimal("110"), new BigDecimal("0.2"),
                BigDecimal.ZERO, Instant.ofEpochMilli(T0 + 41 * M5)));
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
    void exitProfitOnlyHoldsALosingTrade() {
        LiveBot bot = new LiveBot(bot(",\"exit_profit_only\":true"));
        feed(bot, "BTC/USDT", 0, 45);
        // bought far above every later close: the exit signal is ignored
        bot.onEntryFilled(new LiveBot.OpenTrade("t-2", "BTC/USDT", new BigDecimal("1000"), new BigDecimal("0.025"),
                BigDecimal.ZERO, Instant.ofEpochMilli(T0 + 46 * M5)));
        assertThat(feed(bot, "BTC/USDT", 46, 69)).isEmpty();
    }

    @Test
    void maxOpenTradesCountsPendingEntries() {
        LiveBot bot = new LiveBot(bot(",\"max_open_trades\":1"));
        assertThat(feed(bot, "BTC/USDT", 0, 69)).hasSize(1);
        // ETH crosses too, but the one slot is taken by BTC's pending entry (well within the pending window)
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
}
