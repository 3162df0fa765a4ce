package io.tradingsuite.cli.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BacktestReportTest {

  @Test
  void progressBarFillsWithPercent() {
    assertThat(BacktestReport.progressBar(50, "running", 10))
        .isEqualTo("[#####.....]  50% running");
    assertThat(BacktestReport.progressBar(100, "done", 4)).isEqualTo("[####] 100% done");
  }

  @Test
  void rendersFreqtradeLikeTables() throws Exception {
    String result =
        "{\"stake_currency\":\"USDT\",\"total_trades\":1,\"trades_per_day\":1.0,"
            + "\"results_per_pair\":[{\"key\":\"BTC/USDT\",\"trades\":1,\"profit_mean_pct\":3.92,\"profit_total_abs\":3.92156863,"
            + "\"profit_total_pct\":0.39,\"duration_avg\":\"0:20:00\",\"wins\":1,\"draws\":0,\"losses\":0,\"winrate\":1.0},"
            + "{\"key\":\"TOTAL\",\"trades\":1,\"profit_mean_pct\":3.92,\"profit_total_abs\":3.92156863,"
            + "\"profit_total_pct\":0.39,\"duration_avg\":\"0:20:00\",\"wins\":1,\"draws\":0,\"losses\":0,\"winrate\":1.0}],"
            + "\"exit_reason_summary\":[],\"starting_balance\":1000,\"final_balance\":1003.92156863,"
            + "\"profit_total_abs\":3.92156863,\"profit_total\":0.0039215686,\"max_drawdown_account\":0.0,"
            + "\"sharpe\":null,\"wins\":1,\"draws\":0,\"losses\":0}";
    String text = BacktestReport.render(new ObjectMapper().readTree(result));
    assertThat(text).contains("BACKTESTING REPORT", "EXIT REASON STATS", "SUMMARY METRICS");
    assertThat(text).containsPattern("\\| BTC/USDT +\\| +1 \\| +3\\.92 \\| +3\\.922 \\|");
    assertThat(text).contains("| Final balance ").contains("1003.922 USDT").contains("0.39%");
    assertThat(text).containsPattern("\\| Sharpe +\\| +- \\|");
  }
}
