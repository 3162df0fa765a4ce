package io.tradingsuite.strategy.dca;

import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A dollar-cost-averaging plan: buy {@code stakeAmount} of the quote currency of {@code pair} on
 * {@code exchange} at each due time of {@code schedule} from {@code start} until {@code end}
 * (inclusive; null = open). {@code timeframe} is the candle size of the signals (risk-service
 * checks that market's candles are fresh) and of the dip's moving average.
 *
 * @param dip nullable: no buy-the-dip
 * @param end nullable
 */
public record DcaPlan(
    String id,
    String exchange,
    String pair,
    Timeframe timeframe,
    BigDecimal stakeAmount,
    DcaSchedule schedule,
    Instant start,
    Instant end,
    DipRule dip,
    Instant createdAt) {

  public DcaPlan {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(pair, "pair");
    Objects.requireNonNull(timeframe, "timeframe");
    Objects.requireNonNull(stakeAmount, "stakeAmount");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * Where the scheduler starts: due times after it are the plan's. Due times before the plan was
   * created are not "missed" (the plan did not exist), except those within the grace, so a plan
   * created a moment after its start still makes its first buy.
   */
  public Instant initialCursor(Duration grace) {
    Instant beforeStart = start.minusMillis(1);
    Instant graceBack = createdAt.minus(grace);
    return beforeStart.isAfter(graceBack) ? beforeStart : graceBack;
  }

  /**
   * The first due time after {@code cursor} within start and end, or null when the plan is done.
   */
  public Instant nextDue(Instant cursor) {
    Instant from = cursor.isBefore(start) ? start.minusMillis(1) : cursor;
    Instant t = schedule.nextAfter(from);
    return t == null || (end != null && t.isAfter(end)) ? null : t;
  }
}
