package io.tradingsuite.marketdata.exchange;

import org.knowm.xchange.exceptions.FrequencyLimitExceededException;
import org.knowm.xchange.exceptions.RateLimitExceededException;
import si.mazi.rescu.HttpStatusExceptionSupport;
import si.mazi.rescu.HttpStatusIOException;

/** Which XChange failures mean "too many requests, back off and retry". */
public final class RateLimits {
  private RateLimits() {}

  public static boolean isRateLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RateLimitExceededException || t instanceof FrequencyLimitExceededException) {
        return true;
      }
      // Binance's raw API: BinanceException with HTTP 429 (code -1003) or 418 (IP ban while backing
      // off)
      if (t instanceof HttpStatusExceptionSupport h
          && (h.getHttpStatusCode() == 429 || h.getHttpStatusCode() == 418)) {
        return true;
      }
      if (t instanceof HttpStatusIOException h
          && (h.getHttpStatusCode() == 429 || h.getHttpStatusCode() == 418)) {
        return true;
      }
    }
    return false;
  }
}
