package io.tradingsuite.cli.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./suite dca}: options become the REST body, usage errors are 2, answers print readably.
 */
class DcaCommandTest {

  final ObjectMapper json = new ObjectMapper();

  static int run(StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new DcaCommand());
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void addOptionsBecomeThePlan() {
    DcaCommand.Add every = new DcaCommand.Add();
    new CommandLine(every)
        .parseArgs(
            "--pair",
            "btc/usdt",
            "--stake",
            "25.50",
            "--every",
            "6h",
            "--exchange",
            "binance",
            "--start",
            "2024-06-01",
            "--dip-multiplier",
            "2",
            "--dip-ma-period",
            "50");
    Map<String, Object> b = every.body();
    assertThat(b)
        .containsEntry("pair", "BTC/USDT")
        .containsEntry("stake_amount", new BigDecimal("25.50"))
        .containsEntry("schedule", Map.of("every", 6, "unit", "hours"))
        .containsEntry("exchange", "binance")
        .containsEntry("start", "2024-06-01")
        .containsEntry("buy_the_dip", Map.of("multiplier", new BigDecimal("2"), "ma_period", 50))
        .doesNotContainKeys("end", "timeframe");

    DcaCommand.Add cron = new DcaCommand.Add();
    new CommandLine(cron).parseArgs("--pair", "ETH/USDT", "--stake", "10", "--cron", "0 9 * * 1");
    assertThat(cron.body()).containsEntry("schedule", "0 9 * * 1").doesNotContainKey("buy_the_dip");

    assertThat(DcaCommand.every("2 days")).isEqualTo(Map.of("every", 2, "unit", "days"));
    assertThat(DcaCommand.every("12hours")).isEqualTo(Map.of("every", 12, "unit", "hours"));
  }

  @Test
  void usageErrorsAreExitTwo() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "add", "--pair", "BTC/USDT", "--stake", "10")).isEqualTo(2);
    assertThat(err.toString()).contains("--cron", "--every");
    StringWriter both = new StringWriter();
    assertThat(
            run(
                both,
                "add",
                "--pair",
                "BTC/USDT",
                "--stake",
                "10",
                "--cron",
                "@daily",
                "--every",
                "1d"))
        .isEqualTo(2);
    assertThat(both.toString()).contains("mutually exclusive");
    StringWriter badEvery = new StringWriter();
    assertThat(run(badEvery, "add", "--pair", "BTC/USDT", "--stake", "10", "--every", "weekly"))
        .isEqualTo(2);
    assertThat(badEvery.toString()).contains("--every: expected a number of hours or days");
    StringWriter none = new StringWriter();
    assertThat(run(none)).isEqualTo(2);
    assertThat(none.toString()).contains("add", "list", "show", "remove", "simulate");
    assertThat(run(new StringWriter(), "remove")).isEqualTo(2);
    assertThat(run(new StringWriter(), "simulate", "p1", "--fee", "cheap")).isEqualTo(2);
  }

  @Test
  void printsPlansHistoryAndSimulations() throws Exception {
    JsonNode plans =
        json.readTree(
            "[{\"id\":\"pabc\",\"pair\":\"BTC/USDT\",\"exchange\":\"binance\",\"stake_amount\":25,"
                + "\"schedule\":{\"every\":1,\"unit\":\"days\"},\"status\":\"active\","
                + "\"next_due_at\":\"2024-06-02T00:00:00Z\",\"summary\":{\"buys_sent\":3,"
                + "\"approved\":2,"
                + "\"denied\":1,\"missed\":4}}]");
    String table = DcaCommand.table(plans);
    assertThat(table)
        .contains("pabc", "BTC/USDT", "every 1 days", "2024-06-02T00:00:00Z", "3/2/1/4");
    assertThat(DcaCommand.table(json.readTree("[]"))).startsWith("no DCA plans");

    JsonNode plan =
        json.readTree(
            "{\"history\":[{\"due_at\":\"2024-06-02T00:00:00Z\",\"status\":\"denied\","
                + "\"stake_amount\":25,"
                + "\"rule\":\"CIRCUIT_BREAKER_OPEN\"},{\"due_at\":\"2024-05-30T00:00:00Z\","
                + "\"status\":\"missed\",\"missed_count\":2,\"missed_until\":"
                + "\"2024-05-31T00:00:00Z\",\"note\":\"not"
                + " bought late\"}]}");
    assertThat(DcaCommand.history(plan))
        .contains(
            "denied", "rule CIRCUIT_BREAKER_OPEN", "2 due time(s) until 2024-05-31T00:00:00Z");

    JsonNode sim =
        json.readTree(
            "{\"plan_id\":\"pabc\",\"pair\":\"BTC/USDT\",\"buys\":3,\"dip_buys\":1,\"skipped\":0,"
                + "\"invested\":300.3,\"fees\":0.3,\"amount\":3.5,\"average_entry_price\":"
                + "85.71428571,"
                + "\"last_close\":120,\"value\":420,\"profit_abs\":119.7,\"profit_ratio\":"
                + "0.39860139}");
    assertThat(DcaCommand.simulation(sim))
        .contains("buys                 3 (1 on a dip", "85.71428571", "119.7 (39.860139 %)");
  }
}
