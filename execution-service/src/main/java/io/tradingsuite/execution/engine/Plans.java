package io.tradingsuite.execution.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tradingsuite.contracts.MessageCodec;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;

/** The contract's exit plan (what risk approved) as trading-core's, and as stored JSON. */
public final class Plans {
  private Plans() {}

  /**
   * The protective part of the plan: stoploss, ROI, trailing. Exit signals arrive as sell orders,
   * so {@code use_exit_signal} is off here; the contract carries no custom-stoploss or
   * ignore-ROI-if-entry-signal flags, so both keep Freqtrade's default (off).
   */
  public static ExitPlan toCore(io.tradingsuite.contracts.ExitPlan p) {
    return ExitPlan.builder()
        .stoploss(p.stoploss().doubleValue())
        .minimalRoi(p.minimalRoi() == null ? RoiTable.disabled() : RoiTable.of(p.minimalRoi()))
        .trailingStop(p.trailingStop())
        .trailingStopPositive(
            p.trailingStopPositive() == null ? null : p.trailingStopPositive().doubleValue())
        .trailingStopPositiveOffset(
            p.trailingStopPositiveOffset() == null
                ? 0.0
                : p.trailingStopPositiveOffset().doubleValue())
        .trailingOnlyOffsetIsReached(p.trailingOnlyOffsetIsReached())
        .useExitSignal(false)
        .build();
  }

  public static String toJson(io.tradingsuite.contracts.ExitPlan p) {
    try {
      return MessageCodec.instance().mapper().writeValueAsString(p);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("exit plan cannot be written: " + e.getMessage(), e);
    }
  }

  public static io.tradingsuite.contracts.ExitPlan fromJson(String json) {
    try {
      return MessageCodec.instance()
          .mapper()
          .readValue(json, io.tradingsuite.contracts.ExitPlan.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored exit plan unreadable: " + e.getMessage(), e);
    }
  }
}
