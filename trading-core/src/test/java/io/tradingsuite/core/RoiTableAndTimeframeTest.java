package io.tradingsuite.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoiTableAndTimeframeTest {

  @Test
  void roiKeysAreMinuteStringsSortedAndLargestKeyAtOrBelowDurationWins() {
    RoiTable t = RoiTable.of(Map.of("40", 0.0, "0", 0.04, "20", 0.02, "30", 0.01));
    assertThat(t.asMap().keySet()).containsExactly(0, 20, 30, 40);
    assertThat(t.activeIndex(0)).isZero();
    assertThat(t.ratioAt(t.activeIndex(19))).isEqualTo(0.04);
    assertThat(t.ratioAt(t.activeIndex(20))).isEqualTo(0.02);
    assertThat(t.ratioAt(t.activeIndex(1000))).isEqualTo(0.0);
  }

  @Test
  void defaultsAndEmpty() {
    assertThat(RoiTable.freqtradeDefault().asMap()).isEqualTo(Map.of(0, 10.0));
    assertThat(RoiTable.of(Map.<String, Double>of()).isEmpty()).isTrue();
    assertThat(RoiTable.disabled().activeIndex(100)).isEqualTo(-1);
    assertThat(RoiTable.of(30, 0.01).activeIndex(29)).isEqualTo(-1);
    assertThatThrownBy(() -> RoiTable.of(Map.of("-5", 0.1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timeframes() {
    assertThat(Timeframe.parse("5m").minutes()).isEqualTo(5);
    assertThat(Timeframe.parse("1h").minutes()).isEqualTo(60);
    assertThat(Timeframe.parse("4h").minutes()).isEqualTo(240);
    assertThat(Timeframe.parse("1d").minutes()).isEqualTo(1440);
    assertThat(Timeframe.parse("1w").minutes()).isEqualTo(10080);
    assertThatThrownBy(() -> Timeframe.parse("5x")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nextDateAlwaysMovesToTheFollowingCandleStart() {
    Timeframe h = Timeframe.parse("1h");
    long t = Instant.parse("2024-01-01T10:20:00Z").toEpochMilli();
    assertThat(Instant.ofEpochMilli(h.nextDate(t)))
        .isEqualTo(Instant.parse("2024-01-01T11:00:00Z"));
    long aligned = Instant.parse("2024-01-01T10:00:00Z").toEpochMilli();
    // ccxt round_timeframe(ROUND_UP) adds a full candle to an aligned time
    assertThat(Instant.ofEpochMilli(h.nextDate(aligned)))
        .isEqualTo(Instant.parse("2024-01-01T11:00:00Z"));
  }
}
