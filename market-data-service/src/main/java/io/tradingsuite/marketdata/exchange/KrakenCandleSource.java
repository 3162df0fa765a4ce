package io.tradingsuite.marketdata.exchange;

import io.tradingsuite.core.Timeframe;
import io.tradingsuite.marketdata.candles.Ohlcv;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.knowm.xchange.ExchangeFactory;
import org.knowm.xchange.ExchangeSpecification;
import org.knowm.xchange.currency.CurrencyPair;
import org.knowm.xchange.kraken.KrakenExchange;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLC;
import org.knowm.xchange.kraken.dto.marketdata.KrakenOHLCs;
import org.knowm.xchange.kraken.service.KrakenMarketDataService;

/**
 * Kraken OHLC through XChange's raw {@code getKrakenOHLC(pair, minutes, since)}. Remote init stays
 * on (it fills the pair-name maps, BTC/USD ↔ XXBTZUSD). Kraken returns at most 720 candles after
 * {@code since}; its last entry is the frame still forming and is dropped.
 */
public class KrakenCandleSource implements CandleSource {
  public static final int LIMIT = 720;
  private static final Set<Integer> MINUTES = Set.of(1, 5, 15, 30, 60, 240, 1440, 10080, 21600);

  private final KrakenMarketDataService md;

  public KrakenCandleSource(String baseUrl, int readTimeoutMs) {
    ExchangeSpecification spec = new ExchangeSpecification(KrakenExchange.class);
    if (baseUrl != null && !baseUrl.isBlank()) {
      spec.setSslUri(baseUrl);
    }
    spec.setHttpReadTimeout(readTimeoutMs);
    this.md =
        (KrakenMarketDataService)
            ExchangeFactory.INSTANCE.createExchange(spec).getMarketDataService();
  }

  @Override
  public String exchange() {
    return "kraken";
  }

  @Override
  public int pageLimit() {
    return LIMIT;
  }

  @Override
  public List<Ohlcv> closedCandles(String pair, Timeframe timeframe, long fromMs) throws Exception {
    if (!MINUTES.contains(timeframe.minutes())) {
      throw new IllegalArgumentException("Kraken has no " + timeframe + " OHLC");
    }
    // since is exclusive on Kraken: ask from one second before the first wanted open time
    KrakenOHLCs page =
        md.getKrakenOHLC(
            new CurrencyPair(pair), timeframe.minutes(), Math.floorDiv(fromMs, 1000) - 1);
    List<KrakenOHLC> rows = page.getOHLCs();
    List<Ohlcv> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size() - 1; i++) { // the last one is not committed yet
      KrakenOHLC k = rows.get(i);
      long t = k.getTime() * 1000;
      if (t >= fromMs) {
        out.add(new Ohlcv(t, k.getOpen(), k.getHigh(), k.getLow(), k.getClose(), k.getVolume()));
      }
    }
    return out;
  }
}
