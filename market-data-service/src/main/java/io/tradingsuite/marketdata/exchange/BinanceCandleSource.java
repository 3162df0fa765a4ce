package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.binance.BinanceExchange;
import org.knowm.xchange.binance.dto.marketdata.BinanceKline;
import org.knowm.xchange.binance.dto.marketdata.KlineInterval;
import org.knowm.xchange.binance.service.BinanceMarketDataService;
import org.knowm.xchange.currency.CurrencyPair;

/**
 * Binance klines through XChange's raw {@code klines(pair, interval, limit, start, end)} (the
 * generic candlestick API is not implemented for Binance in 5.1.0). Remote metadata loading is off:
 * it would call a hard-coded futures host that ignores the base URL.
 */
public class BinanceCandleSource implements CandleSource {
  public static final int LIMIT = 1000;

  private final BinanceMarketDataService md;
  private final LongSupplier clock;

  public BinanceCandleSource(String baseUrl, int readTimeoutMs, LongSupplier clock) {
    ExchangeSpecification spec = new ExchangeSpecification(BinanceExchange.class);
    if (baseUrl != null && !baseUrl.isBlank()) {
      spec.setSslUri(baseUrl);
    }
    spec.setShouldLoadRemoteMetaData(false);
    spec.setHttpReadTimeout(readTimeoutMs);
    this.md =
        (BinanceMarketDataService)
            ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
    this.clock = clock;
  }

  @Override
  public String exchange() {
    return "binance";
  }

  @Override
  public int pageLimit() {
    return LIMIT;
  }

  @Override
  public List<Ohlcv> closedCandles(String pair, Timeframe timeframe, long fromMs) throws Exception {
    KlineInterval interval = interval(timeframe);
    List<BinanceKline> klines = md.klines(new CurrencyPair(pair), interval, LIMIT, fromMs, null);
    long now = clock.getAsLong();
    List<Ohlcv> out = new ArrayList<>(klines.size());
    for (BinanceKline k : klines) {
      // the last kline is the one still forming until its close time has passed
      if (k.getOpenTime() >= fromMs && k.getCloseTime() < now) {
        out.add(
            new Ohlcv(
                k.getOpenTime(),
                k.getOpen(),
                k.getHigh(),
                k.getLow(),
                k.getClose(),
                k.getVolume()));
      }
    }
    return out;
  }

  static KlineInterval interval(Timeframe tf) {
    for (KlineInterval k : KlineInterval.values()) {
      if (k.code().equals(tf.name())) {
        return k;
      }
    }
    throw new IllegalArgumentException("Binance has no " + tf + " klines");
  }
}
