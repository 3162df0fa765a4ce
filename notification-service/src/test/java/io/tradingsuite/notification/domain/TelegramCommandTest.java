package io.tradingsuite.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramCommandTest {
  @Test
  void parsesNameAndArguments() {
    assertThat(TelegramCommand.parse("/stopentry  high volatility "))
        .contains(new TelegramCommand("stopentry", "high volatility"));
    assertThat(TelegramCommand.parse("/status")).contains(new TelegramCommand("status", ""));
    assertThat(TelegramCommand.parse("/ForceExit@SuiteBot t-42"))
        .contains(new TelegramCommand("forceexit", "t-42"));
  }

  @Test
  void ignoresChatter() {
    assertThat(TelegramCommand.parse("hello")).isEmpty();
    assertThat(TelegramCommand.parse("/")).isEmpty();
    assertThat(TelegramCommand.parse("/@bot")).isEmpty();
    assertThat(TelegramCommand.parse(null)).isEmpty();
  }
}
