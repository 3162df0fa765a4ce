package io.tradingsuite.marketdata.service;

import io.agroal.api.AgroalDataSource;
import io.tradingsuite.marketdata.candles.CandleQueries;
import io.tradingsuite.marketdata.candles.CandleStore;
import io.tradingsuite.marketdata.importing.CandleImporter;
import io.tradingsuite.marketdata.replay.ReplayStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java cores to the service's datasource. */
@ApplicationScoped
public class MarketDataBeans {

  @Produces
  @Singleton
  CandleStore candleStore(AgroalDataSource dataSource) {
    return new CandleStore(dataSource);
  }

  @Produces
  @Singleton
  CandleQueries candleQueries(CandleStore store) {
    return new CandleQueries(store);
  }

  @Produces
  @Singleton
  ReplayStore replayStore(AgroalDataSource dataSource) {
    return new ReplayStore(dataSource);
  }

  @Produces
  @Singleton
  CandleImporter candleImporter(CandleStore store) {
    return new CandleImporter(store);
  }
}
