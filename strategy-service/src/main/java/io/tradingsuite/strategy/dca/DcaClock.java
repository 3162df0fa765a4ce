package io.tradingsuite.strategy.dca;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;

/**
 * The clock DCA plans run on: the system's UTC clock, replaceable (tests move it by hand to make
 * due times pass). Its own type, so no other bean's {@link Clock} is affected.
 */
@ApplicationScoped
public class DcaClock {

  private volatile Clock clock = Clock.systemUTC();

  public Instant instant() {
    return clock.instant();
  }

  public Clock clock() {
    return clock;
  }

  /** Runs the plans on {@code c} from now on; {@code null} puts the system clock back. */
  public void use(Clock c) {
    this.clock = c == null ? Clock.systemUTC() : c;
  }
}
