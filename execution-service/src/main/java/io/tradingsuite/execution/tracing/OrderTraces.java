package io.tradingsuite.execution.tracing;

import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace each order was placed under (its decision's), so that its fill — made when a later
 * candle arrives, under that candle's trace — continues the trace of the candle that caused the
 * signal. Kept in memory, bounded: after a restart a fill of an older order starts from its candle
 * and links nothing further back; traces are diagnostics, not state worth a database write.
 */
@ApplicationScoped
public class OrderTraces {
  static final int CAPACITY = 20_000;

  private final Map<String, Context> byId =
      new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Context> eldest) {
          return size() > CAPACITY;
        }
      };

  /** An order placed for a decision: its own id and the decision's both lead to the trace. */
  public synchronized void placed(String clientOrderId, String decisionId, Context context) {
    if (clientOrderId != null) {
      byId.put(clientOrderId, context);
    }
    if (decisionId != null) {
      byId.put(decisionId, context);
    }
  }

  /**
   * The trace a fill continues: its order's, else its decision's (a protective stop or take-profit
   * leg is booked under the entry's decision), else null (unknown: an older order).
   */
  public synchronized Context of(String clientOrderId, String decisionId) {
    Context c = clientOrderId == null ? null : byId.get(clientOrderId);
    if (c == null && decisionId != null) {
      c = byId.get(decisionId);
    }
    return c;
  }
}
