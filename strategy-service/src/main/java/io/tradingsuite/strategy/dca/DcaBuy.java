package io.tradingsuite.strategy.dca;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One entry of a plan's history: a buy (its signal, risk's decision on it, the fill) or a run of
 * missed due times. {@code id} is the buy's signal id (for a missed run: the id the first missed
 * buy would have had).
 *
 * @param sendState {@code sending} (stored, not yet acknowledged by the broker), {@code sent}, or
 *     {@code missed}
 * @param decision null until risk-service decided: {@code approved} or {@code denied}
 * @param fillStatus null until execution-service reported: {@code filled}, {@code
 *     partially_filled}, {@code rejected}, {@code canceled}
 */
public record DcaBuy(
    String id,
    String planId,
    Instant dueAt,
    String sendState,
    Instant missedUntil,
    Long missedCount,
    BigDecimal stakeAmount,
    BigDecimal multiplier,
    BigDecimal price,
    String note,
    String decision,
    String rule,
    List<String> reasons,
    String decisionId,
    String tradeId,
    String fillStatus,
    BigDecimal fillPrice,
    BigDecimal fillAmount,
    BigDecimal fillFee,
    Instant reportedAt,
    Instant createdAt,
    Instant updatedAt) {

  public static final String SENDING = "sending";
  public static final String SENT = "sent";
  public static final String MISSED = "missed";
  public static final String APPROVED = "approved";
  public static final String DENIED = "denied";

  public DcaBuy {
    reasons = reasons == null ? List.of() : List.copyOf(reasons);
  }

  /**
   * The one word for the history: the furthest the buy got — {@code filled}/{@code rejected}/...
   * from the fill, else {@code approved}/{@code denied} from risk, else the send state.
   */
  public String status() {
    if (fillStatus != null) {
      return fillStatus;
    }
    if (decision != null) {
      return decision;
    }
    return sendState;
  }

  /** Operators are told about missed due times and denied buys (once each). */
  public boolean needsReport() {
    return reportedAt == null
        && (DENIED.equals(decision) || (MISSED.equals(sendState) && decision == null));
  }
}
