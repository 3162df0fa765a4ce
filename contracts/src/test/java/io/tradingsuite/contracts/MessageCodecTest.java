package io.tradingsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
  private final MessageCodec codec = MessageCodec.instance();

  static final String SIGNAL_JSON =
      """
      { "id": "sig-1", "strategy": "MaCrossoverStrategy", "exchange": "binance", "pair": "BTC/USDT",
        "timeframe": "5m", "candle_time": "2024-01-01T00:00:00Z", "action": "enter_long",
        "price": 0.1, "stake_amount": 100.00,
        "exit_plan": { "stoploss": -0.10, "minimal_roi": {"30": 0.02, "0": 0.05},
                       "trailing_stop": false, "trailing_stop_positive": null,
                       "trailing_stop_positive_offset": 0.0, "trailing_only_offset_is_reached": false },
        "created_at": "2024-01-01T00:05:00.123456789Z" }
      """;

  static final String CANDLE_JSON =
      """
      {"exchange":"binance","pair":"BTC/USDT","timeframe":"5m","open_time":"2024-01-01T00:00:00Z",
       "open":1.0,"high":1.1,"low":0.9,"close":1.05,"volume":123.4}
      """;

  @Test
  void decodesAHandWrittenSignalExactly() {
    Signal s = codec.decode(SIGNAL_JSON, Signal.class);

    assertThat(s.action()).isEqualTo(SignalAction.ENTER_LONG);
    assertThat(s.candleTime()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(s.createdAt()).isEqualTo(Instant.parse("2024-01-01T00:05:00.123456789Z"));
    @SuppressWarnings("BigDecimalLiteralDouble") // the value a decoder going through double yields
    BigDecimal viaDouble = new BigDecimal(0.1);
    assertThat(s.price()).isEqualTo(new BigDecimal("0.1")).isNotEqualTo(viaDouble);
    assertThat(s.stakeAmount()).isEqualTo(new BigDecimal("100.00"));
    assertThat(s.exitPlan().stoploss()).isEqualTo(new BigDecimal("-0.10"));
    assertThat(s.exitPlan().minimalRoi())
        .containsExactly(
            Map.entry(0, new BigDecimal("0.05")), Map.entry(30, new BigDecimal("0.02")));
    assertThat(s.exitPlan().trailingStopPositive()).isNull();
    assertThat(s.exitPlan().trailingStopPositiveOffset()).isEqualTo(new BigDecimal("0.0"));
    assertThat(s.exitReason()).isNull();
    assertThat(s.schemaVersion()).isEqualTo(1);
  }

  @Test
  void writesTheDesignFormat() {
    String json = codec.encodeToString(codec.decode(SIGNAL_JSON, Signal.class));

    assertThat(json)
        .startsWith("{\"schema_version\":1,\"id\":\"sig-1\",")
        .contains(
            "\"candle_time\":\"2024-01-01T00:00:00Z\"",
            "\"action\":\"enter_long\"",
            "\"price\":0.1,",
            "\"stake_amount\":100.00",
            "\"minimal_roi\":{\"0\":0.05,\"30\":0.02}",
            "\"trailing_stop\":false",
            "\"trailing_stop_positive_offset\":0.0",
            "\"created_at\":\"2024-01-01T00:05:00.123456789Z\"")
        .doesNotContain("null", "exit_reason", "trade_id", "trailing_stop_positive\"");
  }

  @Test
  void writesEnumsInLowerSnakeCase() {
    Fill fill =
        new Fill(
            "f-1",
            "c-1",
            "d-1",
            "s-1",
            "t-1",
            "binance",
            "BTC/USDT",
            OrderSide.SELL,
            new BigDecimal("42000"),
            new BigDecimal("0.5"),
            BigDecimal.ZERO,
            "USDT",
            TradingMode.PAPER,
            FillStatus.PARTIALLY_FILLED,
            "roi",
            null,
            Instant.parse("2024-01-01T00:10:00Z"));
    RiskEvent event =
        new RiskEvent(
            "e-1",
            RiskEventType.CIRCUIT_BREAKER_ENABLED,
            "manual",
            "warning",
            Map.of("by", "operator"),
            Instant.parse("2024-01-01T01:00:00Z"),
            Instant.parse("2024-01-01T00:00:00Z"));

    assertThat(codec.encodeToString(fill))
        .contains("\"side\":\"sell\"", "\"mode\":\"paper\"", "\"status\":\"partially_filled\"");
    assertThat(codec.encodeToString(event))
        .contains("\"type\":\"circuit_breaker_enabled\"", "\"context\":{\"by\":\"operator\"}");
    assertThat(codec.decode(codec.encode(fill), Fill.class)).isEqualTo(fill);
  }

  @Test
  void keepsHugeAndTinyDecimalsDigitForDigit() {
    String json =
        CANDLE_JSON
            .replace("123.4", "12345678901234567890.123456789012")
            .replace("0.9", "0.000000000001");
    Candle c = codec.decode(json, Candle.class);

    assertThat(c.volume()).isEqualTo(new BigDecimal("12345678901234567890.123456789012"));
    assertThat(c.low()).isEqualTo(new BigDecimal("0.000000000001"));
    assertThat(codec.encodeToString(c))
        .contains("\"volume\":12345678901234567890.123456789012", "\"low\":0.000000000001");
  }

  @Test
  void writesScientificValuesPlain() {
    Candle c = codec.decode(CANDLE_JSON, Candle.class);
    Candle big =
        new Candle(
            c.exchange(),
            c.pair(),
            c.timeframe(),
            c.openTime(),
            c.open(),
            c.high(),
            c.low(),
            c.close(),
            new BigDecimal("1E+3"));

    String json = codec.encodeToString(big);

    assertThat(json).contains("\"volume\":1000}").doesNotContain("E+");
    assertThat(codec.decode(json, Candle.class).volume())
        .isEqualByComparingTo("1000")
        .isEqualTo(new BigDecimal("1000"));
  }

  @Test
  void readsExponentNotationExactly() {
    Candle c = codec.decode(CANDLE_JSON.replace("123.4", "1.234E2"), Candle.class);

    assertThat(c.volume()).isEqualTo(new BigDecimal("123.4"));
  }

  @Test
  void toleratesUnknownFieldsAndAcceptsAMissingSchemaVersion() {
    String json =
        CANDLE_JSON.replace(
            "{", "{\"comment\":{\"nested\":[1,2,{\"x\":null}]},\"extra\":null,\"v2_field\":1.5,");

    Candle c = codec.decode(json, Candle.class);

    assertThat(c.volume()).isEqualTo(new BigDecimal("123.4"));
    assertThat(codec.decode(CANDLE_JSON.replace("{", "{\"schema_version\":1,"), Candle.class))
        .isEqualTo(c);
  }

  @Test
  void refusesANewerSchemaVersion() {
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("{", "{\"schema_version\":2,"), Candle.class),
        "schema_version",
        "unsupported schema version 2");
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("}", ",\"schema_version\":0}"), Candle.class),
        "schema_version",
        "unsupported schema version 0");
  }

  @Test
  void refusesMalformedJsonWithItsOwnException() {
    for (String bad :
        List.of(
            "{not json at all",
            "{\"exchange\":\"binance\",",
            "{'exchange':'binance'}",
            "nope",
            "}")) {
      assertThatThrownBy(() -> codec.decode(bad, Candle.class))
          .as(bad)
          .isExactlyInstanceOf(InvalidMessageException.class)
          .hasCauseInstanceOf(JsonProcessingException.class)
          .hasMessageContaining("malformed JSON");
    }
  }

  @Test
  void refusesNaNAsATokenOrAString() {
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("\"open\":1.0", "\"open\":\"NaN\""), Candle.class),
        "open",
        "expected a JSON number, got \"NaN\"");
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("\"open\":1.0", "\"open\":NaN"), Candle.class),
        "open",
        "NaN");
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("\"open\":1.0", "\"open\":-Infinity"), Candle.class),
        "open",
        "Infinity");
    assertRefused(
        () -> codec.decode(SIGNAL_JSON.replace("-0.10", "NaN"), Signal.class),
        "exit_plan.stoploss",
        "NaN");
  }

  @Test
  void refusesWrongTypesNamingTheFieldPath() {
    assertRefused(
        () -> codec.decode(SIGNAL_JSON.replace("\"5m\"", "5"), Signal.class),
        "timeframe",
        "expected a JSON string, got 5");
    assertRefused(
        () -> codec.decode(SIGNAL_JSON.replace("\"enter_long\"", "\"hold\""), Signal.class),
        "action",
        "expected one of enter_long, exit_long, got \"hold\"");
    assertRefused(
        () -> codec.decode(SIGNAL_JSON.replace("\"0\": 0.05", "\"0\": [0.05]"), Signal.class),
        "exit_plan.minimal_roi.0",
        "expected a JSON number, got an array");
    assertRefused(
        () ->
            codec.decode(
                CANDLE_JSON.replace("\"2024-01-01T00:00:00Z\"", "1704067200"), Candle.class),
        "open_time",
        "expected an ISO-8601 UTC time string");
  }

  @Test
  void namesTheFirstBrokenRuleOfAValidlyTypedMessage() {
    assertRefused(
        () -> codec.decode(CANDLE_JSON.replace("\"high\":1.1", "\"high\":0.5"), Candle.class),
        "high",
        "must be >= low (high=0.5, low=0.9)");
  }

  @Test
  void refusesEmptyAndOversizedInput() {
    assertRefused(() -> codec.decode(new byte[0], Candle.class), "$", "empty message");
    assertRefused(() -> codec.decode(" \n\t ", Candle.class), "$", "empty message");
    assertRefused(() -> codec.decode((String) null, Candle.class), "$", "empty message");
    assertRefused(() -> codec.decode("null", Candle.class), "$", "must be a JSON object");

    String padded = CANDLE_JSON.replace("{", "{" + " ".repeat(MessageCodec.MAX_MESSAGE_BYTES));
    assertRefused(() -> codec.decode(padded, Candle.class), "$", "message too large");
    assertRefused(
        () -> codec.decode(padded.getBytes(StandardCharsets.UTF_8), Candle.class),
        "$",
        "message too large");
  }

  @Test
  void refusesToEncodeAnInvalidMessage() {
    Candle c = codec.decode(CANDLE_JSON, Candle.class);
    Candle broken =
        new Candle(
            c.exchange(),
            "btc/usdt",
            c.timeframe(),
            c.openTime(),
            c.open(),
            c.high(),
            c.low(),
            c.close(),
            c.volume());

    assertRefused(() -> codec.encode(broken), "pair", "must be BASE/QUOTE");
  }

  @Test
  void keepsRecordCollectionsImmutableAndSorted() {
    TreeMap<Integer, BigDecimal> roi = new TreeMap<>(java.util.Comparator.reverseOrder());
    roi.put(0, BigDecimal.ONE);
    roi.put(30, BigDecimal.TEN);
    ExitPlan plan = new ExitPlan(new BigDecimal("-0.1"), roi, false, null, BigDecimal.ZERO, false);
    RiskDecision denied =
        new RiskDecision(
            "d",
            "s",
            false,
            "max_open_trades",
            null,
            null,
            Instant.EPOCH,
            Instant.EPOCH.plusSeconds(1));

    assertThat(plan.minimalRoi().firstKey()).isZero();
    assertThatThrownBy(() -> plan.minimalRoi().put(60, BigDecimal.ONE))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(denied.reasons()).isEmpty();
    assertThat(denied.expiredAt(Instant.EPOCH)).isFalse();
    assertThat(denied.expiredAt(Instant.EPOCH.plusSeconds(1))).isTrue();
  }

  @Test
  void sharedMapperUsesTheSameConventions() throws Exception {
    String json =
        codec
            .mapper()
            .writeValueAsString(
                Map.of("stake_amount", new BigDecimal("1E+2"), "at", Instant.EPOCH));

    assertThat(json).contains("\"stake_amount\":100", "\"at\":\"1970-01-01T00:00:00Z\"");
    assertThat(codec.mapper()).isSameAs(codec.mapper());
  }

  @Test
  void candleIdIsItsMarketAndSlot() {
    Candle c = codec.decode(CANDLE_JSON.replace("binance", "Binance"), Candle.class);

    assertThat(c.messageId()).isEqualTo("binance:BTC/USDT|5m|2024-01-01T00:00:00Z");
  }

  static void assertRefused(ThrowingCallable call, String field, String detail) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            InvalidMessageException.class,
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage()).startsWith(field + ": ").contains(detail);
            });
  }
}
