package io.tradingsuite.strategy.dca;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.MessageValidator;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plain core with a hand-moved clock: which due times are bought, which are reported missed
 * after downtime (never bought late), the cursor that makes a restart resume without a second buy,
 * the dip multiplier and the signal of a buy.
 */
class DcaPlanTest {

  static final Duration GRACE = Duration.ofMinutes(5);
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  static DcaPlan every(int hours, Instant start, Instant end, Instant created, DipRule dip) {
    return new DcaPlan(
        "p1",
        "binance",
        "BTC/USDT",
        Timeframe.parse("5m"),
        new BigDecimal("25"),
        new DcaSchedule.Every(hours, DcaSchedule.Unit.HOURS, start),
        start,
        end,
        dip,
        created);
  }

  /** Runs the planner like the scheduler does: steps at the clock's time, then the cursor moves. */
  static final class Runner {
    final DcaPlan plan;
    final MutableClock clock;
    Instant cursor;

    Runner(DcaPlan plan, MutableClock clock) {
      this.plan = plan;
      this.clock = clock;
      this.cursor = plan.initialCursor(GRACE);
    }

    List<DuePlanner.Step> tick() {
      List<DuePlanner.Step> steps = DuePlanner.steps(plan, cursor, clock.instant(), GRACE);
      for (DuePlanner.Step s : steps) {
        cursor = s.cursorAfter();
      }
      return steps;
    }
  }

  static DuePlanner.Buy buy(String t) {
    return new DuePlanner.Buy(Instant.parse(t));
  }

  @Test
  void buysOnScheduleAndNeverTwice() {
    MutableClock clock = new MutableClock(T0.plusSeconds(30));
    Runner r = new Runner(every(6, T0, null, clock.instant(), null), clock);

    // created 30 s after its start: the first due time is within the grace, so it is bought
    assertThat(r.tick()).containsExactly(buy("2024-01-01T00:00:00Z"));
    assertThat(r.tick()).isEmpty();
    clock.set(Instant.parse("2024-01-01T05:59:59Z"));
    assertThat(r.tick()).isEmpty();
    clock.set(Instant.parse("2024-01-01T06:00:00Z"));
    assertThat(r.tick()).containsExactly(buy("2024-01-01T06:00:00Z"));
    assertThat(r.tick()).isEmpty();

    // a restart resumes from the stored cursor: the same time gives nothing again
    Runner restarted = new Runner(r.plan, clock);
    restarted.cursor = r.cursor;
    assertThat(restarted.tick()).isEmpty();
    clock.set(Instant.parse("2024-01-01T12:04:00Z"));
    assertThat(restarted.tick()).containsExactly(buy("2024-01-01T12:00:00Z"));
  }

  @Test
  void dueTimesThatPassedWhileDownAreReportedMissedNotBoughtLate() {
    MutableClock clock = new MutableClock(T0);
    Runner r = new Runner(every(6, T0, null, T0, null), clock);
    assertThat(r.tick()).containsExactly(buy("2024-01-01T00:00:00Z"));

    // down from 00:00 to 00:02 the next day: 06:00, 12:00 and 18:00 passed long ago
    clock.set(Instant.parse("2024-01-02T00:02:00Z"));
    assertThat(r.tick())
        .containsExactly(
            new DuePlanner.Missed(
                Instant.parse("2024-01-01T06:00:00Z"),
                Instant.parse("2024-01-01T18:00:00Z"),
                3,
                false),
            buy("2024-01-02T00:00:00Z"));
    assertThat(r.tick()).isEmpty();

    // the grace is inclusive: exactly 5 minutes late is still bought, a millisecond more is not
    clock.set(Instant.parse("2024-01-02T06:05:00Z"));
    assertThat(r.tick()).containsExactly(buy("2024-01-02T06:00:00Z"));
    clock.set(Instant.parse("2024-01-02T12:05:00.001Z"));
    assertThat(r.tick())
        .containsExactly(
            new DuePlanner.Missed(
                Instant.parse("2024-01-02T12:00:00Z"),
                Instant.parse("2024-01-02T12:00:00Z"),
                1,
                false));
  }

  @Test
  void aPlanCreatedLateDoesNotBuyOrMissWhatCameBeforeIt() {
    Instant created = Instant.parse("2024-03-01T10:03:00Z");
    MutableClock clock = new MutableClock(created);
    Runner r = new Runner(every(24, T0, null, created, null), clock);
    assertThat(r.tick()).isEmpty();
    clock.set(Instant.parse("2024-03-02T00:01:00Z"));
    assertThat(r.tick()).containsExactly(buy("2024-03-02T00:00:00Z"));
  }

