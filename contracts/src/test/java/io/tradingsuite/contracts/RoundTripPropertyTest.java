package io.tradingsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RoundTripPropertyTest {
  private final MessageCodec codec = MessageCodec.instance();

  @Property(tries = 300)
  void candlesRoundTripExactly(@ForAll("candles") Candle m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void signalsRoundTripExactly(@ForAll("signals") Signal m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void decisionsRoundTripExactly(@ForAll("decisions") RiskDecision m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void fillsRoundTripExactly(@ForAll("fills") Fill m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void riskEventsRoundTripExactly(@ForAll("riskEvents") RiskEvent m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void artifactsRoundTripExactly(@ForAll("artifacts") ArtifactCreated m) throws IOException {
    assertRoundTrip(m);
  }

  @Property(tries = 300)
  void generatedMessagesHaveNoProblems(@ForAll("messages") ContractMessage m) {
    assertThat(MessageValidator.problems(m)).isEmpty();
    assertThat(m.messageId()).isNotBlank();
  }

  private void assertRoundTrip(ContractMessage m) throws IOException {
    byte[] json = codec.encode(m);
    ContractMessage back = codec.decode(json, m.getClass());

    assertThat(back).isEqualTo(m);
    assertThat(codec.encode(m)).as("encoding is stable").isEqualTo(json);
    assertThat(codec.encode(back)).as("re-encoding is byte-identical").isEqualTo(json);
    assertThat(codec.decode(new String(json, StandardCharsets.UTF_8), m.getClass())).isEqualTo(m);
    assertWireFormat(json);
  }

  /** Plain decimals, ISO-8601 UTC strings for times, snake_case names, a schema_version. */
  private void assertWireFormat(byte[] json) throws IOException {
    JsonNode tree = codec.mapper().readTree(json);
    assertThat(tree.get("schema_version").intValue()).isEqualTo(1);
    try (JsonParser p = codec.mapper().createParser(json)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (t == JsonToken.FIELD_NAME
            && !"context".equals(p.getParsingContext().getParent().getCurrentName())) {
          assertThat(p.currentName()).doesNotContainPattern("[A-Z]");
        } else if (t.isNumeric()) {
          assertThat(p.getText()).doesNotContainIgnoringCase("e");
        } else if (t == JsonToken.VALUE_STRING
            && p.getParsingContext().getParent().inRoot()
            && p.currentName().matches("open_time|candle_time|\\w+_at|until|at")) {
          assertThat(p.getText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        }
      }
    }
  }

  @Provide
  Arbitrary<Candle> candles() {
    return Generators.candles();
  }

  @Provide
  Arbitrary<Signal> signals() {
    return Generators.signals();
  }

  @Provide
  Arbitrary<RiskDecision> decisions() {
    return Generators.decisions();
  }

  @Provide
  Arbitrary<Fill> fills() {
    return Generators.fills();
  }

  @Provide
  Arbitrary<RiskEvent> riskEvents() {
    return Generators.riskEvents();
  }

  @Provide
  Arbitrary<ArtifactCreated> artifacts() {
    return Generators.artifacts();
  }

  @Provide
  Arbitrary<ContractMessage> messages() {
    return Generators.messages();
  }
}
