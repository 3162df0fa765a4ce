package io.tradingsuite.marketdata.candles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks, resampling and gap finding on hand-made series. */
class CandleCoreTest {
  private static final Timeframe M5 = Timeframe.parse("5m");
  private static final long T0 = 1_704_067_200_000L; // 2024-01-01T00:00Z

  private static Ohlcv c(long t, String o, String h, String l, String cl, String v) {
    return new Ohlcv(
        t,
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(cl),
        new BigDecimal(v));
  }

  @Test
  void eachBadRowKindIsNamedWithItsRowNumber() {
    List<Ohlcv> rows = new ArrayList<>();
    rows.add(c(T0, "10", "11", "9", "10", "1"));
    rows.add(c(T0 + 300_000, "10", "9", "11", "10", "1")); // 2: high < low
    rows.add(c(T0 + 600_000, "12", "11", "9", "10", "1")); // 3: open above high
    rows.add(c(T0 + 900_000, "10", "11", "9", "8", "1")); // 4: close below low
    rows.add(c(T0 + 1_200_000, "10", "11", "9", "10", "-1")); // 5: negative
    rows.add(c(T0 + 1_260_000, "10", "11", "9", "10", "1")); // 6: off the 5m grid
    rows.add(c(T0 + 1_500_000, "10", "11", "9", "10", "1"));
    rows.add(c(T0 + 1_500_000, "10", "11", "9", "10.0", "1")); // 8: identical duplicate: dropped
    rows.add(c(T0 + 1_500_000, "10", "11", "9", "10.5", "1")); // 9: duplicate with other values
    rows.add(c(T0 + 300_000, "10", "11", "9", "10", "1")); // 10: unsorted
    rows.add(null); // 11: refused by the parser
    var result = CandleChecks.check(rows, List.of(new BadRow(11, "open is NaN")), M5);
    assertThat(result.good()).extracting(Ohlcv::openTime).containsExactly(T0, T0 + 1_500_000);
    assertThat(result.duplicatesDropped()).isEqualTo(1);
    assertThat(result.bad()).extracting(BadRow::row).containsExactly(2, 3, 4, 5, 6, 9, 10, 11);
    assertThat(result.bad())
        .extracting(BadRow::reason)
        .satisfiesExactly(
            r -> assertThat(r).contains("high 9 < low 11"),
            r -> assertThat(r).contains("open 12 outside"),
            r -> assertThat(r).contains("close 8 outside"),
            r -> assertThat(r).contains("negative"),
            r -> assertThat(r).contains("not on the 5m grid"),
            r -> assertThat(r).contains("duplicate time"),
            r -> assertThat(r).contains("before the previous row"),
            r -> assertThat(r).isEqualTo("open is NaN"));
  }

  @Test
  void resamplesLikeFreqtradeFirstMaxMinLastSumOnTheGrid() {
    Timeframe m1 = Timeframe.parse("1m");
    long start = T0 + 3 * 60_000; // first candle mid-period: the period still starts on the 5m grid
    List<Ohlcv> src =
        List.of(
            c(start, "1", "3", "1", "2", "1.5"),
            c(start + 60_000, "2", "4", "2", "3", "2"), // last of period T0
            c(start + 2 * 60_000, "3", "3.5", "0.5", "1", "1"), // T0+5m
            c(start + 4 * 60_000, "1", "2", "1", "1.75", "4"), // T0+5m, minute 8: minute 7 missing
            c(
                start + 10 * 60_000,
                "5",
                "6",
                "4",
                "5.5",
                "3")); // T0+10m... minute 13; T0+10m period
    List<Ohlcv> out = io.tradingsuite.marketdata.candles.Resampler.resample(src, m1, M5);
    assertThat(out).hasSize(3);
    assertThat(out.get(0).sameValues(c(T0, "1", "4", "1", "3", "3.5"))).isTrue();
    assertThat(out.get(1).sameValues(c(T0 + 300_000, "3", "3.5", "0.5", "1.75", "5"))).isTrue();
    assertThat(out.get(2).sameValues(c(T0 + 600_000, "5", "6", "4", "5.5", "3"))).isTrue();
    assertThatThrownBy(() -> Resampler.resample(src, M5, Timeframe.parse("7m")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyPeriodsAreLeftOutNotFilled() {
    List<Ohlcv> src =
        List.of(c(T0, "1", "1", "1", "1", "1"), c(T0 + 3 * 3_600_000, "2", "2", "2", "2", "1"));
    assertThat(Resampler.resample(src, M5, Timeframe.parse("1h")))
        .extracting(Ohlcv::openTime)
        .containsExactly(T0, T0 + 3 * 3_600_000);
  }

  @Test
  void gapsCountAndRanges() {
    long s = 300_000;
    long[] times = {T0, T0 + s, T0 + 3 * s, T0 + 4 * s, T0 + 9 * s};
    Gaps.Report r = Gaps.find(times, times.length, M5);
    assertThat(r.missing()).isEqualTo(5);
    assertThat(r.gaps())
        .containsExactly(
            new Gaps.Gap(T0 + 2 * s, T0 + 2 * s, 1), new Gaps.Gap(T0 + 5 * s, T0 + 8 * s, 4));
    assertThat(Gaps.find(new long[0], 0, M5).missing()).isZero();
  }
}
