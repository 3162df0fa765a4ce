package io.tradingsuite.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

  @Test
  void keysAreLowerExchangeAndUpperPair() {
    assertThat(Topics.key("binance", "BTC/USDT")).isEqualTo("binance:BTC/USDT");
    assertThat(Topics.key("Binance", "btc/usdt")).isEqualTo("binance:BTC/USDT");
    assertThat(Topics.key("kraken", "1inch/eur")).isEqualTo("kraken:1INCH/EUR");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "BTCUSDT",
        "BTC/",
        "/USDT",
        "BTC/USDT/EUR",
        "BTC-USDT",
        "BTC /USDT",
        "BTC/USDT:USDT"
      })
  void refusesPairsThatAreNotBaseSlashQuote(String pair) {
    assertThatThrownBy(() -> Topics.key("binance", pair))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pair");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", " ", "bin:ance", "binance us"})
  void refusesExchangesThatWouldBreakTheKey(String exchange) {
    assertThatThrownBy(() -> Topics.key(exchange, "BTC/USDT"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exchange");
  }

  @Test
  void listsTheMainTopicsAndTheirDeadLetterTwins() {
    assertThat(Topics.all())
        .containsExactly(
            "market.candles.v1",
            "strategy.signals.v1",
            "risk.decisions.v1",
            "execution.fills.v1",
            "risk.events.v1",
            "registry.artifacts.v1",
            "strategy.hyperopt-trials.v1");
    assertThat(Topics.all()).noneMatch(t -> t.endsWith(".dlq"));
    assertThat(Topics.dlq(Topics.FILLS)).isEqualTo("execution.fills.v1.dlq");
  }
}
