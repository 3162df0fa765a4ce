package io.tradingsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Take a valid message, break one thing, and the codec refuses it naming that field. */
class BrokenMessagePropertyTest {
  private static final MessageCodec CODEC = MessageCodec.instance();
  private static final ObjectMapper JSON = CODEC.mapper();
  private static final BigDecimal TWO = BigDecimal.valueOf(2);

  /** One way to break a message; {@code field} is the field the refusal must name. */
  record Breakage(
      String name,
      String field,
      Arbitrary<? extends ContractMessage> source,
      UnaryOperator<String> edit) {
    @Override
    public String toString() {
      return name + " -> " + field;
    }
  }

  record Broken(Breakage breakage, Class<? extends ContractMessage> type, String json) {}

  static Breakage tree(
      String name,
      String field,
      Arbitrary<? extends ContractMessage> source,
      Consumer<ObjectNode> edit) {
    return new Breakage(
        name,
        field,
        source,
        json -> {
          try {
            ObjectNode node = (ObjectNode) JSON.readTree(json);
            edit.accept(node);
            return JSON.writeValueAsString(node);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  static ObjectNode obj(ObjectNode node, String field) {
    return (ObjectNode) node.get(field);
  }

  static final List<Breakage> BREAKAGES =
      List.of(
          // candles
          tree("missing pair", "pair", Generators.candles(), n -> n.remove("pair")),
          tree("lower-case pair", "pair", Generators.candles(), n -> n.put("pair", "btc/usdt")),
          tree("pair without quote", "pair", Generators.candles(), n -> n.put("pair", "BTCUSDT")),
          tree("pair with a dash", "pair", Generators.candles(), n -> n.put("pair", "BTC-USDT")),
          tree("blank exchange", "exchange", Generators.candles(), n -> n.put("exchange", " ")),
          tree(
              "minutes spelt out",
              "timeframe",
              Generators.candles(),
              n -> n.put("timeframe", "5min")),
          tree("zero timeframe", "timeframe", Generators.candles(), n -> n.put("timeframe", "0m")),
          tree("missing open_time", "open_time", Generators.candles(), n -> n.remove("open_time")),
          tree(
              "epoch-millis open_time",
              "open_time",
              Generators.candles(),
              n -> n.put("open_time", 1704067200000L)),
          tree(
              "date-only open_time",
              "open_time",
              Generators.candles(),
              n -> n.put("open_time", "2024-01-01")),
          tree(
              "negative open",
              "open",
              Generators.candles(),
              n -> n.put("open", new BigDecimal("-1.5"))),
          tree("zero close", "close", Generators.candles(), n -> n.put("close", BigDecimal.ZERO)),
          tree(
              "high below low",
              "high",
              Generators.candles(),
              n -> n.put("high", n.get("low").decimalValue().divide(TWO))),
          tree(
              "open below low",
              "low",
              Generators.candles(),
              n -> n.put("open", n.get("low").decimalValue().divide(TWO))),
          tree(
              "negative volume",
              "volume",
              Generators.candles(),
              n -> n.put("volume", new BigDecimal("-0.00000001"))),
          tree("\"NaN\" string", "open", Generators.candles(), n -> n.put("open", "NaN")),
          tree(
              "decimal as a string",
              "close",
              Generators.candles(),
              n -> n.put("close", n.get("close").decimalValue().toPlainString())),
          new Breakage(
              "NaN token",
              "open",
              Generators.candles(),
              json -> json.replaceFirst("\"open\":[^,}]+", "\"open\":NaN")),
          new Breakage(
              "Infinity token",
              "high",
              Generators.candles(),
              json -> json.replaceFirst("\"high\":[^,}]+", "\"high\":Infinity")),
          new Breakage(
              "absurd exponent",
              "volume",
              Generators.candles(),
              json -> json.replaceFirst("\"volume\":[^,}]+", "\"volume\":1e-999999999")),
          // signals
          tree(
              "entry without stake",
              "stake_amount",
              Generators.entrySignals(),
              n -> n.remove("stake_amount")),
          tree(
              "entry with zero stake",
              "stake_amount",
              Generators.entrySignals(),
              n -> n.put("stake_amount", 0)),
          tree(
              "entry without exit plan",
              "exit_plan",
              Generators.entrySignals(),
              n -> n.remove("exit_plan")),
          tree(
              "positive stoploss",
              "exit_plan.stoploss",
              Generators.entrySignals(),
              n -> obj(n, "exit_plan").put("stoploss", new BigDecimal("0.1"))),
          tree(
              "stoploss below -1",
              "exit_plan.stoploss",
              Generators.entrySignals(),
              n -> obj(n, "exit_plan").put("stoploss", new BigDecimal("-1.5"))),
          tree(
              "\"NaN\" stoploss",
              "exit_plan.stoploss",
              Generators.entrySignals(),
              n -> obj(n, "exit_plan").put("stoploss", "NaN")),
          tree(
              "negative ROI minutes",
              "exit_plan.minimal_roi",
              Generators.entrySignals(),
              n -> obj(obj(n, "exit_plan"), "minimal_roi").put("-5", new BigDecimal("0.01"))),
          tree(
              "ROI minutes not a number",
              "exit_plan.minimal_roi",
              Generators.entrySignals(),
              n -> obj(obj(n, "exit_plan"), "minimal_roi").put("soon", new BigDecimal("0.01"))),
          tree(
              "zero trailing_stop_positive",
              "exit_plan.trailing_stop_positive",
              Generators.entrySignals(),
              n -> obj(n, "exit_plan").put("trailing_stop_positive", 0)),
          tree(
              "negative trailing offset",
              "exit_plan.trailing_stop_positive_offset",
              Generators.entrySignals(),
              n ->
                  obj(n, "exit_plan")
                      .put("trailing_stop_positive_offset", new BigDecimal("-0.01"))),
          tree(
              "missing trailing_stop",
              "exit_plan.trailing_stop",
              Generators.entrySignals(),
              n -> obj(n, "exit_plan").remove("trailing_stop")),
          tree(
              "exit without trade_id",
              "trade_id",
              Generators.exitSignals(),
              n -> n.remove("trade_id")),
          tree("unknown action", "action", Generators.signals(), n -> n.put("action", "buy")),
          tree("action as ordinal", "action", Generators.signals(), n -> n.put("action", 0)),
          tree("negative price", "price", Generators.signals(), n -> n.put("price", -1)),
          tree(
              "missing created_at",
              "created_at",
              Generators.signals(),
              n -> n.remove("created_at")),
          tree("blank id", "id", Generators.signals(), n -> n.put("id", "")),
          tree("missing strategy", "strategy", Generators.signals(), n -> n.remove("strategy")),
          tree("id as a number", "id", Generators.signals(), n -> n.put("id", 42)),
          // risk decisions
          tree(
              "approved without order",
              "order",
              Generators.approvedDecisions(),
              n -> n.remove("order")),
          tree(
              "denied with an order",
              "order",
              Generators.approvedDecisions(),
              n -> n.put("approved", false).put("rule", "max_open_trades")),
          tree("denied without rule", "rule", Generators.deniedDecisions(), n -> n.remove("rule")),
          tree(
              "negative order amount",
              "order.amount",
              Generators.approvedDecisions(),
              n -> obj(n, "order").put("amount", -1)),
          tree(
              "order without amount or stake",
              "order.amount",
              Generators.approvedDecisions(),
              n -> obj(n, "order").remove(List.of("amount", "stake_amount"))),
          tree(
              "limit order without price",
              "order.limit_price",
              Generators.approvedDecisions(),
              n -> obj(n, "order").put("type", "limit").remove("limit_price")),
          tree(
              "order pair without quote",
              "order.pair",
              Generators.approvedDecisions(),
              n -> obj(n, "order").put("pair", "BTC")),
          tree(
              "order exit plan with positive stoploss",
              "order.exit_plan.stoploss",
              Generators.approvedDecisions(),
              n ->
                  obj(n, "order")
                      .set(
                          "exit_plan",
                          JSON.createObjectNode()
                              .put("stoploss", new BigDecimal("0.5"))
                              .put("trailing_stop", false)
                              .put("trailing_stop_positive_offset", 0)
                              .put("trailing_only_offset_is_reached", false)
                              .set("minimal_roi", JSON.createObjectNode()))),
          tree(
              "expires when decided",
              "expires_at",
              Generators.decisions(),
              n -> n.set("expires_at", n.get("decided_at"))),
          tree(
              "blank reason",
              "reasons[0]",
              Generators.decisions(),
              n -> n.putArray("reasons").add(" ")),
          tree(
              "reason as a number",
              "reasons[0]",
              Generators.decisions(),
              n -> n.putArray("reasons").add(1)),
          tree(
              "missing signal_id", "signal_id", Generators.decisions(), n -> n.remove("signal_id")),
          tree(
              "approved as a string",
              "approved",
              Generators.decisions(),
              n -> n.put("approved", "yes")),
          tree("approved null", "approved", Generators.decisions(), n -> n.putNull("approved")),
          tree("approved missing", "approved", Generators.decisions(), n -> n.remove("approved")),
          new Breakage(
              "duplicate approved",
              "approved",
              Generators.deniedDecisions(),
              json ->
                  json.replaceFirst("\"approved\":false", "\"approved\":false,\"approved\":true")),
          // fills
          tree(
              "filled at price zero",
              "price",
              Generators.fills(FillStatus.FILLED),
              n -> n.put("price", 0)),
          tree(
              "partial fill of nothing",
              "amount",
              Generators.fills(FillStatus.PARTIALLY_FILLED),
              n -> n.put("amount", 0)),
          tree("negative price", "price", Generators.fills(), n -> n.put("price", -1)),
          tree(
              "negative fee", "fee", Generators.fills(), n -> n.put("fee", new BigDecimal("-0.1"))),
          tree("unknown status", "status", Generators.fills(), n -> n.put("status", "done")),
          tree("unknown mode", "mode", Generators.fills(), n -> n.put("mode", "simulated")),
          tree("unknown side", "side", Generators.fills(), n -> n.put("side", "long")),
          tree("missing filled_at", "filled_at", Generators.fills(), n -> n.remove("filled_at")),
          tree(
              "missing fee_currency",
              "fee_currency",
              Generators.fills(),
              n -> n.remove("fee_currency")),
          tree(
              "rejected without reason",
              "reason",
              Generators.fills(FillStatus.REJECTED),
              n -> n.remove("reason")),
          // risk events
          tree("unknown type", "type", Generators.riskEvents(), n -> n.put("type", "pause")),
          tree(
              "unknown severity",
              "severity",
              Generators.riskEvents(),
              n -> n.put("severity", "fatal")),
          tree(
              "until before at",
              "until",
              Generators.riskEvents(),
              n ->
                  n.put(
                      "until", Instant.parse(n.get("at").textValue()).minusSeconds(1).toString())),
          tree("blank reason", "reason", Generators.riskEvents(), n -> n.put("reason", "")),
          tree(
              "context value not a string",
              "context.k",
              Generators.riskEvents(),
              n -> n.putObject("context").put("k", 1)),
          tree("missing at", "at", Generators.riskEvents(), n -> n.remove("at")),
          // artifacts
          tree(
              "upper-case sha256",
              "sha256",
              Generators.artifacts(),
              n -> n.put("sha256", "A" + n.get("sha256").textValue().substring(1))),
          tree(
              "short sha256",
              "sha256",
              Generators.artifacts(),
              n -> n.put("sha256", n.get("sha256").textValue().substring(1))),
          tree("unknown kind", "kind", Generators.artifacts(), n -> n.put("kind", "report")),
          tree("missing path", "path", Generators.artifacts(), n -> n.remove("path")),
          // any message
          tree(
              "newer schema",
              "schema_version",
              Generators.messages(),
              n -> n.put("schema_version", 2)),
          tree(
              "schema as a string",
              "schema_version",
              Generators.messages(),
              n -> n.put("schema_version", "1")),
          new Breakage(
              "array instead of object", "$", Generators.messages(), json -> "[" + json + "]"),
          new Breakage("trailing garbage", "$", Generators.messages(), json -> json + " {}"));

  @Property(tries = 800)
  void brokenMessagesAreRefusedNamingTheField(@ForAll("broken") Broken broken) {
    assertThatThrownBy(() -> CODEC.decode(broken.json(), broken.type()))
        .as(broken.breakage() + " in " + broken.json())
        .isInstanceOfSatisfying(
            InvalidMessageException.class,
            e -> {
              assertThat(e.field()).isEqualTo(broken.breakage().field());
              assertThat(e.getMessage()).startsWith(broken.breakage().field() + ": ");
            });
  }

  @Provide
  Arbitrary<Broken> broken() {
    return Arbitraries.of(BREAKAGES)
        .flatMap(
            b ->
                b.source()
                    .map(
                        m -> new Broken(b, m.getClass(), b.edit().apply(CODEC.encodeToString(m)))));
  }
}
