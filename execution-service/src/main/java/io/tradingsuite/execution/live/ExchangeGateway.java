package io.tradingsuite.execution.live;

import io.tradingsuite.contracts.OrderSide;
import java.math.BigDecimal;

/**
 * What execution-service needs from an exchange. Plain Java; {@link XChangeGateway} is the
 * implementation.
 */
public interface ExchangeGateway {

  /**
   * An order to place.
   *
   * @param limitPrice null for a market order
   */
  record PlaceRequest(
      String clientOrderId,
      String pair,
      OrderSide side,
      BigDecimal amount,
      BigDecimal limitPrice) {}

  /**
   * An order as the exchange reports it.
   *
   * @param status new, partially_filled, filled, canceled, rejected, expired, unknown
   */
  record Report(
      String exchangeOrderId,
      String clientOrderId,
      String status,
      BigDecimal filledAmount,
      BigDecimal averagePrice,
      BigDecimal fee) {}

  /** Places the order; returns the exchange's order id. */
  String place(PlaceRequest request) throws GatewayException;

  Report query(String pair, String exchangeOrderId) throws GatewayException;

  boolean cancel(String pair, String exchangeOrderId) throws GatewayException;

  /**
   * A refused or failed exchange call, as a reason code. {@code outcomeUnknown} is true when the
   * request may have reached the exchange (a timeout): the order is then UNKNOWN and resolved by
   * reconciliation, never taken as a failure.
   */
  final class GatewayException extends Exception {
    private final String code;
    private final boolean outcomeUnknown;
    private final boolean retryable;

    public GatewayException(
        String code, boolean outcomeUnknown, boolean retryable, String message, Throwable cause) {
      super(code + ": " + message, cause);
      this.code = code;
      this.outcomeUnknown = outcomeUnknown;
      this.retryable = retryable;
    }

    public String code() {
      return code;
    }

    public boolean outcomeUnknown() {
      return outcomeUnknown;
    }

    public boolean retryable() {
      return retryable;
    }
  }
}
