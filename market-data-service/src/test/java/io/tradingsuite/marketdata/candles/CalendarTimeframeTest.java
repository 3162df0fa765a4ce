package io.tradingsuite.marketdata.candles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 1w and 1M the way Freqtrade resamples them (pandas {@code 1W-MON} / {@code 1MS}, left-closed and
 * left-labelled, as Binance opens its klines): weeks start on Monday 00:00 UTC, months on the first
 * day 00:00 UTC; open = first, high = max, low = min, close = last, volume = sum; missing source
 * candles shrink a bucket, never split or fill it. Every expected value below is worked out by hand
 * from the fixture.
 */
class CalendarTimeframeTest {
  private static final Timeframe D1 = Timeframe.parse("1d");
  private static final Timeframe H4 = Timeframe.parse("4h");
  private static final Timeframe W1 = Timeframe.parse("1w");
  private static final Timeframe MO1 = Timeframe.parse("1M");
  private static final long DAY = 86_400_000L;

  private static long at(String iso) {
    return iso.length() == 10
        ? LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
        : Instant.parse(iso).toEpochMilli();
  }

  private static Ohlcv c(long t, String o, String h, String l, String cl, String v) {
    return new Ohlcv(
        t,
        new BigDecimal(o),
        new BigDecimal(h),
        new BigDecimal(l),
        new BigDecimal(cl),
        new BigDecimal(v));
  }

  /** Daily candles from {@code first} to {@code last} (inclusive), all values 1, volume 1. */
  private static List<Ohlcv> daily(String first, String last) {
    List<Ohlcv> out = new ArrayList<>();
    for (long t = at(first); t <= at(last); t += DAY) {
      out.add(c(t, "1", "1", "1", "1", "1"));
    }
    return out;
  }

  private static void assertCandle(
      Ohlcv got, String open, String o, String h, String l, String c, String v) {
    assertThat(Instant.ofEpochMilli(got.openTime())).isEqualTo(Instant.ofEpochMilli(at(open)));
    assertThat(got.open()).as("open").isEqualByComparingTo(o);
    assertThat(got.high()).as("high").isEqualByComparingTo(h);
    assertThat(got.low()).as("low").isEqualByComparingTo(l);
    assertThat(got.close()).as("close").isEqualByComparingTo(c);
    assertThat(got.volume()).as("volume").isEqualByComparingTo(v);
  }

