package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTemplateTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void substitutesFieldsJsonEscaped() throws Exception {
    JsonTemplate t =
        new JsonTemplate(
            "{\"text\": \"${text}\", \"profit\": ${profit_abs}, \"missing\": \"${nope}\"}");
    String body =
        t.render(
            Map.of(
                "text", "say \"hi\"\\ now\nnext\tline \u0001 \u2028", "profit_abs", "9.79000000"));
    JsonNode n = json.readTree(body);
    assertThat(n.get("text").asText()).isEqualTo("say \"hi\"\\ now\nnext\tline \u0001 \u2028");
    assertThat(n.get("profit").decimalValue()).isEqualByComparingTo("9.79");
    assertThat(n.get("missing").asText()).isEmpty();
  }

  @Test
  void injectionThroughAFieldCannotBreakTheJson() throws Exception {
    JsonTemplate t = new JsonTemplate("{\"reason\": \"${reason}\"}");
    String body = t.render(Map.of("reason", "x\", \"admin\": true, \"y\": \""));
    JsonNode n = json.readTree(body);
    assertThat(n.size()).isEqualTo(1);
    assertThat(n.get("reason").asText()).isEqualTo("x\", \"admin\": true, \"y\": \"");
  }

  @Test
  void doubleDollarIsALiteralPlaceholder() {
    assertThat(
            new JsonTemplate("{\"a\": \"$${kind}\", \"b\": \"${kind}\"}")
                .render(Map.of("kind", "exit_fill")))
        .isEqualTo("{\"a\": \"${kind}\", \"b\": \"exit_fill\"}");
  }

  @Test
  void replacementTextWithDollarsAndBackslashesIsKept() {
    assertThat(new JsonTemplate("\"${v}\"").render(Map.of("v", "$1 \\g")))
        .isEqualTo("\"$1 \\\\g\"");
  }

  @Test
  void blankTemplateIsRefused() {
    assertThatThrownBy(() -> new JsonTemplate(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
