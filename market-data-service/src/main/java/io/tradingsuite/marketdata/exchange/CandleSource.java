package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.List;

/** Closed candles from one exchange, a page at a time. */
public interface CandleSource {

  /** Exchange id as stored and keyed ({@code binance}, {@code kraken}). */
  String exchange();

  /** Most candles one request may return. */
  int pageLimit();

  /**
   * Closed candles with {@code open_time >= fromMs}, ascending, at most {@link #pageLimit()}; fewer
   * (or none) when the exchange has no more yet.
   *
   * @throws Exception as XChange throws it; {@link RateLimits#isRateLimit} tells which mean "slow
   *     down"
   */
  List<Ohlcv> closedCandles(String pair, Timeframe timeframe, long fromMs) throws Exception;
}
