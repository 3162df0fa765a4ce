package io.tradingsuite.strategy.live;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.tradingsuite.contracts.Candle;
import io.tradingsuite.contracts.Fill;
import io.tradingsuite.contracts.FillStatus;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.contracts.OrderSide;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import io.tradingsuite.strategy.builtin.StrategyRegistry;
import io.tradingsuite.strategy.testing.FakeServicesResource;
import io.tradingsuite.testing.LocalKafkaResource;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The live loop through the real broker: candles produced on {@code market.candles.v1} become an
 * {@code enter_long} on {@code strategy.signals.v1} on exactly the candle where the backtest code signals; an
 * entry fill on {@code execution.fills.v1} opens the bot's trade, and the exit signal then gives
 * {@code exit_long} for it. Candles delivered again give no second signal.
 */
@QuarkusTest
@QuarkusTestResource(LocalKafkaResource.class)
@QuarkusTestResource(FakeServicesResource.class)
class LiveLoopBrokerTest {

    static final long M5 = 300_000L;
    static final long T0 = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Inject
    LiveLoop live;

    @Inject
    StrategyRegistry registry;

    /** Declining for 40 candles, a sharp rise, then a sharp fall: one cross up, then one cross down. */
    static double[] closes() {
        double[] c = new double[70];
        for (int i = 0; i < c.length; i++) {
            c[i] = i < 40 ? 100 - 0.1 * i : i < 50 ? 96 + (i - 39) * 2 : 116 - (i - 49) * 3;
        }
        return c;
    }

    static Candle candle(String exchange, String pair, int i, double[] closes) {
        BigDecimal close = BigDecimal.valueOf(closes[i]).setScale(2, RoundingMode.HALF_EVEN);
        BigDecimal open = BigDecimal.valueOf(i == 0 ? closes[0] : closes[i - 1]).setScale(2, RoundingMode.HALF_EVEN);
        return new Candle(exchange, pair, "5m", Instant.ofEpochMilli(T0 + i * M5), open,
                open.max(close).add(new BigDecimal("0.5")), open.min(close).subtract(new BigDecimal("0.5")), close,
                BigDecimal.TEN);
    }

