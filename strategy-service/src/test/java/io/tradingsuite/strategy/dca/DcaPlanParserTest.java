package io.tradingsuite.strategy.dca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Plan requests: defaults, both schedule forms, and a refusal naming each bad field. */
class DcaPlanParserTest {

  static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  static final Instant NOW = Instant.parse("2024-05-01T10:15:42.123Z");
  static final DcaPlanParser.Defaults DEFAULTS = new DcaPlanParser.Defaults("sample", "5m");

  static DcaPlan parse(String json) throws Exception {
    return DcaPlanParser.parse(JSON.readTree(json), DEFAULTS, "p9", NOW);
  }

  static DcaInputException refused(String json) throws Exception {
    JsonNode body = JSON.readTree(json);
    try {
      DcaPlanParser.parse(body, DEFAULTS, "p9", NOW);
    } catch (DcaInputException e) {
      return e;
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void defaultsAndTheEveryForm() throws Exception {
    DcaPlan p =
        parse(
            "{\"pair\":\"BTC/USDT\",\"stake_amount\":25.10,"
                + "\"schedule\":{\"every\":6,\"unit\":\"hours\"}}");
    assertThat(p.exchange()).isEqualTo("sample");
    assertThat(p.timeframe().name()).isEqualTo("5m");
    assertThat(p.stakeAmount()).isEqualByComparingTo("25.10");
    assertThat(p.start()).isEqualTo(Instant.parse("2024-05-01T10:15:00Z"));
    assertThat(p.end()).isNull();
    assertThat(p.dip()).isNull();
    assertThat(p.schedule()).isEqualTo(new DcaSchedule.Every(6, DcaSchedule.Unit.HOURS, p.start()));
    assertThat(p.createdAt()).isEqualTo(NOW);
  }

  @Test
  void cronTextOrObjectDatesAndTheDip() throws Exception {
    DcaPlan p =
        parse(
            "{\"pair\":\"ETH/USDT\",\"exchange\":\"Binance\",\"timeframe\":\"1h\","
                + "\"stake_amount\":10,\"schedule\":\"0"
                + " 9 * * 1\",\"start\":\"2024-06-01\",\"end\":\"2024-12-31T23:59:59Z\","
                + "\"buy_the_dip\":{\"multiplier\":2,\"ma_period\":50}}");
    assertThat(p.exchange()).isEqualTo("binance");
    assertThat(p.schedule()).isInstanceOf(DcaSchedule.Cron.class);
    assertThat(p.start()).isEqualTo(Instant.parse("2024-06-01T00:00:00Z"));
    assertThat(p.end()).isEqualTo(Instant.parse("2024-12-31T23:59:59Z"));
    assertThat(p.dip().multiplier()).isEqualByComparingTo("2");
    assertThat(p.dip().maPeriod()).isEqualTo(50);
    DcaPlan q =
        parse(
            "{\"pair\":\"ETH/USDT\",\"stake_amount\":10,\"schedule\":{\"cron\":\"@daily\"},"
                + "\"buy_the_dip\":{\"multiplier\":1.5}}");
    assertThat(q.schedule().toJson()).containsEntry("cron", "@daily");
    assertThat(q.dip().maPeriod()).isEqualTo(DcaPlanParser.DEFAULT_MA_PERIOD);
  }

  @Test
  void eachBadFieldIsNamed() throws Exception {
    String ok = "\"stake_amount\":10,\"schedule\":\"@daily\"";
    assertThat(refused("{" + ok + "}").field()).isEqualTo("pair");
    assertThat(refused("{\"pair\":\"btc/usdt\"," + ok + "}").field()).isEqualTo("pair");
    assertThat(refused("{\"pair\":\"BTC/USDT\",\"exchange\":\"bin ance\"," + ok + "}").field())
        .isEqualTo("exchange");
    assertThat(refused("{\"pair\":\"BTC/USDT\",\"timeframe\":\"1M\"," + ok + "}").field())
        .isEqualTo("timeframe");
    assertThat(refused("{\"pair\":\"BTC/USDT\",\"schedule\":\"@daily\"}").field())
        .isEqualTo("stake_amount");
    DcaInputException negative =
        refused("{\"pair\":\"BTC/USDT\",\"stake_amount\":-5,\"schedule\":\"@daily\"}");
    assertThat(negative.field()).isEqualTo("stake_amount");
    assertThat(negative.getMessage()).isEqualTo("must be > 0 (was -5)");
    assertThat(
            refused("{\"pair\":\"BTC/USDT\",\"stake_amount\":\"10\",\"schedule\":\"@daily\"}")
                .field())
        .isEqualTo("stake_amount");
    assertThat(refused("{\"pair\":\"BTC/USDT\",\"stake_amount\":10}").field())
        .isEqualTo("schedule");
    DcaInputException cron =
        refused("{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":\"61 * * * *\"}");
    assertThat(cron.field()).isEqualTo("schedule");
    assertThat(cron.getMessage()).startsWith("minute field");
    assertThat(
            refused(
                    "{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":{\"every\":0,"
                        + "\"unit\":\"days\"}}")
                .field())
        .isEqualTo("schedule.every");
    assertThat(
            refused(
                    "{\"pair\":\"BTC/USDT\",\"stake_amount\":10,\"schedule\":{\"every\":1,"
                        + "\"unit\":\"weeks\"}}")
                .field())
        .isEqualTo("schedule.unit");
    assertThat(refused("{\"pair\":\"BTC/USDT\"," + ok + ",\"start\":\"yesterday\"}").field())
        .isEqualTo("start");
    assertThat(
            refused(
                    "{\"pair\":\"BTC/USDT\","
                        + ok
                        + ",\"start\":\"2024-06-02\",\"end\":\"2024-06-01\"}")
                .field())
        .isEqualTo("end");
    assertThat(
            refused(
                    "{\"pair\":\"BTC/USDT\","
                        + ok
                        + ",\"start\":\"2023-01-01\",\"end\":\"2024-01-01\"}")
                .getMessage())
        .contains("in the past");
    assertThat(
            refused("{\"pair\":\"BTC/USDT\"," + ok + ",\"buy_the_dip\":{\"multiplier\":0}}")
                .field())
        .isEqualTo("buy_the_dip.multiplier");
    assertThat(
            refused(
                    "{\"pair\":\"BTC/USDT\","
                        + ok
                        + ",\"buy_the_dip\":{\"multiplier\":2,\"ma_period\":1}}")
                .field())
        .isEqualTo("buy_the_dip.ma_period");
    assertThat(refused("[1,2]").field()).isEqualTo("body");
  }
}
