package io.tradingsuite.strategy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays Freqtrade's 44 long-only backtest scenarios ({@code
 * tests/optimize/test_backtest_detail.py}) through the engine with the upstream harness settings
 * and asserts Freqtrade's outcome: number of trades, per trade exit reason, open and close candle,
 * and {@code round(sum(profit_ratio), 3)}.
 */
class FreqtradeScenarioTest {

  static Stream<String> longOnlyCases() {
    return FreqtradeScenarios.names("long_only_case_names").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("longOnlyCases")
  void reproducesFreqtrade(String name) {
    JsonNode c = FreqtradeScenarios.scenario(name);
    BacktestResult result = FreqtradeScenarios.run(c);
    long start = Instant.parse(c.get("candles").get(0).get("date").asText()).toEpochMilli();

    List<String> expected = new ArrayList<>();
    for (JsonNode t : c.get("trades")) {
      expected.add(
          t.get("exit_reason").asText()
              + " "
              + t.get("open_tick").asInt()
              + "->"
              + t.get("close_tick").asInt());
    }
    List<String> actual = new ArrayList<>();
    double sum = 0.0;
    for (TradeResult t : result.trades()) {
      actual.add(
          t.exitReason()
              + " "
              + (t.openDate().toEpochMilli() - start) / 3_600_000L
              + "->"
              + (t.closeDate().toEpochMilli() - start) / 3_600_000L);
      sum += t.profitRatio();
    }
    assertThat(actual).as(name + ": " + c.get("description").asText()).isEqualTo(expected);
    assertThat(round3(sum))
        .as(name + " round(sum(profit_ratio), 3); trades " + result.trades())
        .isEqualByComparingTo(round3(c.get("profit_perc").asDouble()));
    assertThat(result.summary().totalTrades()).isEqualTo(c.get("trades").size());
  }

  private static BigDecimal round3(double x) {
    return new BigDecimal(x).setScale(3, RoundingMode.HALF_EVEN);
  }
}