    void produce(List<Candle> candles) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (Candle c : candles) {
            records.add(new ProducerRecord<>(Topics.CANDLES, Topics.key(c.exchange(), c.pair()),
                    MessageCodec.instance().encodeToString(c)));
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    List<Signal> signals(ConsumerTask<String, String> task, String key) {
        return task.getRecords().stream().filter(r -> key.equals(r.key()))
                .map(r -> MessageCodec.instance().decode(r.value(), Signal.class)).toList();
    }

    @Test
    void candlesBecomeSignalsAndAFillLetsTheExitSignalOut() {
        String pair = "L" + UUID.randomUUID().toString().replace("-", "").substring(0, 9).toUpperCase() + "/USDT";
        String exchange = "livetest";
        String botName = "bot-" + UUID.randomUUID().toString().substring(0, 8);
        BotConfig cfg = BotConfig.parseAll("[{\"name\":\"" + botName + "\",\"strategy\":\"MaCrossoverStrategy\","
                + "\"params\":{\"fast\":3,\"slow\":10},\"exchange\":\"" + exchange + "\",\"pairs\":[\"" + pair + "\"],"
                + "\"timeframe\":\"5m\",\"stake_amount\":50,\"window\":100}]", registry).get(0);
        live.register(cfg);

        // where the backtest code signals on these candles (whole columns, as a backtest computes them)
        double[] closes = closes();
        List<Candle> all = new ArrayList<>();
        for (int i = 0; i < closes.length; i++) {
            all.add(candle(exchange, pair, i, closes));
        }
        SignalColumns expected = new MaCrossoverStrategy().computeSignals(columns(all),
                cfg.strategy().resolveParams(cfg.params()));
        int enterRow = firstTrue(expected.enterLong(), 30);
        int exitRow = firstTrue(expected.exitLong(), enterRow + 2);
        assertThat(enterRow).isGreaterThanOrEqualTo(30);
        assertThat(exitRow).isGreaterThan(enterRow + 1);

        String key = Topics.key(exchange, pair);
        ConsumerTask<String, String> task = companion.consumeStrings()
                .withGroupId("signals-check-" + UUID.randomUUID())
                .withProp("auto.offset.reset", "earliest")
                .fromTopics(Topics.SIGNALS);
        try {
            produce(all.subList(0, enterRow + 2));
            await().atMost(Duration.ofSeconds(60)).until(() -> !signals(task, key).isEmpty());
            Signal enter = signals(task, key).get(0);
            assertThat(enter.action()).isEqualTo(SignalAction.ENTER_LONG);
            assertThat(enter.candleTime()).isEqualTo(all.get(enterRow).openTime());
            assertThat(enter.strategy()).isEqualTo("MaCrossoverStrategy");
            assertThat(enter.price()).isEqualByComparingTo(all.get(enterRow).close());
            assertThat(enter.stakeAmount()).isEqualByComparingTo("50");
            assertThat(enter.exitPlan().stoploss()).isEqualByComparingTo("-0.1");
            assertThat(enter.exitPlan().minimalRoi()).containsEntry(0, new BigDecimal("0.1"));
            assertThat(enter.id()).isEqualTo(LiveBot.signalId(botName, exchange, pair, "5m",
                    all.get(enterRow).openTime(), SignalAction.ENTER_LONG, null));

            // execution-service fills the entry at the next candle's open
            String tradeId = "trade-" + UUID.randomUUID();
            Candle next = all.get(enterRow + 1);
            Fill fill = new Fill("fill-" + UUID.randomUUID(), "co-" + UUID.randomUUID(), "dec-" + UUID.randomUUID(),
                    enter.id(), tradeId, exchange, pair, OrderSide.BUY, next.open(),
                    new BigDecimal("50").divide(next.open(), 8, RoundingMode.DOWN), new BigDecimal("0.05"), "USDT",
                    TradingMode.PAPER, FillStatus.FILLED, null, null, next.openTime());
            companion.produceStrings().fromRecords(new ProducerRecord<>(Topics.FILLS, key,
                    MessageCodec.instance().encodeToString(fill))).awaitCompletion(Duration.ofSeconds(30));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    given().get("/api/v1/bots").then().statusCode(200).extract().jsonPath()
                            .getList("find { it.name == '" + botName + "' }.open_trades.trade_id", String.class))
                    .containsExactly(tradeId));

            // the rest of the candles, then the first half again (a redelivery) and one more candle
            produce(all.subList(enterRow + 2, all.size() - 1));
            produce(all.subList(0, enterRow + 2));
            produce(all.subList(all.size() - 1, all.size()));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                    given().get("/api/v1/bots").then().statusCode(200).extract().jsonPath()
                            .getString("find { it.name == '" + botName + "' }.markets[0].last_candle"))
                    .isEqualTo(all.get(all.size() - 1).openTime().toString()));
            await().atMost(Duration.ofSeconds(30)).until(() -> signals(task, key).size() >= 2);

            List<Signal> mine = signals(task, key);
            assertThat(mine).hasSize(2);
            Signal exit = mine.get(1);
            assertThat(exit.action()).isEqualTo(SignalAction.EXIT_LONG);
            assertThat(exit.tradeId()).isEqualTo(tradeId);
            assertThat(exit.exitReason()).isEqualTo("exit_signal");
            assertThat(exit.candleTime()).isEqualTo(all.get(exitRow).openTime());
        } finally {
            task.stop();
        }
    }

    static CandleColumns columns(List<Candle> cs) {
        int n = cs.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Candle k = cs.get(i);
            t[i] = k.openTime().toEpochMilli();
            o[i] = k.open().doubleValue();
            h[i] = k.high().doubleValue();
            l[i] = k.low().doubleValue();
            c[i] = k.close().doubleValue();
            v[i] = k.volume().doubleValue();
        }
        return new CandleColumns(t, o, h, l, c, v, Map.of());
    }

    static int firstTrue(boolean[] a, int from) {
        for (int i = from; i < a.length; i++) {
            if (a[i]) {
                return i;
            }
        }
        return -1;
    }
}
