package io.tradingsuite.marketdata.service;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The wall clock the exchange sources (is a candle closed yet?) and the live feed (where does a
 * fresh series start?) read: one bean, so a test can move time instead of waiting for it.
 */
@ApplicationScoped
public class MarketClock {

  /** Now, in epoch milliseconds. */
  public long millis() {
    return System.currentTimeMillis();
  }
}
