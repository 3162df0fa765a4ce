package io.tradingsuite.execution.live;

import io.tradingsuite.execution.engine.Rows.OrderRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Where live orders go after they are persisted. Live mode does not start in this build (see
 * EngineProducer), so nothing reaches here; the exchange side is {@link XChangeGateway}.
 */
@ApplicationScoped
public class LiveDispatcher {
  public void send(List<OrderRow> orders) {
    if (!orders.isEmpty()) {
      throw new IllegalStateException(
          "live order routing is not complete; the service must not run live");
    }
  }

  public void reconcile() {}
}
