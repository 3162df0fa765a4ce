package io.tradingsuite.strategy.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimerangeTest {

  @Test
  void parsesFreqtradeTimeranges() {
    assertThat(Timerange.parse("20240101-20240301"))
        .isEqualTo(
            new Timerange(
                Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")));
    assertThat(Timerange.parse("20240101-").end()).isNull();
    assertThat(Timerange.parse("-20240301").start()).isNull();
    assertThat(Timerange.parse("1704067200-").start())
        .isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(Timerange.parse(null)).isEqualTo(Timerange.ALL);
    assertThat(Timerange.parse("20240101-20240301").toString()).isEqualTo("20240101-20240301");
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> Timerange.parse("2024-01-01"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Timerange.parse("20241301-"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Timerange.parse("20240301-20240101")).hasMessageContaining("before");
    assertThatThrownBy(() -> Timerange.parse("yesterday-"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
