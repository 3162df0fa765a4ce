package io.tradingsuite.execution.live;

import io.tradingsuite.execution.live.ExchangeGateway.GatewayException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.knowm.xchange.exceptions.CurrencyPairNotValidException;
import org.knowm.xchange.exceptions.ExchangeSecurityException;
import org.knowm.xchange.exceptions.ExchangeUnavailableException;
import org.knowm.xchange.exceptions.FrequencyLimitExceededException;
import org.knowm.xchange.exceptions.FundsExceededException;
import org.knowm.xchange.exceptions.InstrumentNotValidException;
import org.knowm.xchange.exceptions.InternalServerException;
import org.knowm.xchange.exceptions.MarketSuspendedException;
import org.knowm.xchange.exceptions.NonceException;
import org.knowm.xchange.exceptions.OperationTimeoutException;
import org.knowm.xchange.exceptions.OrderAmountUnderMinimumException;
import org.knowm.xchange.exceptions.OrderNotValidException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import org.knowm.xchange.exceptions.SystemOverloadException;
import si.mazi.rescu.HttpStatusIOException;

/**
 * XChange and transport exceptions as the reason codes a REJECTED fill or an UNKNOWN order carries.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  public static GatewayException map(Throwable e) {
    Throwable t = e;
    for (int i = 0; i < 5 && t.getCause() != null && !(t instanceof HttpStatusIOException); i++) {
      if (t instanceof SocketTimeoutException || t instanceof ConnectException) {
        break;
      }
      if (t.getCause() instanceof SocketTimeoutException
          || t.getCause() instanceof ConnectException
          || t.getCause() instanceof UnknownHostException) {
        t = t.getCause();
        break;
      }
      if (t instanceof RuntimeException
          && !(t instanceof org.knowm.xchange.exceptions.ExchangeException)) {
        t = t.getCause();
      } else {
        break;
      }
    }
    String msg = String.valueOf(t.getMessage());
    // a request that may have reached the exchange: outcome unknown, resolved by reconciliation
    if (t instanceof SocketTimeoutException
        || t instanceof OperationTimeoutException
        || t instanceof InterruptedIOException) {
      return new GatewayException("timeout", true, true, msg, e);
    }
    if (t instanceof ConnectException || t instanceof UnknownHostException) {
      return new GatewayException("exchange_unreachable", false, true, msg, e);
    }
    if (t instanceof RateLimitExceededException || t instanceof FrequencyLimitExceededException) {
      return new GatewayException("rate_limited", false, true, msg, e);
    }
    if (t instanceof FundsExceededException) {
      return new GatewayException("insufficient_funds", false, false, msg, e);
    }
    if (t instanceof OrderAmountUnderMinimumException) {
      return new GatewayException("amount_under_minimum", false, false, msg, e);
    }
    if (t instanceof OrderNotValidException) {
      return new GatewayException("order_not_valid", false, false, msg, e);
    }
    if (t instanceof CurrencyPairNotValidException || t instanceof InstrumentNotValidException) {
      return new GatewayException("unknown_pair", false, false, msg, e);
    }
    if (t instanceof MarketSuspendedException) {
      return new GatewayException("market_suspended", false, false, msg, e);
    }
    if (t instanceof NonceException) {
      return new GatewayException("nonce_rejected", false, true, msg, e);
    }
    if (t instanceof ExchangeSecurityException) {
      return new GatewayException(
          "auth_failed", false, false, "the exchange refused the API key", e);
    }
    if (t instanceof ExchangeUnavailableException || t instanceof SystemOverloadException) {
      return new GatewayException("exchange_unavailable", false, true, msg, e);
    }
    if (t instanceof InternalServerException) {
      return new GatewayException("exchange_error", true, true, msg, e);
    }
    if (t instanceof HttpStatusIOException h) {
      int status = h.getHttpStatusCode();
      if (status == 429 || status == 418) {
        return new GatewayException("rate_limited", false, true, "HTTP " + status, e);
      }
      return new GatewayException(
          status >= 500 ? "exchange_error" : "http_" + status,
          status >= 500,
          status >= 500,
          "HTTP " + status,
          e);
    }
    if (t instanceof java.io.IOException) {
      return new GatewayException("io_error", true, true, msg, e);
    }
    return new GatewayException(
        "exchange_error", false, false, t.getClass().getSimpleName() + ": " + msg, e);
  }
}
