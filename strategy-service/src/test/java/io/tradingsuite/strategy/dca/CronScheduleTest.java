package io.tradingsuite.strategy.dca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Five-field cron in UTC: fields, names, steps, the either-day rule, macros and refusals. */
class CronScheduleTest {

  private static Instant at(String s) {
    return Instant.parse(s);
  }

  @Test
  void mondaysAtNineUtc() {
    CronSchedule c = CronSchedule.parse("0 9 * * 1");
    // 2024-01-01 is a Monday
    assertThat(c.nextAfter(at("2023-12-31T12:00:00Z"))).isEqualTo(at("2024-01-01T09:00:00Z"));
    assertThat(c.nextAfter(at("2024-01-01T09:00:00Z"))).isEqualTo(at("2024-01-08T09:00:00Z"));
    assertThat(c.nextAfter(at("2024-01-01T08:59:59.999Z"))).isEqualTo(at("2024-01-01T09:00:00Z"));
    assertThat(CronSchedule.parse("0 9 * * MON").nextAfter(at("2024-01-02T00:00:00Z")))
        .isEqualTo(at("2024-01-08T09:00:00Z"));
  }

  @Test
  void stepsRangesListsAndNames() {
    CronSchedule every15 = CronSchedule.parse("*/15 * * * *");
    assertThat(every15.nextAfter(at("2024-01-01T00:07:00Z"))).isEqualTo(at("2024-01-01T00:15:00Z"));
    assertThat(every15.nextAfter(at("2024-01-01T00:45:00Z"))).isEqualTo(at("2024-01-01T01:00:00Z"));
    CronSchedule officeHours = CronSchedule.parse("30 9-17/4 * * mon-fri");
    assertThat(officeHours.nextAfter(at("2024-01-05T14:00:00Z"))) // Friday
        .isEqualTo(at("2024-01-05T17:30:00Z"));
    assertThat(officeHours.nextAfter(at("2024-01-05T17:30:00Z"))) // weekend skipped
        .isEqualTo(at("2024-01-08T09:30:00Z"));
    CronSchedule quarterly = CronSchedule.parse("0 0 1 JAN,APR,jul,10 *");
    assertThat(quarterly.nextAfter(at("2024-02-10T00:00:00Z")))
        .isEqualTo(at("2024-04-01T00:00:00Z"));
    assertThat(quarterly.nextAfter(at("2024-07-01T00:00:00Z")))
        .isEqualTo(at("2024-10-01T00:00:00Z"));
    // Sunday is 0 and 7
    assertThat(CronSchedule.parse("0 0 * * 7").nextAfter(at("2024-01-01T00:00:00Z")))
        .isEqualTo(at("2024-01-07T00:00:00Z"));
  }

  @Test
  void bothDayFieldsRestrictedMeansEitherDay() {
    // the 13th of the month or any Friday (Vixie cron)
    CronSchedule c = CronSchedule.parse("0 12 13 * 5");
    assertThat(c.nextAfter(at("2024-01-06T00:00:00Z"))).isEqualTo(at("2024-01-12T12:00:00Z"));
    assertThat(c.nextAfter(at("2024-01-12T12:00:00Z"))).isEqualTo(at("2024-01-13T12:00:00Z"));
    // with the weekday a star, only the day of month counts
    assertThat(CronSchedule.parse("0 12 13 * *").nextAfter(at("2024-01-06T00:00:00Z")))
        .isEqualTo(at("2024-01-13T12:00:00Z"));
    // leap day: the next one four years on
    assertThat(CronSchedule.parse("0 0 29 2 *").nextAfter(at("2024-03-01T00:00:00Z")))
        .isEqualTo(at("2028-02-29T00:00:00Z"));
  }

  @Test
  void macros() {
    assertThat(CronSchedule.parse("@daily").nextAfter(at("2024-01-01T00:00:00Z")))
        .isEqualTo(at("2024-01-02T00:00:00Z"));
    assertThat(CronSchedule.parse("@weekly").nextAfter(at("2024-01-01T00:00:00Z")))
        .isEqualTo(at("2024-01-07T00:00:00Z"));
    assertThat(CronSchedule.parse("@monthly").nextAfter(at("2024-01-15T00:00:00Z")))
        .isEqualTo(at("2024-02-01T00:00:00Z"));
    assertThat(CronSchedule.parse("@hourly").expression()).isEqualTo("@hourly");
  }

  @Test
  void refusalsNameTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("0 9 * *"))
        .hasMessageContaining("5 fields")
        .hasMessageContaining("has 4");
    assertThatThrownBy(() -> CronSchedule.parse("60 * * * *"))
        .hasMessageStartingWith("minute field: 60 is outside 0-59");
    assertThatThrownBy(() -> CronSchedule.parse("0 24 * * *")).hasMessageStartingWith("hour field");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 0 * *"))
        .hasMessageStartingWith("day of month field");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 * FOO *"))
        .hasMessageStartingWith("month field: \"FOO\" is not a number");
    assertThatThrownBy(() -> CronSchedule.parse("*/0 * * * *")).hasMessageContaining("step");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 ? * MON"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 30 2 *")).hasMessageContaining("never due");
    assertThatThrownBy(() -> CronSchedule.parse("@fortnightly")).hasMessageContaining("unknown");
    assertThatThrownBy(() -> CronSchedule.parse(" ")).hasMessageContaining("required");
  }
}
