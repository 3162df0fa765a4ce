package io.tradingsuite.strategy.hyperopt.bench;

import io.tradingsuite.strategy.api.CandleColumns;
import io.tradingsuite.strategy.api.Strategy;
import io.tradingsuite.strategy.builtin.MaCrossoverStrategy;
import io.tradingsuite.strategy.engine.BacktestConfig;
import io.tradingsuite.strategy.engine.BacktestResult;
import io.tradingsuite.strategy.engine.StakeAmount;
import io.tradingsuite.strategy.engine.StrategyBacktester;
import io.tradingsuite.strategy.hyperopt.EpochEvaluator;
import io.tradingsuite.strategy.hyperopt.EpochScorer;
import io.tradingsuite.strategy.hyperopt.HyperoptLoss;
import io.tradingsuite.strategy.hyperopt.HyperoptRunner;
import io.tradingsuite.strategy.hyperopt.HyperoptSettings;
import io.tradingsuite.strategy.hyperopt.HyperoptSpace;
import io.tradingsuite.strategy.hyperopt.LocalBatchExecutor;
import io.tradingsuite.strategy.hyperopt.LossInput;
import io.tradingsuite.strategy.hyperopt.ResultsJson;
import io.tradingsuite.strategy.hyperopt.Sampler;
import io.tradingsuite.strategy.hyperopt.SearchSpace;
import io.tradingsuite.strategy.hyperopt.SyntheticCandles;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hyperopt benchmark (run by {@code bench/hyperopt/run.sh}): MaCrossoverStrategy, one pair, one
 * year of 5m candles generated deterministically.
 *
 * <ol>
 *   <li>epochs/s of a 500-epoch TPE search on all cores (file writing included), after three
 *       untimed warm-up searches, as wall clock and per CPU-second of the whole process; against
 *       the same epochs evaluated one by one through the plain backtest path ({@link
 *       StrategyBacktester}, no cache, one thread), (a) the backtest alone and (b) with the epoch's
 *       loss and {@code results_metrics} rendered the plain way;
 *   <li>TPE vs random search: best loss after N epochs, same seeds.
 * </ol>
 *
 * The load average is printed with the figures: the machine is shared, read the ratios. Arguments:
 * {@code [epochs=500] [seeds=5] [qualityEpochs=200]}.
 */
public final class HyperoptBench {

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 500;
    int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int qualityEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
    int cores = Runtime.getRuntime().availableProcessors();
    Strategy strategy = new MaCrossoverStrategy();
    CandleColumns frame = SyntheticCandles.oneYear5m(7);
    Map<String, CandleColumns> candles = new LinkedHashMap<>();
    candles.put("BTC/USDT", frame);
    BacktestConfig cfg =
        BacktestConfig.builder(strategy.settings())
            .stakeAmount(StakeAmount.of(new BigDecimal("100")))
            .dryRunWallet(new BigDecimal("1000"))
            .maxOpenTrades(1)
            .fee(0.001)
            .build();
    Set<HyperoptSpace> spaces = HyperoptSpace.parse(List.of("buy", "roi", "stoploss", "trailing"));
    System.out.printf(
        Locale.ROOT,
        "hyperopt bench: %s, 1 pair, %d 5m candles, %d cores, spaces %s, " + "load average %s%n",
        strategy.name(),
        frame.size(),
        cores,
        spaces,
        io.tradingsuite.strategy.bench.BacktestBench.loadAverage());

    // warm-up (JIT) with other seeds: the compiler keeps recompiling the engine, the sampler and
    // the writers for
    // about 1,500 epochs (seconds of compiler CPU on this machine), so the timed run starts after
    // that
    int warmups = Integer.getInteger("bench.warmup-runs", 3);
    for (int w = 0; w < warmups; w++) {
      run(
          strategy,
          cfg,
          candles,
          spaces,
          epochs,
          cores,
          97 + w,
          Sampler.Kind.TPE,
          HyperoptLoss.SharpeHyperOptLoss);
    }
    System.out.printf(
        Locale.ROOT,
        "after %d warm-up runs of %d epochs (other seeds), load average %s%n",
        warmups,
        epochs,
        io.tradingsuite.strategy.bench.BacktestBench.loadAverage());

