package io.tradingsuite.strategy.dca;

import io.tradingsuite.contracts.Dca;
import io.tradingsuite.contracts.Signal;
import io.tradingsuite.contracts.SignalAction;
import io.tradingsuite.core.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;

/** The signals and ids of a plan's buys. */
public final class DcaSignals {
  private DcaSignals() {}

  /**
   * {@code "dca-" + plan id + "-" + due time in epoch ms}: the same buy always has the same id, so
   * re-sending it after a restart is deduplicated by risk-service and can never buy twice.
   */
  public static String signalId(String planId, Instant due) {
    return Dca.SIGNAL_ID_PREFIX + planId + "-" + due.toEpochMilli();
  }

  /**
   * The candle a buy due at {@code due} is "computed on": the last one closed at that time. The
   * paper venue fills the market order at the open of the next candle, the one containing {@code
   * due}, as for any entry.
   */
  public static Instant candleTime(Timeframe tf, Instant due) {
    return Instant.ofEpochMilli(tf.floor(due.toEpochMilli()) - tf.millis());
  }

  /**
   * The {@code enter_long} of one due buy.
   *
   * @param stake the plan's stake times the dip multiplier
   * @param price the last close known at the due time (0 when market data was unavailable)
   */
  public static Signal buy(
      DcaPlan plan, Instant due, BigDecimal stake, BigDecimal price, Instant createdAt) {
    return new Signal(
        signalId(plan.id(), due),
        Dca.STRATEGY,
        plan.exchange(),
        plan.pair(),
        plan.timeframe().name(),
        candleTime(plan.timeframe(), due),
        SignalAction.ENTER_LONG,
        null,
        null,
        price,
        stake,
        Dca.exitPlan(),
        createdAt);
  }
}
