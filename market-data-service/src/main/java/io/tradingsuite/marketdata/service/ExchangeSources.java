package io.tradingsuite.marketdata.service;

import io.tradingsuite.marketdata.exchange.BinanceCandleSource;
import io.tradingsuite.marketdata.exchange.CandleSource;
import io.tradingsuite.marketdata.exchange.KrakenCandleSource;
import io.tradingsuite.support.http.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * XChange-backed candle sources, one per exchange, built on first use with the configured base URL.
 */
@ApplicationScoped
public class ExchangeSources {
  public static final List<String> SUPPORTED = List.of("binance", "kraken");

  @ConfigProperty(name = "market-data.exchange.binance.base-url")
  Optional<String> binanceUrl;

  @ConfigProperty(name = "market-data.exchange.kraken.base-url")
  Optional<String> krakenUrl;

  @ConfigProperty(name = "market-data.exchange.read-timeout-ms", defaultValue = "10000")
  int readTimeoutMs;

  @Inject MarketClock clock;

  private final Map<String, CandleSource> sources = new ConcurrentHashMap<>();

  public CandleSource get(String exchange) {
    if (exchange == null || !SUPPORTED.contains(exchange)) {
      throw ProblemException.badRequest(
          "exchange", "one of " + SUPPORTED + " (was \"" + exchange + "\")");
    }
    return sources.computeIfAbsent(
        exchange,
        name ->
            switch (name) {
              case "binance" ->
                  new BinanceCandleSource(binanceUrl.orElse(null), readTimeoutMs, clock::millis);
              default -> new KrakenCandleSource(krakenUrl.orElse(null), readTimeoutMs);
            });
  }
}