  @Test
  void theEndIsInclusiveAndThenThePlanIsFinished() {
    Instant end = Instant.parse("2024-01-01T12:00:00Z");
    MutableClock clock = new MutableClock(T0);
    DcaPlan plan = every(6, T0, end, T0, null);
    Runner r = new Runner(plan, clock);
    assertThat(r.tick()).hasSize(1);
    clock.set(Instant.parse("2024-01-03T00:00:00Z"));
    // 06:00 and 12:00 passed while down; 18:00 is after the end
    assertThat(r.tick())
        .containsExactly(
            new DuePlanner.Missed(Instant.parse("2024-01-01T06:00:00Z"), end, 2, false));
    assertThat(plan.nextDue(r.cursor)).isNull();
    assertThat(r.tick()).isEmpty();
  }

  @Test
  void cronPlansFollowTheExpression() {
    DcaPlan plan =
        new DcaPlan(
            "p2",
            "binance",
            "ETH/USDT",
            Timeframe.parse("1h"),
            BigDecimal.TEN,
            new DcaSchedule.Cron(CronSchedule.parse("0 9 * * 1")),
            T0,
            null,
            null,
            T0);
    MutableClock clock = new MutableClock(Instant.parse("2024-01-01T09:01:00Z"));
    Runner r = new Runner(plan, clock);
    assertThat(r.tick()).containsExactly(buy("2024-01-01T09:00:00Z"));
    clock.set(Instant.parse("2024-01-15T09:00:30Z"));
    assertThat(r.tick())
        .containsExactly(
            new DuePlanner.Missed(
                Instant.parse("2024-01-08T09:00:00Z"),
                Instant.parse("2024-01-08T09:00:00Z"),
                1,
                false),
            buy("2024-01-15T09:00:00Z"));
  }

  @Test
  void everyIsAnchoredAtTheStart() {
    DcaSchedule.Every e =
        new DcaSchedule.Every(2, DcaSchedule.Unit.DAYS, Instant.parse("2024-01-10T09:30:00Z"));
    assertThat(e.nextAfter(Instant.parse("2024-01-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-01-02T09:30:00Z"));
    assertThat(e.nextAfter(Instant.parse("2024-01-10T09:30:00Z")))
        .isEqualTo(Instant.parse("2024-01-12T09:30:00Z"));
  }

  @Test
  void dipMultipliesTheStakeBelowTheMovingAverage() {
    DipRule dip = new DipRule(new BigDecimal("2.5"), 5);
    double[] falling = {10, 10, 10, 10, 8};
    DipRule.Outcome below = dip.apply(falling, 4);
    assertThat(below.multiplier()).isEqualByComparingTo("2.5");
    assertThat(below.average()).isEqualByComparingTo("9.6");
    assertThat(below.dip()).isTrue();

    double[] rising = {10, 10, 10, 10, 12};
    assertThat(dip.apply(rising, 4).multiplier()).isEqualByComparingTo("1");
    // exactly at the average is not below it
    assertThat(dip.apply(new double[] {10, 10, 10, 10, 10}, 4).dip()).isFalse();
    // the window ends at the given candle, not at the array's end
    assertThat(dip.apply(new double[] {10, 10, 10, 10, 8, 100}, 4).dip()).isTrue();

    DipRule.Outcome few = dip.apply(new double[] {10, 8}, 1);
    assertThat(few.multiplier()).isEqualByComparingTo("1");
    assertThat(few.note()).isEqualTo("only 2 of 5 candles for the moving average");
    assertThat(dip.apply(new double[0], -1).note()).isEqualTo("no candle before the due time");
  }

  @Test
  void aBuyIsAValidDcaEntryWithADeterministicId() {
    DcaPlan plan = every(6, T0, null, T0, null);
    Instant due = Instant.parse("2024-01-01T06:02:00Z");
    Signal s = DcaSignals.buy(plan, due, new BigDecimal("62.5"), new BigDecimal("42000.5"), due);
    assertThat(MessageValidator.problems(s)).isEmpty();
    assertThat(Dca.isDcaEntry(s)).isTrue();
    assertThat(s.id())
        .isEqualTo("dca-p1-" + due.toEpochMilli())
        .isEqualTo(DcaSignals.signalId("p1", due));
    assertThat(s.action()).isEqualTo(SignalAction.ENTER_LONG);
    assertThat(s.strategy()).isEqualTo("dca");
    // computed on the last candle closed at the due time; filled at the open of the next
    assertThat(s.candleTime()).isEqualTo(Instant.parse("2024-01-01T05:55:00Z"));
    assertThat(s.stakeAmount()).isEqualByComparingTo("62.5");
    assertThat(s.exitPlan()).isEqualTo(Dca.exitPlan());
    assertThat(DcaSignals.candleTime(Timeframe.parse("1h"), Instant.parse("2024-01-01T06:00:00Z")))
        .isEqualTo(Instant.parse("2024-01-01T05:00:00Z"));
  }
}
