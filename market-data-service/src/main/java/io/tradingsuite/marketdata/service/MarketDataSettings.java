package io.tradingsuite.marketdata.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's own knobs (see docs/MARKET-DATA.md). */
@ApplicationScoped
public class MarketDataSettings {
  @ConfigProperty(name = "suite.offline", defaultValue = "false")
  String offline;

  @ConfigProperty(name = "market-data.offline.replay", defaultValue = "true")
  boolean offlineReplay;

  @ConfigProperty(name = "market-data.offline.replay-speed", defaultValue = "600")
  double offlineReplaySpeed;

  /**
   * {@code SUITE_OFFLINE=1} (what {@code ./suite up --offline} sets), {@code true} or {@code yes}.
   */
  public boolean offline() {
    String v = offline == null ? "" : offline.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
  }

  public boolean offlineReplay() {
    return offlineReplay;
  }

  public double offlineReplaySpeed() {
    return offlineReplaySpeed;
  }
}
