package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.SignalColumns;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestEngine;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.PairData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hyperopt output shortcuts write exactly what the plain Jackson rendering writes: {@link
 * ResultsJson#toJson} against {@code writeValueAsString} of the metrics map, the {@code .fthypt}
 * line against the line rendered in one piece, and the hand-made ISO dates against the formatter.
 */
class ResultsJsonTest {

  @TempDir Path dir;

  @Test
  void streamedMetricsAreTheMapperRenderingOfTheMetricsMap() throws Exception {
    SearchSpace space = HyperoptFixtures.space(List.of("buy", "roi", "stoploss", "trailing"));
    EpochEvaluator evaluator =
        new EpochEvaluator(
            HyperoptFixtures.MA, HyperoptFixtures.config(), HyperoptFixtures.CANDLES, 64);
    Sampler sampler = Sampler.Kind.RANDOM.create(space.dimensions(), 77);
    int trades = 0;
    for (Map<String, Object> point : sampler.ask(0, 25, List.of())) {
      SearchSpace.Assignment a = space.decode(point);
      BacktestResult r = evaluator.evaluate(a);
      Map<String, Object> m = ResultsJson.metrics("MaCrossoverStrategy", evaluator.configFor(a), r);
      Map<String, Object> materialized = new java.util.LinkedHashMap<>(m);
      materialized.put("trades", new ArrayList<>((List<?>) m.get("trades")));
      assertThat(ResultsJson.toJson(m)).isEqualTo(FthyptFile.JSON.writeValueAsString(materialized));
      trades += r.trades().size();
    }
    assertThat(trades).isGreaterThan(100);
  }

  @Test
  void streamedTradesEscapeNamesAndTagsLikeTheMapper() throws Exception {
    // printable ASCII with escapes (the byte writer) and beyond ASCII (the generator)
    assertEscapedLikeTheMapper(
        "BTC/USDT", "q\"uote\\ tab\t nl\n cr\r bs\b ff\f \u0001\u001f \u007f /");
    assertEscapedLikeTheMapper(
        "\u00c4\u00d6/USDT \"x\"", "q\"uote\\ \u00e9t\u00e9 \u2028 \u0001 \ud83d\ude00");
  }

  private void assertEscapedLikeTheMapper(String pair, String tag) throws Exception {
    int n = 60;
    long t0 = Instant.parse("2023-12-31T23:00:00Z").toEpochMilli();
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    boolean[] en = new boolean[n];
    boolean[] ex = new boolean[n];
    String[] tags = new String[n];
    Random rnd = new Random(5);
    for (int i = 0; i < n; i++) {
      t[i] = t0 + i * 3_600_000L;
      o[i] = 100 + rnd.nextInt(1000) / 100.0;
      c[i] = 100 + rnd.nextInt(1000) / 100.0;
      h[i] = Math.max(o[i], c[i]) + 0.5;
      l[i] = Math.min(o[i], c[i]) - 0.5;
      v[i] = 1;
      en[i] = i % 5 == 1;
      ex[i] = i % 5 == 3;
      tags[i] = i % 10 == 1 ? tag : null;
    }
    ExitPlan plan = ExitPlan.builder().stoploss(-0.05).minimalRoi(RoiTable.of(0, 0.5)).build();
    BacktestConfig cfg =
        BacktestConfig.builder(io.tradingsuite.core.Timeframe.parse("1h"), plan)
            .stakeAmount(
                io.tradingsuite.strategy.engine.StakeAmount.of(new java.math.BigDecimal("100")))
            .fee(0.00075)
            .build();
    BacktestResult r =
        new BacktestEngine()
            .run(
                cfg,
                List.of(
                    new PairData(
                        pair,
                        new CandleColumns(t, o, h, l, c, v),
                        new SignalColumns(en, ex, tags))));
    assertThat(r.trades()).hasSizeGreaterThan(5);
    Map<String, Object> m = ResultsJson.metrics("S", cfg, r);
    assertThat(ResultsJson.toJson(m)).isEqualTo(FthyptFile.JSON.writeValueAsString(m));
  }

  @Test
  void appendedLineIsTheOnePieceRendering() throws Exception {
    SearchSpace space = HyperoptFixtures.space(List.of("buy", "stoploss"));
    EpochScorer scorer = HyperoptFixtures.scorer(space, HyperoptLoss.SharpeHyperOptLoss);
    Map<String, Object> point =
        Sampler.Kind.RANDOM.create(space.dimensions(), 3).ask(0, 1, List.of()).get(0);
    EpochScorer.Scored s = scorer.score(point);
    EpochResult r =
        new EpochResult(
            7,
            s.assignment().paramsDict(),
            s.assignment().paramsDetails(),
            s.assignment().paramsNotOptimized(),
            s.loss(),
            s.metrics(),
            "expl \u00e9 \"x\" \ud83d\ude00",
            s.totalProfit(),
            false,
            false,
            true,
            s.metricsJson());
    Path file = dir.resolve("a.fthypt");
    try (FthyptFile f = FthyptFile.openForAppend(file)) {
      f.append(r);
      f.append(r.withBest(false));
    }
    String expected =
        FthyptFile.JSON.writeValueAsString(r.toJson())
            + "\n"
            + FthyptFile.JSON.writeValueAsString(r.withBest(false).toJson())
            + "\n";
    assertThat(new String(Files.readAllBytes(file), StandardCharsets.UTF_8)).isEqualTo(expected);
    assertThat(FthyptFile.read(file)).hasSize(2);
  }

  @Test
  void isoDatesMatchTheFormatter() {
    DateTimeFormatter f =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx").withZone(ZoneOffset.UTC);
    Random rnd = new Random(9);
    List<Instant> cases =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("9999-12-31T23:59:59Z"),
                Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("2000-01-01T00:00:00Z")));
    for (int i = 0; i < 5000; i++) {
      cases.add(Instant.ofEpochMilli(rnd.nextLong() % 253_402_300_800_000L));
    }
    for (Instant t : cases) {
      assertThat(ResultsJson.iso(t)).as(t.toString()).isEqualTo(f.format(t).replace(' ', 'T'));
    }
  }
}
