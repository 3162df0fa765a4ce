package io.tradingsuite.execution.config;

import io.tradingsuite.contracts.TradingMode;
import io.tradingsuite.execution.engine.Database;
import io.tradingsuite.execution.engine.EngineSettings;
import io.tradingsuite.execution.engine.ExecutionEngine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Builds the plain-Java engine from the configuration; refuses live mode unless it is fully
 * confirmed.
 */
@ApplicationScoped
public class EngineProducer {

  @Produces
  @Singleton
  EngineSettings settings(ExecutionConfig c) {
    LiveModeGuard.check(
        c.mode(),
        c.liveConfirmed(),
        c.exchange(),
        c.live().apiKey().orElse(null),
        c.live().secret().orElse(null));
    TradingMode mode = TradingMode.valueOf(c.mode().trim().toUpperCase(Locale.ROOT));
    if (mode == TradingMode.LIVE) {
      // The XChange gateway (orders with client id, polling, cancel, reason codes, rate limit) is
      // done and
      // tested; routing live fills back into trades is not. Placing real orders whose fills would
      // not be
      // booked is worse than not starting, so live mode stops here, saying why.
      throw new IllegalStateException(
          "execution-service refuses to start: live mode is confirmed, but live order "
              + "routing (fill polling into trades) is not complete in this build; run TRADING_MODE=paper");
    }
    // paper mode serves every configured exchange; live mode (refused above) trades c.exchange()
    Set<String> exchanges = new HashSet<>(c.exchanges());
    return new EngineSettings(
        mode,
        exchanges,
        c.stakeCurrency().toUpperCase(Locale.ROOT),
        c.dryRunWallet(),
        c.fee(),
        c.slippage(),
        new HashSet<>(c.pairs().orElse(List.of())));
  }

  @Produces
  @Singleton
  ExecutionEngine engine(EngineSettings settings, DataSource dataSource) {
    return new ExecutionEngine(new Database(dataSource), settings, Clock.systemUTC());
  }
}
