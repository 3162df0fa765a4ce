package io.tradingsuite.e2e.harness;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trading set-up both end-to-end tests run: a unique exchange name per run (served by the paper
 * venue, traded by the bots, replayed by market-data), live bots of {@code MaCrossoverStrategy}
 * with different exit plans on disjoint pairs, and the risk and wallet knobs that make the replay
 * comparable with a backtest. The same bot definitions become the backtest requests, so both sides
 * run the same strategy, parameters and exit plan.
 */
public final class Scenario {
  public static final BigDecimal WALLET = new BigDecimal("10000");
  public static final BigDecimal STAKE = new BigDecimal("100");
  public static final BigDecimal FEE = new BigDecimal("0.001");
  public static final String STAKE_CURRENCY = "USDT";

  /** One live bot: its name, strategy parameters, pairs and exit plan (snake_case keys). */
  public record Bot(
      String name, Map<String, Object> params, List<String> pairs, Map<String, Object> exits) {
    /** The bot as an element of {@code suite.bots}. */
    Map<String, Object> config(String exchange) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("strategy", "MaCrossoverStrategy");
      m.put("params", params);
      m.put("exchange", exchange);
      m.put("pairs", pairs);
      m.put("timeframe", "5m");
      m.put("stake_amount", STAKE);
      m.putAll(exits);
      return m;
    }

