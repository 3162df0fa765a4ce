package io.tradingsuite.strategy.hyperopt;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The search loop: propose a batch sequentially (from the seed and the completed epochs only),
 * score it in parallel, fold the results in point order (epoch numbers, {@code is_best}), append
 * each to the {@code .fthypt} file, repeat. The same settings and seed give the same epochs
 * whatever the number of jobs, and a run resumed from its file continues exactly where the
 * interrupted one would have gone.
 */
public final class HyperoptRunner {

  /**
   * Called on the runner thread for each epoch, in epoch order (also for epochs restored from the
   * file).
   */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (r, restored, total) -> {};

    void onEpoch(EpochResult result, boolean restored, int total);
  }

  /** The end of a run. {@code best} is {@code null} only when no epoch ran. */
  public record Outcome(
      EpochResult best,
      SearchSpace.Assignment bestAssignment,
      int epochsDone,
      int restored,
      boolean cancelled,
      Path file) {}

  private final SearchSpace space;
  private final HyperoptSettings settings;
  private final Sampler sampler;

  public HyperoptRunner(SearchSpace space, HyperoptSettings settings) {
    this.space = Objects.requireNonNull(space);
    this.settings = Objects.requireNonNull(settings);
    this.sampler = settings.sampler().create(space.dimensions(), settings.randomState());
  }

  /**
   * Runs (or resumes, when {@code file} already holds epochs of this search) until {@code epochs}
   * are done or {@code cancelled} says stop (checked between batches).
   */
  public Outcome run(
      BatchExecutor executor, Path file, Listener listener, BooleanSupplier cancelled) {
    Listener l = listener == null ? Listener.NONE : listener;
    List<Trial> history = new ArrayList<>();
    EpochResult best = null;
    for (JsonNode line : FthyptFile.read(file)) {
      EpochResult r = fromJson(line);
      if (r.epoch() != history.size() + 1) {
        throw new HyperoptInputException(
            "resume",
            file.getFileName()
                + ": epoch "
                + r.epoch()
                + " out of order, expected "
                + (history.size() + 1));
      }
      history.add(new Trial(r.paramsDict(), r.loss()));
      if (best == null || r.loss() < best.loss()) {
        best = r;
      }
      l.onEpoch(r, true, settings.epochs());
    }
    int restored = history.size();
    SearchSpace.Assignment bestAssignment = best == null ? null : space.decode(best.paramsDict());
    boolean wasCancelled = false;
    int batchSize = settings.batchSize();
    try (FthyptFile out = FthyptFile.openForAppend(file)) {
      while (history.size() < settings.epochs()) {
        if (cancelled != null && cancelled.getAsBoolean()) {
          wasCancelled = true;
          break;
        }
        int batch = history.size() / batchSize;
        int batchStart = batch * batchSize;
        int n = Math.min(batchSize, settings.epochs() - batchStart);
        List<Map<String, Object>> points =
            sampler.ask(batch, n, List.copyOf(history.subList(0, batchStart)));
        int already = history.size() - batchStart;
        for (int i = 0; i < already; i++) {
          if (!points.get(i).equals(history.get(batchStart + i).params())) {
            throw new HyperoptInputException(
                "resume",
                file.getFileName()
                    + " was written by a different "
                    + "search (epoch "
                    + (batchStart + i + 1)
                    + " differs): same strategy, spaces, bounds, "
                    + "sampler, batch size and random_state are needed");
          }
        }
        List<Map<String, Object>> todo = points.subList(already, n);
        List<EpochScorer.Scored> scored = executor.scoreAll(todo);
        for (int i = 0; i < scored.size(); i++) {
          EpochScorer.Scored s = scored.get(i);
          int index = history.size();
          boolean isBest = best == null || s.loss() < best.loss();
          EpochResult r =
              new EpochResult(
                  index + 1,
                  s.assignment().paramsDict(),
                  s.assignment().paramsDetails(),
                  s.assignment().paramsNotOptimized(),
                  s.loss(),
                  s.metrics(),
                  s.explanation(),
                  s.totalProfit(),
                  sampler.isRandom(index),
                  sampler.isRandom(index),
                  isBest,
                  s.metricsJson());
          out.append(r);
          history.add(new Trial(r.paramsDict(), r.loss()));
          if (isBest) {
            best = r;
            bestAssignment = s.assignment();
          }
          l.onEpoch(r, false, settings.epochs());
        }
      }
    }
    return new Outcome(best, bestAssignment, history.size(), restored, wasCancelled, file);
  }

  /**
   * Checks, without backtesting, that {@code file} was written by this search: every stored point
   * must be the one the sampler proposes from the same seed and history. Returns the number of
   * stored epochs.
   *
   * @throws HyperoptInputException on field {@code resume} when it was not
   */
  public int checkResumable(Path file) {
    List<Trial> history = new ArrayList<>();
    for (JsonNode line : FthyptFile.read(file)) {
      EpochResult r = fromJson(line);
      history.add(new Trial(r.paramsDict(), r.loss()));
    }
    int batchSize = settings.batchSize();
    for (int start = 0; start < history.size(); start += batchSize) {
      int n = Math.min(batchSize, settings.epochs() - start);
      if (n <= 0) {
        break;
      }
      List<Map<String, Object>> points =
          sampler.ask(start / batchSize, n, List.copyOf(history.subList(0, start)));
      for (int i = 0; i < n && start + i < history.size(); i++) {
        if (!points.get(i).equals(history.get(start + i).params())) {
          throw new HyperoptInputException(
              "resume",
              file.getFileName()
                  + " was written by a different "
                  + "search (epoch "
                  + (start + i + 1)
                  + " differs): same strategy, spaces, bounds, "
                  + "sampler, batch size and random_state are needed");
        }
      }
    }
    return history.size();
  }

  /**
   * An epoch line back to an {@link EpochResult}, with {@code params_dict} values typed per
   * dimension.
   */
  EpochResult fromJson(JsonNode line) {
    Map<String, Object> params = new LinkedHashMap<>();
    JsonNode pd = line.path("params_dict");
    for (Dimension d : space.dimensions()) {
      JsonNode v = pd.get(d.name());
      if (v == null || v.isNull()) {
        throw new HyperoptInputException(
            "resume",
            "the file's params_dict lacks '"
                + d.name()
                + "': it was written by a search over other spaces");
      }
      params.put(d.name(), typed(d, v));
    }
    TypeReference<Map<String, Map<String, Object>>> nested = new TypeReference<>() {};
    TypeReference<Map<String, Object>> flat = new TypeReference<>() {};
    return new EpochResult(
        line.path("current_epoch").asInt(),
        params,
        FthyptFile.JSON.convertValue(line.path("params_details"), nested),
        FthyptFile.JSON.convertValue(line.path("params_not_optimized"), nested),
        line.path("loss").asDouble(),
        FthyptFile.JSON.convertValue(line.path("results_metrics"), flat),
        line.path("results_explanation").asText(),
        line.path("total_profit").asDouble(),
        line.path("is_initial_point").asBoolean(),
        line.path("is_random").asBoolean(),
        line.path("is_best").asBoolean(),
        null);
  }

  private static Object typed(Dimension d, JsonNode v) {
    if (d instanceof Dimension.IntDim) {
      return v.asInt();
    }
    if (d instanceof Dimension.DecimalDim) {
      return v.asDouble();
    }
    Dimension.CategoricalDim c = (Dimension.CategoricalDim) d;
    for (Object choice : c.choices()) {
      if (String.valueOf(choice).equals(v.asText())) {
        return choice;
      }
    }
    throw new HyperoptInputException(
        "resume", "value " + v + " of " + d.name() + " is not one of " + c.choices());
  }
}