  @Test
  void weekStartsOnMondayAndMonthOnTheFirstInUtc() {
    // 1970-01-01 was a Thursday: the epoch grid would put weeks on Thursdays
    assertThat(TimeGrid.floor(W1, at("2024-02-04T23:59:59Z"))).isEqualTo(at("2024-01-29"));
    assertThat(TimeGrid.floor(W1, at("2024-01-29"))).isEqualTo(at("2024-01-29"));
    assertThat(TimeGrid.floor(W1, at("1970-01-01"))).isEqualTo(at("1969-12-29"));
    assertThat(TimeGrid.next(W1, at("2024-01-31T12:00:00Z"))).isEqualTo(at("2024-02-05"));
    assertThat(TimeGrid.previous(W1, at("2024-01-31T12:00:00Z"))).isEqualTo(at("2024-01-22"));
    assertThat(TimeGrid.floor(MO1, at("2024-02-29T23:00:00Z"))).isEqualTo(at("2024-02-01"));
    assertThat(TimeGrid.floor(MO1, at("1969-12-31T23:00:00Z"))).isEqualTo(at("1969-12-01"));
    assertThat(TimeGrid.next(MO1, at("2024-01-31"))).isEqualTo(at("2024-02-01"));
    assertThat(TimeGrid.next(MO1, at("2023-12-15"))).isEqualTo(at("2024-01-01"));
    assertThat(TimeGrid.previous(MO1, at("2024-03-01"))).isEqualTo(at("2024-02-01"));
    assertThat(TimeGrid.onGrid(W1, at("2024-01-29"))).isTrue();
    assertThat(TimeGrid.onGrid(W1, W1.floor(at("2024-01-31")))).as("a Thursday").isFalse();
    assertThat(TimeGrid.onGrid(MO1, at("2024-03-01"))).isTrue();
    assertThat(TimeGrid.onGrid(MO1, at("2024-03-31"))).isFalse();
    assertThat(TimeGrid.onGrid(Timeframe.parse("5m"), at("2024-03-31T00:05:00Z"))).isTrue();
    assertThat(TimeGrid.problem(W1)).isNull();
    assertThat(TimeGrid.problem(MO1)).isNull();
    assertThat(TimeGrid.problem(D1)).isNull();
    assertThat(TimeGrid.problem(Timeframe.parse("2w"))).contains("1w and 1M only");
    assertThat(TimeGrid.problem(Timeframe.parse("3M"))).contains("1w and 1M only");
    assertThatThrownBy(() -> TimeGrid.floor(Timeframe.parse("2w"), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whichTimeframesResampleIntoWeeksAndMonths() {
    assertThat(TimeGrid.nests(Timeframe.parse("1m"), W1)).isTrue();
    assertThat(TimeGrid.nests(H4, MO1)).isTrue();
    assertThat(TimeGrid.nests(D1, W1)).isTrue();
    assertThat(TimeGrid.nests(D1, MO1)).isTrue();
    assertThat(TimeGrid.nests(Timeframe.parse("7m"), W1)).as("7m misses midnight").isFalse();
    assertThat(TimeGrid.nests(Timeframe.parse("3d"), W1)).as("3d is epoch-aligned").isFalse();
    assertThat(TimeGrid.nests(W1, MO1)).as("weeks straddle months").isFalse();
    assertThat(TimeGrid.nests(MO1, Timeframe.parse("60d"))).isFalse();
    assertThat(TimeGrid.nests(D1, Timeframe.parse("2w"))).isFalse();
    assertThat(TimeGrid.nests(Timeframe.parse("5m"), Timeframe.parse("1h"))).isTrue();
    assertThatThrownBy(() -> Resampler.resample(daily("2024-01-01", "2024-01-02"), W1, MO1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * A week that crosses from January into February stays one week; the same days split at the month
   * boundary when resampled into months.
   */
  @Test
  void weekCrossingAMonthBoundary() {
    List<Ohlcv> days =
        List.of(
            c(at("2024-01-29"), "10", "12", "9", "11", "1"), // Monday
            c(at("2024-01-30"), "11", "15", "10", "14", "2"),
            c(at("2024-01-31"), "14", "14", "8", "9", "3"),
            c(at("2024-02-01"), "9", "10", "7.5", "10", "4"), // Thursday, a new month
            c(at("2024-02-02"), "10", "11", "9", "10.5", "5"),
            c(at("2024-02-03"), "10.5", "13", "10", "12", "6"),
            c(at("2024-02-04"), "12", "12.5", "11", "12.25", "7"), // Sunday
            c(at("2024-02-05"), "12.25", "16", "12", "15", "8")); // next Monday
    List<Ohlcv> weeks = Resampler.resample(days, D1, W1);
    assertThat(weeks).hasSize(2);
    assertCandle(weeks.get(0), "2024-01-29", "10", "15", "7.5", "12.25", "28");
    // the last week has only its Monday yet: built from what is there, as for any timeframe
    assertCandle(weeks.get(1), "2024-02-05", "12.25", "16", "12", "15", "8");

    List<Ohlcv> months = Resampler.resample(days, D1, MO1);
    assertThat(months).hasSize(2);
    assertCandle(months.get(0), "2024-01-01", "10", "15", "8", "9", "6");
    assertCandle(months.get(1), "2024-02-01", "9", "16", "7.5", "15", "30");
  }

  /** 31, 29 (leap February), 31, 30 and 28 days: each month holds exactly its own days. */
  @Test
  void monthsOf28To31Days() {
    List<Ohlcv> days = new ArrayList<>(daily("2023-02-01", "2023-02-28"));
    days.addAll(daily("2024-01-01", "2024-04-30"));
    // mark each month's first and last day so open and close show which days went in
    for (int i = 0; i < days.size(); i++) {
      long t = days.get(i).openTime();
      LocalDate d = LocalDate.ofEpochDay(t / DAY);
      if (d.getDayOfMonth() == 1) {
        days.set(i, c(t, "2", "2", "1", "1", "1"));
      } else if (d.getDayOfMonth() == d.lengthOfMonth()) {
        days.set(i, c(t, "1", "3", "0.5", "3", "1"));
      }
    }
    List<Ohlcv> months = Resampler.resample(days, D1, MO1);
    assertThat(months).hasSize(5);
    assertCandle(months.get(0), "2023-02-01", "2", "3", "0.5", "3", "28");
    assertCandle(months.get(1), "2024-01-01", "2", "3", "0.5", "3", "31");
    assertCandle(months.get(2), "2024-02-01", "2", "3", "0.5", "3", "29");
    assertCandle(months.get(3), "2024-03-01", "2", "3", "0.5", "3", "31");
    assertCandle(months.get(4), "2024-04-01", "2", "3", "0.5", "3", "30");

    // from 4h candles: six a day, so the volumes are six times the days
    List<Ohlcv> fourHours = new ArrayList<>();
    for (long t = at("2024-02-28"); t < at("2024-03-02"); t += 4 * 3_600_000L) {
      fourHours.add(c(t, "1", "1", "1", "1", "1"));
    }
    List<Ohlcv> fromH4 = Resampler.resample(fourHours, H4, MO1);
    assertThat(fromH4)
        .extracting(Ohlcv::openTime)
        .containsExactly(at("2024-02-01"), at("2024-03-01"));
    assertThat(fromH4)
        .extracting(Ohlcv::volume)
        .extracting(BigDecimal::intValue)
        .containsExactly(12, 6);

    // a month with no candle at all is left out, not filled
    assertThat(Gaps.find(times(months), months.size(), MO1).missing())
        .as("Mar..Dec 2023 between the two Februaries")
        .isEqualTo(10);
  }

  /** A day missing inside a week, and a week missing entirely. */
  @Test
  void gapInsideAWeekAndAMissingWeek() {
    List<Ohlcv> days = new ArrayList<>();
    days.add(c(at("2024-03-04"), "5", "6", "4", "5.5", "1")); // Monday
    days.add(c(at("2024-03-05"), "5.5", "7", "5", "6", "1"));
    // Wednesday 03-06 missing
    days.add(c(at("2024-03-07"), "6", "9", "2", "3", "1"));
    days.add(c(at("2024-03-10"), "3", "3.5", "2.5", "3.25", "1")); // Sunday
    // the week of 03-11 missing entirely
    days.add(c(at("2024-03-20"), "3.25", "4", "3", "3.75", "2")); // a Wednesday
    List<Ohlcv> weeks = Resampler.resample(days, D1, W1);
    assertThat(weeks).hasSize(2);
    assertCandle(weeks.get(0), "2024-03-04", "5", "9", "2", "3.25", "4");
    assertCandle(weeks.get(1), "2024-03-18", "3.25", "4", "3", "3.75", "2");

    Gaps.Report gaps = Gaps.find(times(weeks), weeks.size(), W1);
    assertThat(gaps.missing()).isEqualTo(1);
    assertThat(gaps.gaps()).containsExactly(new Gaps.Gap(at("2024-03-11"), at("2024-03-11"), 1));
  }

  @Test
  void monthGapsCountCalendarMonthsNotThirtyDays() {
    long[] times = {
      at("2024-01-01"), at("2024-02-01"), at("2024-03-01"), at("2024-06-01"), at("2024-07-01")
    };
    Gaps.Report r = Gaps.find(times, times.length, MO1);
    assertThat(r.missing()).isEqualTo(2);
    assertThat(r.gaps()).containsExactly(new Gaps.Gap(at("2024-04-01"), at("2024-05-01"), 2));
  }

  @Test
  void importChecksUseTheCalendarGrid() {
    Ohlcv monday = c(at("2024-01-29"), "1", "1", "1", "1", "1");
    Ohlcv thursday = c(W1.floor(at("2024-01-31")), "1", "1", "1", "1", "1");
    assertThat(CandleChecks.rowProblem(monday, W1)).isNull();
    assertThat(CandleChecks.rowProblem(thursday, W1)).contains("not on the 1w grid");
    assertThat(CandleChecks.rowProblem(c(at("2024-02-01"), "1", "1", "1", "1", "1"), MO1)).isNull();
    assertThat(CandleChecks.rowProblem(c(at("2024-01-31"), "1", "1", "1", "1", "1"), MO1))
        .contains("not on the 1M grid");
  }

  private static long[] times(List<Ohlcv> candles) {
    return candles.stream().mapToLong(Ohlcv::openTime).toArray();
  }
}