    long t0 = System.nanoTime();
    long c0 = processCpuNanos();
    RunStats fast =
        run(
            strategy,
            cfg,
            candles,
            spaces,
            epochs,
            cores,
            1,
            Sampler.Kind.TPE,
            HyperoptLoss.SharpeHyperOptLoss);
    double fastS = (System.nanoTime() - t0) / 1e9;
    double fastCpu = (processCpuNanos() - c0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "hyperopt path: %d epochs in %.2f s on %d threads = %.1f epochs/s "
            + "(best loss %.4f, %d distinct indicator sets)%n",
        epochs,
        fastS,
        cores,
        epochs / fastS,
        fast.bestLoss,
        fast.distinctIndicatorSets);
    System.out.printf(
        Locale.ROOT,
        "               process CPU %.2f s = %.2f ms per epoch = %.1f epochs per "
            + "CPU-second (all threads: workers, sampler, file, GC, JIT)%n",
        fastCpu,
        fastCpu * 1e3 / epochs,
        epochs / fastCpu);

    // baseline: the same epochs (same points) one by one through the plain backtest path
    SearchSpace space =
        SearchSpace.of(
            strategy,
            spaces,
            strategy.resolveParams(Map.of()),
            cfg.exitPlan(),
            cfg.timeframe().minutes(),
            null);
    StrategyBacktester plain = new StrategyBacktester();
    // every k-th point of the run, so the sample spans the random start-up and the TPE phase alike
    int stride = Math.max(1, epochs / 100);
    List<SearchSpace.Assignment> sample = new ArrayList<>();
    for (int i = 0; i < epochs; i += stride) {
      sample.add(space.decode(fast.points.get(i)));
    }
    // (a) the backtest alone; (b) what an epoch is: backtest, loss and the results_metrics text,
    // rendered the
    // plain way (the metrics map through the mapper)
    for (boolean whole : new boolean[] {false, true}) {
      long t1 = System.nanoTime();
      long c1 = processCpuNanos();
      for (SearchSpace.Assignment a : sample) {
        BacktestConfig epochCfg = cfg.toBuilder().exitPlan(a.exitPlan()).build();
        BacktestResult r = plain.run(strategy, a.strategyParams(), epochCfg, candles, null, null);
        if (whole) {
          HyperoptLoss.SharpeHyperOptLoss.loss(LossInput.of(r));
          Map<String, Object> m = ResultsJson.metrics(strategy.name(), epochCfg, r);
          Map<String, Object> materialized = new LinkedHashMap<>(m);
          materialized.put("trades", new ArrayList<>((List<?>) m.get("trades")));
          PLAIN_JSON.writeValueAsString(materialized);
        }
      }
      double plainS = (System.nanoTime() - t1) / 1e9;
      double plainCpu = (processCpuNanos() - c1) / 1e9;
      double plainRate = sample.size() / plainS;
      System.out.printf(
          Locale.ROOT,
          "plain path %s: %d of the same epochs (every %d.) in %.2f s on 1 thread "
              + "= %.1f epochs/s, %.2f ms CPU per epoch%n",
          whole ? "(backtest + loss + results_metrics)" : "(backtest only)                  ",
          sample.size(),
          stride,
          plainS,
          plainRate,
          plainCpu * 1e3 / sample.size());
      System.out.printf(
          Locale.ROOT,
          "ratio %s: %.1fx wall, %.1fx per CPU-second%n",
          whole ? "to (b)" : "to (a)",
          (epochs / fastS) / plainRate,
          (epochs / fastCpu) / (sample.size() / plainCpu));
    }
    System.out.printf(
        Locale.ROOT,
        "load average now: %s%n",
        io.tradingsuite.strategy.bench.BacktestBench.loadAverage());

