package io.tradingsuite.cli.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Freqtrade-style options become the REST body; the progress bar and best report render the
 * service's answer.
 */
class HyperoptCommandTest {

  final ObjectMapper json = new ObjectMapper();

  @Test
  void optionsBecomeTheRequestBody() {
    HyperoptCommand c = new HyperoptCommand();
    new CommandLine(c)
        .parseArgs(
            "--strategy",
            "MaCrossoverStrategy",
            "--spaces",
            "buy",
            "roi",
            "stoploss",
            "--epochs",
            "500",
            "--hyperopt-loss",
            "SharpeHyperOptLoss",
            "--timerange",
            "20240101-",
            "-j",
            "2",
            "--random-state",
            "7",
            "--min-trades",
            "5",
            "--pairs",
            "BTC/USDT",
            "--stake-amount",
            "unlimited");
    Map<String, Object> b = c.body();
    assertThat(b)
        .containsEntry("strategy", "MaCrossoverStrategy")
        .containsEntry("epochs", 500)
        .containsEntry("loss", "SharpeHyperOptLoss")
        .containsEntry("jobs", 2)
        .containsEntry("random_state", 7L)
        .containsEntry("min_trades", 5)
        .containsEntry("timerange", "20240101-")
        .containsEntry("stake_amount", "unlimited");
    assertThat(b.get("spaces")).isEqualTo(List.of("buy", "roi", "stoploss"));
  }

  @Test
  void progressBarAndReport() throws Exception {
    JsonNode run =
        json.readTree(
            "{\"status\":\"running\",\"progress\":{\"epoch\":50,\"total\":200},"
                + "\"best_loss\":-1.5,\"epochs_per_second\":12.5,\"eta_seconds\":12,\"file\":\"hyperopt_results/x.fthypt\","
                + "\"params_file\":\"strategy_params/S.json\",\"best\":{\"epoch\":42,\"loss\":-1.5,"
                + "\"results_explanation\":\"10 trades.\",\"params\":{\"buy\":{\"fast\":7},\"stoploss\":{\"stoploss\":-0.05}}}}");
    assertThat(HyperoptCommand.progressBar(run, 20))
        .isEqualTo("[#####---------------] 50/200 25% best -1.50000 12.5 epochs/s ETA 12s running");
    String report = HyperoptCommand.bestReport(run);
    assertThat(report)
        .contains("42/200", "fast = 7", "stoploss = -0.05", "var/strategy_params/S.json");
    assertThat(HyperoptCommand.isFinal("running")).isFalse();
    assertThat(HyperoptCommand.isFinal("refused")).isTrue();
  }
}
