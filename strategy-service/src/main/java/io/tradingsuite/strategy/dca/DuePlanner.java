package io.tradingsuite.strategy.dca;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a plan has to do at {@code now}, given the last due time it handled (the cursor). A due time
 * no older than the grace is bought; older ones passed while the scheduler was not running (service
 * down, database unreachable) and are reported as missed, never bought late. Consecutive missed due
 * times come back as one {@link Missed} step.
 */
public final class DuePlanner {

  /** Counting stops here (a cron of every minute down for two years); the count is then a floor. */
  static final int MAX_COUNTED = 1_000_000;

  private DuePlanner() {}

  /** One thing to do, in due-time order. */
  public sealed interface Step permits Buy, Missed {
    /** The due time the cursor moves to once the step is recorded. */
    Instant cursorAfter();
  }

  /** Buy for this due time. */
  public record Buy(Instant dueAt) implements Step {
    @Override
    public Instant cursorAfter() {
      return dueAt;
    }
  }

  /**
   * Due times {@code from} .. {@code until} ({@code count} of them) passed more than the grace ago.
   *
   * @param atLeast true when counting stopped at {@link #MAX_COUNTED}; {@code until} is then the
   *     end of the gap rather than a due time
   */
  public record Missed(Instant from, Instant until, long count, boolean atLeast) implements Step {
    @Override
    public Instant cursorAfter() {
      return until;
    }
  }

  /** The steps for due times after {@code cursor} up to {@code now}, oldest first. */
  public static List<Step> steps(DcaPlan plan, Instant cursor, Instant now, Duration grace) {
    List<Step> out = new ArrayList<>();
    Instant lateBefore = now.minus(grace);
    Instant first = null;
    Instant last = null;
    long count = 0;
    boolean atLeast = false;
    Instant t = plan.nextDue(cursor);
    while (t != null && !t.isAfter(now)) {
      if (t.isBefore(lateBefore)) {
        if (first == null) {
          first = t;
        }
        last = t;
        count++;
        if (count >= MAX_COUNTED) {
          // stop counting: the gap ends just before the grace window, where buying resumes
          atLeast = true;
          last = lateBefore.minusMillis(1);
          t = plan.nextDue(last);
          continue;
        }
      } else {
        if (first != null) {
          out.add(new Missed(first, last, count, atLeast));
          first = null;
        }
        out.add(new Buy(t));
      }
      t = plan.nextDue(t);
    }
    if (first != null) {
      out.add(new Missed(first, last, count, atLeast));
    }
    return out;
  }
}
