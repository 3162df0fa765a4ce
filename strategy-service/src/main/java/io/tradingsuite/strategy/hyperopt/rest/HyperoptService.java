package io.tradingsuite.strategy.hyperopt.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.strategy.artifacts.ArtifactAnnouncer;
import io.tradingsuite.strategy.backtest.BacktestPreparer;
import io.tradingsuite.strategy.backtest.BacktestRequest;
import io.tradingsuite.strategy.hyperopt.EpochEvaluator;
import io.tradingsuite.strategy.hyperopt.EpochScorer;
import io.tradingsuite.strategy.hyperopt.FthyptFile;
import io.tradingsuite.strategy.hyperopt.HyperoptInputException;
import io.tradingsuite.strategy.hyperopt.HyperoptLoss;
import io.tradingsuite.strategy.hyperopt.HyperoptRunner;
import io.tradingsuite.strategy.hyperopt.HyperoptSettings;
import io.tradingsuite.strategy.hyperopt.HyperoptSpace;
import io.tradingsuite.strategy.hyperopt.LocalBatchExecutor;
import io.tradingsuite.strategy.hyperopt.Sampler;
import io.tradingsuite.strategy.hyperopt.SearchSpace;
import io.tradingsuite.strategy.hyperopt.StrategyParamsFile;
import io.tradingsuite.strategy.lease.BacktestLeases;
import io.tradingsuite.support.http.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs hyperopt searches asynchronously, one at a time per instance (a search already uses every
 * core): parse and validate synchronously (400 naming the field), load the candles once (from the
 * request or market-data-service), then lease from risk-service &rarr; search (epochs appended to
 * {@code var/hyperopt_results/*.fthypt}) &rarr; best parameters exported to {@code
 * var/strategy_params/} &rarr; announced on {@code registry.artifacts.v1} &rarr; lease released
 * with the best epoch's drawdown.
 */
@ApplicationScoped
public class HyperoptService {

  /** Hyperopt fields of the request body; everything else is the backtest body. */
  static final List<String> HYPEROPT_FIELDS =
      List.of(
          "spaces",
          "epochs",
          "loss",
          "random_state",
          "jobs",
          "min_trades",
          "sampler",
          "bounds",
          "batch_size",
          "resume",
          "disable_param_export");

  @Inject BacktestPreparer preparer;

  @Inject BacktestLeases leases;

  @Inject ArtifactAnnouncer announcer;

  @Inject ObjectMapper json;

  @ConfigProperty(name = "suite.var-dir", defaultValue = "var")
  Path varDir;

  @ConfigProperty(name = "suite.hyperopt.queue", defaultValue = "4")
  int queueSize;

  @ConfigProperty(name = "suite.hyperopt.default-epochs", defaultValue = "100")
  int defaultEpochs;

  @ConfigProperty(name = "suite.hyperopt.indicator-cache", defaultValue = "2048")
  int indicatorCache;

  @ConfigProperty(name = "suite.hyperopt.keep-runs", defaultValue = "50")
  int keepRuns;

  private ThreadPoolExecutor pool;
  private Map<String, HyperoptRun> runs;

  @PostConstruct
  void init() {
    pool =
        new ThreadPoolExecutor(
            1,
            1,
            60,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queueSize),
            r -> {
              Thread t = new Thread(r, "hyperopt-runner");
              t.setDaemon(true);
              return t;
            });
    runs =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, HyperoptRun> eldest) {
                return size() > keepRuns && eldest.getValue().finished();
              }
            });
  }

  void shutdown(@Observes ShutdownEvent ev) {
    runs.values().forEach(HyperoptRun::requestCancel);
    pool.shutdownNow();
  }

  public Path resultsDir() {
    return varDir.resolve("hyperopt_results");
  }

  /** Everything parsed from one request. */
  record Parsed(
      BacktestPreparer.Prepared prepared,
      SearchSpace space,
      HyperoptSettings settings,
      Path file,
      boolean exportParams) {}

  /**
   * Validates (400s naming the field, synchronously), loads the candles and queues the search.
   *
   * @throws ProblemException 400 for bad input; 503 when the queue is full or candles cannot be
   *     loaded
   */
  public HyperoptRun submit(JsonNode body) {
    Parsed p = parse(body);
    String id = "ho-" + UUID.randomUUID();
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("spaces", p.space().spaces().stream().map(HyperoptSpace::wireName).toList());
    echo.put("loss", p.settings().loss().name());
    echo.put("sampler", p.settings().sampler().name().toLowerCase(java.util.Locale.ROOT));
    echo.put("random_state", p.settings().randomState());
    echo.put("jobs", p.settings().effectiveJobs());
    echo.put("min_trades", p.settings().minTrades());
    echo.put("batch_size", p.settings().batchSize());
    echo.put("pairs", p.prepared().pairs());
    echo.put("timeframe", p.prepared().timeframe().name());
    HyperoptRun run =
        new HyperoptRun(
            id,
            p.prepared().strategy().name(),
            p.settings().epochs(),
            echo,
            announcer.relativePath(p.file()));
    runs.put(id, run);
    try {
      pool.execute(() -> execute(run, p));
    } catch (RejectedExecutionException e) {
      runs.remove(id);
      throw new ProblemException(
          503, null, "too many queued hyperopt runs (" + queueSize + "); try again later");
    }
    return run;
  }

  public Optional<HyperoptRun> find(String id) {
    return Optional.ofNullable(runs.get(id));
  }

  Parsed parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ProblemException.badRequest("body", "a JSON hyperopt request is required");
    }
    ObjectNode backtest = ((ObjectNode) body).deepCopy();
    HYPEROPT_FIELDS.forEach(backtest::remove);
    BacktestRequest request;
    try {
      request = json.treeToValue(backtest, BacktestRequest.class);
    } catch (MismatchedInputException e) {
      String field =
          e.getPath().isEmpty() ? "body" : String.valueOf(e.getPath().get(0).getFieldName());
      throw ProblemException.badRequest(field, "has the wrong type");
    } catch (Exception e) {
      throw ProblemException.badRequest("body", "not a backtest body: " + e.getMessage());
    }
    try {
      List<String> spaceNames = strings(body.get("spaces"), "spaces");
      HyperoptLoss loss = HyperoptLoss.parse(text(body, "loss"));
      Sampler.Kind sampler = Sampler.Kind.parse(text(body, "sampler"));
      int epochs = integer(body, "epochs", defaultEpochs);
      int jobs = integer(body, "jobs", -1);
      if (jobs > 256) {
        throw new HyperoptInputException("jobs", "at most 256");
      }
      int minTrades = integer(body, "min_trades", 1);
      int batchSize = integer(body, "batch_size", HyperoptSettings.DEFAULT_BATCH_SIZE);
      long seed =
          body.hasNonNull("random_state")
              ? longValue(body, "random_state")
              : new SplittableRandom().nextInt(1, 65536); // as Freqtrade: random, reported back
      HyperoptSettings settings =
          new HyperoptSettings(epochs, jobs, minTrades, loss, sampler, seed, batchSize);
      Map<String, List<Double>> bounds = bounds(body.get("bounds"));
      java.util.Set<HyperoptSpace> spaces = HyperoptSpace.parse(spaceNames);
      String resume = text(body, "resume");
      boolean export =
          !(body.hasNonNull("disable_param_export")
              && body.get("disable_param_export").asBoolean());
      BacktestPreparer.Prepared prepared = preparer.prepare(request);
      SearchSpace space =
          SearchSpace.of(
              prepared.strategy(),
              spaces,
              prepared.params(),
              prepared.config().exitPlan(),
              prepared.timeframe().minutes(),
              bounds);
      Path file;
      if (resume != null) {
        if (!resume.matches("[A-Za-z0-9_.-]+\\.fthypt")) {
          throw new HyperoptInputException(
              "resume",
              "a file name in hyperopt_results, like " + "strategy_X_2024-01-01_00-00-00.fthypt");
        }
        file = resultsDir().resolve(resume);
        if (!Files.exists(file)) {
          throw new HyperoptInputException("resume", "no file " + resume + " in hyperopt_results");
        }
        new HyperoptRunner(space, settings).checkResumable(file);
      } else {
        file = resultsDir().resolve(FthyptFile.fileName(prepared.strategy().name()));
        while (Files.exists(file)) {
          file =
              resultsDir()
                  .resolve(
                      FthyptFile.fileName(prepared.strategy().name())
                          .replace(
                              ".fthypt",
                              "_" + UUID.randomUUID().toString().substring(0, 8) + ".fthypt"));
        }
      }
      return new Parsed(prepared, space, settings, file, export);
    } catch (HyperoptInputException e) {
      throw ProblemException.badRequest(e.field(), e.reason());
    }
  }

  void execute(HyperoptRun run, Parsed p) {
    BacktestLeases.Lease lease;
    try {
      lease = leases.acquire(run.id(), run.strategy(), "hyperopt");
    } catch (ProblemException e) {
      Log.infof("hyperopt %s refused: %s", run.id(), e.getMessage());
      run.refused(e.getMessage());
      return;
    } catch (RuntimeException e) {
      Log.warnf(e, "hyperopt %s refused: lease request failed", run.id());
      run.refused(BacktestLeases.UNREACHABLE_DETAIL);
      return;
    }
    BigDecimal drawdown = null;
    try {
      run.started();
      EpochEvaluator evaluator =
          new EpochEvaluator(
              p.prepared().strategy(),
              p.prepared().config(),
              p.prepared().candles(),
              indicatorCache);
      EpochScorer scorer =
          new EpochScorer(
              p.space(),
              evaluator,
              p.settings().loss(),
              p.settings().minTrades(),
              stakeCurrency(p.prepared().pairs()));
      HyperoptRunner.Outcome outcome;
      try (LocalBatchExecutor executor =
          new LocalBatchExecutor(scorer, p.settings().effectiveJobs())) {
        outcome =
            new HyperoptRunner(p.space(), p.settings())
                .run(
                    executor,
                    p.file(),
                    (r, restored, total) -> run.onEpoch(r, restored, p.space()),
                    run::cancelRequested);
      }
      String paramsPath = null;
      if (outcome.best() != null) {
        Object dd = outcome.best().resultsMetrics().get("max_drawdown_account");
        drawdown =
            dd instanceof Number n
                ? BigDecimal.valueOf(n.doubleValue()).setScale(8, RoundingMode.HALF_EVEN)
                : null;
        if (p.exportParams() && !outcome.cancelled()) {
          Path written =
              StrategyParamsFile.write(
                  varDir, run.strategy(), outcome.bestAssignment().allParams());
          paramsPath = announcer.relativePath(written);
        }
      }
      if (outcome.cancelled()) {
        run.finish(
            HyperoptRun.Status.CANCELLED,
            "cancelled after "
                + outcome.epochsDone()
                + " epochs; resume "
                + "with the same body and \"resume\": \""
                + p.file().getFileName()
                + "\"",
            paramsPath);
        return;
      }
      announcer
          .announce(ArtifactKind.HYPEROPT, run.strategy(), p.file())
          .exceptionally(err -> null);
      run.finish(HyperoptRun.Status.DONE, null, paramsPath);
      Log.infof(
          "hyperopt %s done: %d epochs, best epoch %s loss %s, file %s",
          run.id(),
          outcome.epochsDone(),
          outcome.best() == null ? "-" : outcome.best().epoch(),
          outcome.best() == null ? "-" : outcome.best().loss(),
          p.file());
    } catch (HyperoptInputException e) {
      run.finish(HyperoptRun.Status.FAILED, e.getMessage(), null);
    } catch (RuntimeException e) {
      Log.errorf(e, "hyperopt %s failed", run.id());
      run.finish(
          HyperoptRun.Status.FAILED, e.getMessage() == null ? e.toString() : e.getMessage(), null);
    } finally {
      leases.release(lease, drawdown);
    }
  }

  private static String stakeCurrency(List<String> pairs) {
    if (pairs.isEmpty() || !pairs.get(0).contains("/")) {
      return "USDT";
    }
    String quote = pairs.get(0).substring(pairs.get(0).indexOf('/') + 1);
    int colon = quote.indexOf(':');
    return colon < 0 ? quote : quote.substring(0, colon);
  }

  // ---- field parsing: every mistake names its field ----

  private static List<String> strings(JsonNode n, String field) {
    if (n == null || n.isNull()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (n.isTextual()) {
      for (String s : n.asText().split("[,\\s]+", -1)) {
        if (!s.isBlank()) {
          out.add(s);
        }
      }
      return out;
    }
    if (!n.isArray()) {
      throw new HyperoptInputException(field, "expected a list of names");
    }
    for (JsonNode x : n) {
      if (!x.isTextual()) {
        throw new HyperoptInputException(field, "expected a list of names");
      }
      out.add(x.asText());
    }
    return out;
  }

  private static String text(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw new HyperoptInputException(field, "expected a string");
    }
    return n.asText();
  }

  private static int integer(JsonNode body, String field, int dflt) {
    JsonNode n = body.get(field);
    if (n == null || n.isNull()) {
      return dflt;
    }
    if (!n.isIntegralNumber() || !n.canConvertToInt()) {
      throw new HyperoptInputException(field, "expected a whole number");
    }
    return n.asInt();
  }

  private static long longValue(JsonNode body, String field) {
    JsonNode n = body.get(field);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw new HyperoptInputException(field, "expected a whole number");
    }
    return n.asLong();
  }

  private static Map<String, List<Double>> bounds(JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new HyperoptInputException("bounds", "expected {\"parameter\": [low, high], ...}");
    }
    Map<String, List<Double>> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (!v.isArray() || v.size() != 2 || !v.get(0).isNumber() || !v.get(1).isNumber()) {
                throw new HyperoptInputException("bounds." + e.getKey(), "expected [low, high]");
              }
              out.put(e.getKey(), List.of(v.get(0).asDouble(), v.get(1).asDouble()));
            });
    return out;
  }
}
