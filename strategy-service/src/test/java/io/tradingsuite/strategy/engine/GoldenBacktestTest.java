package io.tradingsuite.strategy.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.IndicatorCache;
import io.tradingsuite.strategy.api.StrategyParams;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Golden test: a deterministic 3-pair random-walk data set through {@link MaCrossoverStrategy} with
 * fees, unlimited stake, 2 slots, trailing stop, ROI steps and protections. The expected output is
 * checked in; it is regenerated only with {@code -Dgolden.update=true} (review the diff before
 * committing it).
 */
class GoldenBacktestTest {

  static final String GOLDEN = "golden/ma-crossover-3pairs.json";

  static Map<String, CandleColumns> data() {
    Map<String, CandleColumns> out = new LinkedHashMap<>();
    Random rnd = new Random(20240101L);
    long t0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    String[] pairs = {"BTC/USDT", "ETH/USDT", "SOL/USDT"};
    double[] start = {42000, 2300, 100};
    for (int p = 0; p < pairs.length; p++) {
      int n = 1500;
      long[] t = new long[n];
      double[] o = new double[n];
      double[] h = new double[n];
      double[] l = new double[n];
      double[] c = new double[n];
      double[] v = new double[n];
      double price = start[p];
      for (int i = 0; i < n; i++) {
        double open = price;
        double close = open * (1 + rnd.nextGaussian() * 0.006 + 0.0001 * Math.sin(i / 60.0));
        double high = Math.max(open, close) * (1 + Math.abs(rnd.nextGaussian()) * 0.002);
        double low = Math.min(open, close) * (1 - Math.abs(rnd.nextGaussian()) * 0.002);
        // prices on a 0.01 tick, as exchanges deliver them
        t[i] = t0 + i * 300_000L;
        o[i] = Math.round(open * 100) / 100.0;
        c[i] = Math.round(close * 100) / 100.0;
        h[i] = Math.max(Math.round(high * 100) / 100.0, Math.max(o[i], c[i]));
        l[i] = Math.min(Math.round(low * 100) / 100.0, Math.min(o[i], c[i]));
        v[i] = Math.round(rnd.nextDouble() * 1000);
        price = close;
      }
      out.put(pairs[p], new CandleColumns(t, o, h, l, c, v));
    }
    return out;
  }

  static BacktestResult run() {
    MaCrossoverStrategy s = new MaCrossoverStrategy();
    StrategyParams params = s.resolveParams(Map.of("fast", 8, "slow", 21, "ma_type", "EMA"));
    ExitPlan plan =
        ExitPlan.builder()
            .stoploss(-0.03)
            .minimalRoi(RoiTable.of(0, 0.04, 60, 0.02, 180, 0.005))
            .trailingStop(true)
            .trailingStopPositive(0.01)
            .trailingStopPositiveOffset(0.02)
            .trailingOnlyOffsetIsReached(true)
            .build();
    BacktestConfig cfg =
        BacktestConfig.builder(s.settings())
            .exitPlan(plan)
            .stakeAmount(StakeAmount.UNLIMITED)
            .maxOpenTrades(2)
            .fee(0.001)
            .dryRunWallet(new BigDecimal("1000"))
            .enableProtections(true)
            .protections(
                List.of(
                    Map.of("method", "CooldownPeriod", "stop_duration_candles", 3),
                    Map.of(
                        "method",
                        "StoplossGuard",
                        "lookback_period_candles",
                        48,
                        "trade_limit",
                        3,
                        "stop_duration_candles",
                        12)))
            .build();
    return new StrategyBacktester()
        .run(s, params, cfg, data(), new IndicatorCache(s, 4), ProgressListener.NONE);
  }

  static String render(BacktestResult r) throws IOException {
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = om.createObjectNode();
    ArrayNode trades = root.putArray("trades");
    for (TradeResult t : r.trades()) {
      ObjectNode n = trades.addObject();
      n.put("pair", t.pair());
      n.put("open_date", t.openDate().toString());
      n.put("close_date", t.closeDate().toString());
      n.put("open_rate", t.openRate());
      n.put("close_rate", t.closeRate());
      n.put("amount", t.amount());
      n.put("stake_amount", t.stakeAmount());
      n.put("profit_ratio", t.profitRatio());
      n.put("profit_abs", t.profitAbs());
      n.put("exit_reason", t.exitReason());
    }
    BacktestSummary s = r.summary();
    ObjectNode sum = root.putObject("summary");
    sum.put("total_trades", s.totalTrades());
    sum.put("profit_total", s.profitTotal());
    sum.put("profit_total_abs", s.profitTotalAbs());
    sum.put("max_drawdown_account", s.maxDrawdownAccount());
    sum.put("wins", s.wins());
    sum.put("draws", s.draws());
    sum.put("losses", s.losses());
    sum.put("sharpe", s.sharpe());
    sum.put("sortino", s.sortino());
    sum.put("calmar", s.calmar());
    sum.put("cagr", s.cagr());
    sum.put("rejected_signals", s.rejectedSignals());
    ArrayNode locks = root.putArray("locks");
    r.locks()
        .forEach(
            l ->
                locks
                    .addObject()
                    .put("pair", l.pair())
                    .put("from", Instant.ofEpochMilli(l.lockTime()).toString())
                    .put("until", Instant.ofEpochMilli(l.lockEndTime()).toString()));
    ArrayNode reasons = root.putArray("exit_reason_summary");
    r.exitReasonSummary()
        .forEach(
            row ->
                reasons
                    .addObject()
                    .put("key", row.key())
                    .put("trades", row.trades())
                    .put("profit_total_abs", row.profitTotalAbs()));
    return om.writeValueAsString(root) + "\n";
  }

  @Test
  void matchesTheCheckedInGoldenResult() throws IOException {
    String actual = render(run());
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources", GOLDEN);
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    String expected;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(GOLDEN)) {
      assertThat(in)
          .as("golden file " + GOLDEN + " (create it with -Dgolden.update=true)")
          .isNotNull();
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void isDeterministicAndExercisesEveryExitKind() {
    BacktestResult a = run();
    BacktestResult b = run();
    assertThat(a.trades()).isEqualTo(b.trades());
    assertThat(a.trades()).extracting(TradeResult::exitReason).contains("roi", "exit_signal");
    assertThat(a.trades().size()).isGreaterThan(10);
  }
}
