package io.tradingsuite.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The market a backtest or hyperopt runs on: one set of options for both commands (a mixin). */
public class MarketOptions {
  @Option(
      names = "--pairs",
      split = ",",
      arity = "1..*",
      description = "Pairs, e.g. BTC/USDT ETH/USDT.")
  public List<String> pairs = new ArrayList<>();

  @Option(
      names = {"--timeframe", "-i"},
      description = "Candle size, e.g. 5m (default: the strategy's).")
  public String timeframe;

  @Option(names = "--timerange", description = "YYYYMMDD-[YYYYMMDD], e.g. 20240101-.")
  public String timerange;

  @Option(
      names = "--exchange",
      description = "Exchange of the stored candles (default: the service's).")
  public String exchange;

  @Option(names = "--stake-amount", description = "Stake per trade or 'unlimited'.")
  public String stakeAmount;
}
