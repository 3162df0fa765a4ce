package io.tradingsuite.execution.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** execution-service's knobs (environment variables in application.properties). */
@ConfigMapping(prefix = "execution")
public interface ExecutionConfig {
  /** paper (default) or live. */
  @WithDefault("paper")
  String mode();

  @WithName("live-confirmed")
  @WithDefault("false")
  boolean liveConfirmed();

  /**
   * Exchanges this instance serves (paper); in live mode, the one exchange of {@link #exchange()}.
   */
  @WithDefault("binance,kraken")
  List<String> exchanges();

  /** The live exchange (binance or kraken). */
  @WithDefault("binance")
  String exchange();

  @WithName("stake-currency")
  @WithDefault("USDT")
  String stakeCurrency();

  @WithName("dry-run-wallet")
  @WithDefault("1000")
  BigDecimal dryRunWallet();

  @WithDefault("0.001")
  BigDecimal fee();

  @WithDefault("0")
  BigDecimal slippage();

  /** Optional allow-list of pairs. */
  Optional<List<String>> pairs();

  Live live();

  interface Live {
    @WithName("api-key")
    Optional<String> apiKey();

    Optional<String> secret();

    /** Overrides the exchange's REST base URL (tests point it at a local fake). */
    @WithName("base-url")
    Optional<String> baseUrl();

    /** Requests per second the gateway allows itself (below the exchange's own limit). */
    @WithName("requests-per-second")
    @WithDefault("5")
    double requestsPerSecond();

    @WithName("poll-interval")
    @WithDefault("2s")
    Duration pollInterval();

    @WithName("read-timeout")
    @WithDefault("5s")
    Duration readTimeout();
  }
}
