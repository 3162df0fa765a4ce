package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CommandRepliesTest {
  private final ObjectMapper json =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private JsonNode read(String s) throws Exception {
    return json.readTree(s);
  }

  @Test
  void statusListsOpenTradesAndTheBreaker() throws Exception {
    String reply =
        CommandReplies.status(
            read(
                "[{\"trade_id\": \"t1\", \"pair\": \"BTC/USDT\", \"amount\": 0.5, \"open_rate\": 42000.1,"
                    + " \"stake_amount\": 21000.05}]"),
            read(
                "{\"enabled\": true, \"reason\": \"drawdown\", \"until\": \"2024-01-01T00:00:00Z\"}"));
    assertThat(reply)
        .contains(
            "Circuit breaker: OPEN (entries stopped) - drawdown until 2024-01-01T00:00:00Z",
            "Open trades: 1",
            "#t1 BTC/USDT amount 0.50000000 @ 42000.10000000 stake 21000.05000000");
    assertThat(CommandReplies.status(read("{\"trades\": []}"), read("{\"enabled\": false}")))
        .contains("closed (entries allowed)", "No open trades.");
  }

  @Test
  void profitAndTradesSumClosedTrades() throws Exception {
    JsonNode closed =
        read(
            "[{\"trade_id\": \"a\", \"pair\": \"BTC/USDT\", \"profit_abs\": 5.5, \"profit_ratio\": 0.055,"
                + " \"exit_reason\": \"roi\"}, {\"trade_id\": \"b\", \"pair\": \"ETH/USDT\", \"profit_abs\": -1.25,"
                + " \"profit_ratio\": -0.0125, \"exit_reason\": \"stop_loss\"}]");
    assertThat(CommandReplies.profit(closed))
        .contains(
            "Closed trades: 2 (1 wins, 1 losses)",
            "Profit: 4.25000000 USDT",
            "Best: BTC/USDT 5.50%");
    assertThat(CommandReplies.trades(closed, 1))
        .contains("#b ETH/USDT -1.25000000 (-1.25%) stop_loss")
        .doesNotContain("#a");
  }

  @Test
  void balanceReadsListsAndMaps() throws Exception {
    assertThat(
            CommandReplies.balance(
                read("{\"balances\": [{\"currency\": \"USDT\", \"total\": 1000, \"free\": 900}]}")))
        .contains("USDT: 1000.00000000 (free 900.00000000)");
    assertThat(CommandReplies.balance(read("{\"USDT\": 12.5, \"BTC\": {\"total\": 0.1}}")))
        .contains("USDT: 12.50000000", "BTC: 0.10000000");
  }
}