    /** The backtest of this bot over the stored candles of its pairs (POST /backtests body). */
    public Map<String, Object> backtestRequest(String exchange) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("strategy", "MaCrossoverStrategy");
      m.put("params", params);
      m.put("exchange", exchange);
      m.put("pairs", pairs);
      m.put("timeframe", "5m");
      m.put("stake_amount", STAKE);
      m.put("dry_run_wallet", WALLET);
      m.put("max_open_trades", pairs.size()); // one trade per pair at most, as the bot
      m.put("fee", FEE);
      m.put("use_exit_signal", true);
      m.put("enable_protections", false);
      m.putAll(exits);
      return m;
    }
  }

  private final String exchange;
  private final List<Bot> bots;

  public Scenario(String label, List<Bot> bots) {
    byte[] b = new byte[3];
    ThreadLocalRandom.current().nextBytes(b);
    this.exchange = "e2e-" + label + "-" + HexFormat.of().formatHex(b);
    this.bots = List.copyOf(bots);
  }

  /** Two bots: exit signals with ROI steps and a stoploss; and a trailing stop. */
  public static Scenario standard(String label, List<String> pairs) {
    int half = pairs.size() / 2;
    Map<String, Object> roi = new LinkedHashMap<>();
    roi.put("0", new BigDecimal("0.03"));
    roi.put("40", new BigDecimal("0.015"));
    roi.put("120", new BigDecimal("0.005"));
    Map<String, Object> signalExits = new LinkedHashMap<>();
    signalExits.put("minimal_roi", roi);
    signalExits.put("stoploss", new BigDecimal("-0.025"));
    Map<String, Object> trailing = new LinkedHashMap<>();
    trailing.put("minimal_roi", Map.of("0", new BigDecimal("0.08")));
    trailing.put("stoploss", new BigDecimal("-0.04"));
    trailing.put("trailing_stop", true);
    trailing.put("trailing_stop_positive", new BigDecimal("0.01"));
    trailing.put("trailing_stop_positive_offset", new BigDecimal("0.02"));
    trailing.put("trailing_only_offset_is_reached", true);
    return new Scenario(
        label,
        List.of(
            new Bot(
                "ma-signal-roi",
                Map.of("fast", 8, "slow", 21),
                pairs.subList(0, half),
                signalExits),
            new Bot(
                "ma-trailing",
                Map.of("fast", 10, "slow", 30),
                pairs.subList(half, pairs.size()),
                trailing)));
  }

  public String exchange() {
    return exchange;
  }

  public List<Bot> bots() {
    return bots;
  }

  public List<String> pairs() {
    List<String> all = new ArrayList<>();
    bots.forEach(b -> all.addAll(b.pairs()));
    return all;
  }

  /**
   * The suite for this scenario: market-data, strategy (these bots), risk (limits that do not bind
   * in a compressed replay), execution (paper venue serving only this exchange) and registry.
   */
  public Suite.Builder suite(String testName) {
    List<Map<String, Object>> cfg = new ArrayList<>();
    bots.forEach(b -> cfg.add(b.config(exchange)));
    String botsJson;
    try {
      botsJson = Http.JSON.writeValueAsString(cfg);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    int pairs = pairs().size();
    return Suite.builder(testName)
        .services(
            ServiceName.MARKET_DATA,
            ServiceName.STRATEGY,
            ServiceName.RISK,
            ServiceName.EXECUTION,
            ServiceName.REGISTRY)
        .config(ServiceName.STRATEGY, "suite.bots", botsJson)
        .config(ServiceName.STRATEGY, "suite.backtest.default-exchange", exchange)
        .config(ServiceName.EXECUTION, "execution.exchanges", exchange)
        .config(ServiceName.EXECUTION, "execution.dry-run-wallet", WALLET.toPlainString())
        .config(ServiceName.EXECUTION, "execution.fee", FEE.toPlainString())
        .config(ServiceName.EXECUTION, "execution.stake-currency", STAKE_CURRENCY)
        .config(ServiceName.RISK, "risk.starting-equity", WALLET.toPlainString())
        .config(ServiceName.RISK, "risk.live-max-concurrent-trades", String.valueOf(pairs))
        // the rate limit counts wall-clock minutes: a replay puts hours of orders into one minute
        .config(ServiceName.RISK, "risk.max-orders-per-minute", "0");
  }

  /** Starts a replay of the whole set through market-data's REST API; returns its id. */
  public String replay(Suite suite, CandleSet set, String speed) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("exchange", exchange);
    body.put("pairs", set.pairs());
    body.put("timeframe", set.timeframe());
    body.put("speed", speed);
    JsonNode r =
        suite
            .http()
            .post(suite.api(ServiceName.MARKET_DATA, "/replays"), body)
            .expect(202, "replay")
            .body();
    return r.path("id").asText();
  }

  /** The replay's view (status, published, total). */
  public static JsonNode replayState(Suite suite, String id) {
    return suite.getJson(ServiceName.MARKET_DATA, "/replays/" + id);
  }

  /** Runs one bot's backtest through strategy-service's REST API and returns its trades. */
  public List<TradeComparison.Trade> backtest(Suite suite, Bot bot) {
    List<TradeComparison.Trade> trades = new ArrayList<>();
    for (JsonNode t : backtestRun(suite, bot).path("result").path("trades")) {
      trades.add(TradeComparison.Trade.fromBacktest(t));
    }
    return trades;
  }

  /** Runs one bot's backtest through strategy-service's REST API; its final view (done). */
  public JsonNode backtestRun(Suite suite, Bot bot) {
    JsonNode accepted =
        suite
            .http()
            .post(suite.api(ServiceName.STRATEGY, "/backtests"), bot.backtestRequest(exchange))
            .expect(202, "backtest of " + bot.name())
            .body();
    String id = accepted.path("id").asText();
    JsonNode[] view = new JsonNode[1];
    suite.await(
        "backtest " + id + " of " + bot.name(),
        Duration.ofMinutes(3),
        () -> {
          view[0] = suite.getJson(ServiceName.STRATEGY, "/backtests/" + id);
          String s = view[0].path("status").asText();
          if (s.equals("failed") || s.equals("refused")) {
            throw new AssertionError("backtest " + s + ": " + view[0]);
          }
          return s.equals("done");
        });
    return view[0];
  }

  /** Every trade execution-service booked for {@code pairs} (open and closed). */
  public static List<TradeComparison.Trade> replayTrades(Suite suite, List<String> pairs) {
    List<TradeComparison.Trade> out = new ArrayList<>();
    for (JsonNode t : suite.getJson(ServiceName.EXECUTION, "/trades?limit=10000")) {
      TradeComparison.Trade tr = TradeComparison.Trade.fromExecution(t);
      if (pairs.contains(tr.pair())) {
        out.add(tr);
      }
    }
    return out;
  }

  /** Waits until the bots have evaluated the last candle of every pair. */
  public void awaitBotsAt(Suite suite, Instant last, Duration timeout) {
    suite.await(
        "the bots to evaluate the last candle " + last,
        timeout,
        () -> {
          for (JsonNode bot : suite.getJson(ServiceName.STRATEGY, "/bots")) {
            for (JsonNode m : bot.path("markets")) {
              JsonNode at = m.path("last_candle");
              if (!at.isTextual() || !Instant.parse(at.asText()).equals(last)) {
                return false;
              }
            }
          }
          return true;
        });
  }
}