    // sampler quality
    System.out.printf(
        Locale.ROOT,
        "sampler quality: best SharpeHyperOptLoss after N epochs (lower is better), "
            + "spaces %s%n",
        spaces);
    int[] checkpoints =
        java.util.stream.IntStream.of(10, 25, 50, 100, 200, 500, qualityEpochs)
            .filter(c -> c <= qualityEpochs)
            .distinct()
            .sorted()
            .toArray();
    System.out.println("  checkpoints N = " + java.util.Arrays.toString(checkpoints));
    double[][] tpe = new double[seeds][];
    double[][] rnd = new double[seeds][];
    for (int s = 0; s < seeds; s++) {
      tpe[s] =
          run(
                  strategy,
                  cfg,
                  candles,
                  spaces,
                  qualityEpochs,
                  cores,
                  1000 + s,
                  Sampler.Kind.TPE,
                  HyperoptLoss.SharpeHyperOptLoss)
              .bestAfter(checkpoints);
      rnd[s] =
          run(
                  strategy,
                  cfg,
                  candles,
                  spaces,
                  qualityEpochs,
                  cores,
                  1000 + s,
                  Sampler.Kind.RANDOM,
                  HyperoptLoss.SharpeHyperOptLoss)
              .bestAfter(checkpoints);
      System.out.printf(
          Locale.ROOT, "  seed %d: tpe %s | random %s%n", 1000 + s, fmt(tpe[s]), fmt(rnd[s]));
    }
    StringBuilder mean = new StringBuilder();
    int wins = 0;
    for (int c = 0; c < checkpoints.length; c++) {
      double mt = 0;
      double mr = 0;
      for (int s = 0; s < seeds; s++) {
        mt += tpe[s][c] / seeds;
        mr += rnd[s][c] / seeds;
      }
      mean.append(
          String.format(Locale.ROOT, "  N=%d: tpe %.4f  random %.4f%n", checkpoints[c], mt, mr));
    }
    for (int s = 0; s < seeds; s++) {
      if (tpe[s][checkpoints.length - 1] < rnd[s][checkpoints.length - 1]) {
        wins++;
      }
    }
    System.out.print("mean best loss over " + seeds + " seeds:\n" + mean);
    System.out.printf(
        Locale.ROOT,
        "tpe better than random at N=%d on %d of %d seeds%n",
        qualityEpochs,
        wins,
        seeds);
  }

  /**
   * A default mapper: it renders the metrics map the way (and at the cost) the .fthypt writer
   * would.
   */
  private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** CPU time of the whole process (every thread), in nanoseconds. */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(String.format(Locale.ROOT, "%9.4f", x));
    }
    return b.toString();
  }

  record RunStats(
      double bestLoss,
      List<Map<String, Object>> points,
      List<Double> losses,
      int distinctIndicatorSets) {
    double[] bestAfter(int[] checkpoints) {
      double[] out = new double[checkpoints.length];
      for (int c = 0; c < checkpoints.length; c++) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(checkpoints[c], losses.size()); i++) {
          best = Math.min(best, losses.get(i));
        }
        out[c] = best;
      }
      return out;
    }
  }

  static RunStats run(
      Strategy strategy,
      BacktestConfig cfg,
      Map<String, CandleColumns> candles,
      Set<HyperoptSpace> spaces,
      int epochs,
      int jobs,
      long seed,
      Sampler.Kind kind,
      HyperoptLoss loss)
      throws Exception {
    SearchSpace space =
        SearchSpace.of(
            strategy,
            spaces,
            strategy.resolveParams(Map.of()),
            cfg.exitPlan(),
            cfg.timeframe().minutes(),
            null);
    EpochEvaluator evaluator = new EpochEvaluator(strategy, cfg, candles, 4096);
    EpochScorer scorer = new EpochScorer(space, evaluator, loss, 1, "USDT");
    HyperoptSettings settings =
        new HyperoptSettings(
            epochs, jobs, 1, loss, kind, seed, HyperoptSettings.DEFAULT_BATCH_SIZE);
    Path dir = Files.createTempDirectory("hyperopt-bench");
    Path file = dir.resolve("bench.fthypt");
    List<Map<String, Object>> points = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    Set<Object> indicatorKeys = new java.util.HashSet<>();
    try (LocalBatchExecutor ex = new LocalBatchExecutor(scorer, jobs)) {
      HyperoptRunner.Outcome o =
          new HyperoptRunner(space, settings)
              .run(
                  ex,
                  file,
                  (r, restored, total) -> {
                    points.add(r.paramsDict());
                    losses.add(r.loss());
                    indicatorKeys.add(
                        List.of(
                            r.paramsDict().getOrDefault("fast", 0),
                            r.paramsDict().getOrDefault("slow", 0),
                            r.paramsDict().getOrDefault("ma_type", "")));
                  },
                  null);
      return new RunStats(o.best().loss(), points, losses, indicatorKeys.size());
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }
}
