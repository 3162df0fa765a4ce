package io.tradingsuite.marketdata.candles;

import io.tradingsuite.contracts.Topics;
import io.tradingsuite.core.Timeframe;
import java.util.Locale;

/**
 * A stored series: exchange (lower case), pair (BASE/QUOTE, upper case) and timeframe. Normalised
 * the way {@link Topics#key} normalises, so the store and the topic key agree.
 */
public record MarketKey(String exchange, String pair, String timeframe) {

  public MarketKey {
    Topics.key(exchange, pair); // throws IllegalArgumentException naming the bad part
    exchange = exchange.toLowerCase(Locale.ROOT);
    pair = pair.toUpperCase(Locale.ROOT);
    Timeframe.parse(timeframe);
  }

  public Timeframe tf() {
    return Timeframe.parse(timeframe);
  }

  @Override
  public String toString() {
    return Topics.key(exchange, pair) + " " + timeframe;
  }
}
