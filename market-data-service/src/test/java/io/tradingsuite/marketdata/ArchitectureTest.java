package io.tradingsuite.marketdata;

import io.tradingsuite.testing.ServiceArchitectureContract;

class ArchitectureTest extends ServiceArchitectureContract {
  @Override
  protected String service() {
    return "marketdata";
  }

  @Override
  protected String[] corePackages() {
    return new String[] {
      "io.tradingsuite.marketdata.candles..",
      "io.tradingsuite.marketdata.importing..",
      "io.tradingsuite.marketdata.replay..",
      "io.tradingsuite.marketdata.exchange..",
      "io.tradingsuite.marketdata.sample.."
    };
  }
}
