package io.tradingsuite.strategy.hyperopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism across job counts, the .fthypt lines, and resume after a crash. */
class HyperoptRunnerTest {

  static final List<String> SPACES = List.of("buy", "roi", "stoploss", "trailing");

  @TempDir Path dir;

  @Test
  void sameSeedGivesTheSameEpochsWithOneOrTwoJobs() throws IOException {
    Path one = dir.resolve("one.fthypt");
    Path two = dir.resolve("two.fthypt");
    Path other = dir.resolve("other.fthypt");
    HyperoptRunner.Outcome a = HyperoptFixtures.run(SPACES, 40, 1, 7, one);
    HyperoptRunner.Outcome b = HyperoptFixtures.run(SPACES, 40, 2, 7, two);
    HyperoptFixtures.run(SPACES, 40, 2, 8, other);
    assertThat(a.epochsDone()).isEqualTo(40);
    List<String> linesA = Files.readAllLines(one, StandardCharsets.UTF_8);
    assertThat(linesA).hasSize(40);
    // byte-identical results files: same points, same losses, same metrics, same is_best flags
    assertThat(Files.readAllLines(two, StandardCharsets.UTF_8)).isEqualTo(linesA);
    assertThat(Files.readAllLines(other, StandardCharsets.UTF_8)).isNotEqualTo(linesA);
    assertThat(b.best().epoch()).isEqualTo(a.best().epoch());
    assertThat(b.best().loss()).isEqualTo(a.best().loss());
  }

  @Test
  void linesCarryFreqtradesKeys() {
    Path file = dir.resolve("keys.fthypt");
    HyperoptRunner.Outcome o = HyperoptFixtures.run(SPACES, 12, 2, 3, file);
    List<JsonNode> lines = FthyptFile.read(file);
    assertThat(lines).hasSize(12);
    JsonNode first = lines.get(0);
    assertThat(first.fieldNames())
        .toIterable()
        .contains(
            "loss",
            "params_dict",
            "params_details",
            "params_not_optimized",
            "results_metrics",
            "results_explanation",
            "total_profit",
            "current_epoch",
            "is_initial_point",
            "is_random",
            "is_best",
            "fthypt_fileversion");
    assertThat(first.path("current_epoch").asInt()).isEqualTo(1);
    assertThat(first.path("is_best").asBoolean()).isTrue();
    assertThat(first.path("params_details").path("roi").has("0")).isTrue();
    assertThat(first.path("params_details").path("stoploss").has("stoploss")).isTrue();
    assertThat(first.path("params_not_optimized").path("sell").isMissingNode()).isTrue();
    assertThat(first.path("results_metrics").path("trades").isArray()).isTrue();
    assertThat(first.path("results_metrics").has("profit_total_abs")).isTrue();
    // is_best marks strict improvements, and the last one is the outcome's best
    double best = Double.POSITIVE_INFINITY;
    int lastBest = 0;
    for (JsonNode l : lines) {
      boolean improves = l.path("loss").asDouble() < best;
      assertThat(l.path("is_best").asBoolean()).isEqualTo(improves);
      if (improves) {
        best = l.path("loss").asDouble();
        lastBest = l.path("current_epoch").asInt();
      }
    }
    assertThat(o.best().epoch()).isEqualTo(lastBest);
    // the first 10 points are TPE's random start-up
    assertThat(lines.get(9).path("is_random").asBoolean()).isTrue();
    assertThat(lines.get(10).path("is_random").asBoolean()).isFalse();
  }

  @Test
  void resumesAfterACrashExactlyWhereItStopped() throws IOException {
    Path full = dir.resolve("full.fthypt");
    HyperoptFixtures.run(SPACES, 30, 2, 5, full);
    List<String> expected = Files.readAllLines(full, StandardCharsets.UTF_8);

    // the crashed run: 21 complete epochs (mid-batch) and a torn 22nd line
    Path crashed = dir.resolve("crashed.fthypt");
    String torn =
        String.join("\n", expected.subList(0, 21)) + "\n" + expected.get(21).substring(0, 100);
    Files.writeString(crashed, torn, StandardCharsets.UTF_8);

    int[] restored = {0};
    int[] fresh = {0};
    SearchSpace space = HyperoptFixtures.space(SPACES);
    HyperoptSettings settings =
        new HyperoptSettings(
            30,
            2,
            1,
            HyperoptLoss.SharpeHyperOptLoss,
            Sampler.Kind.TPE,
            5,
            HyperoptSettings.DEFAULT_BATCH_SIZE);
    HyperoptRunner.Outcome o;
    try (LocalBatchExecutor ex =
        new LocalBatchExecutor(HyperoptFixtures.scorer(space, settings.loss()), 2)) {
      o =
          new HyperoptRunner(space, settings)
              .run(
                  ex,
                  crashed,
                  (r, wasRestored, total) -> {
                    if (wasRestored) {
                      restored[0]++;
                    } else {
                      fresh[0]++;
                    }
                  },
                  null);
    }
    assertThat(o.restored()).isEqualTo(21);
    assertThat(restored[0]).isEqualTo(21);
    assertThat(fresh[0]).isEqualTo(9);
    assertThat(Files.readAllLines(crashed, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  @Test
  void resumingAFileOfAnotherSearchIsRefused() {
    Path file = dir.resolve("seed5.fthypt");
    HyperoptFixtures.run(SPACES, 12, 1, 5, file);
    assertThatThrownBy(() -> HyperoptFixtures.run(SPACES, 20, 1, 6, file))
        .isInstanceOf(HyperoptInputException.class)
        .satisfies(e -> assertThat(((HyperoptInputException) e).field()).isEqualTo("resume"));
    assertThatThrownBy(() -> HyperoptFixtures.run(List.of("buy"), 20, 1, 5, file))
        .isInstanceOf(HyperoptInputException.class);
  }

  @Test
  void cancellationStopsBetweenBatches() {
    Path file = dir.resolve("cancel.fthypt");
    SearchSpace space = HyperoptFixtures.space(SPACES);
    HyperoptSettings settings =
        new HyperoptSettings(
            100,
            1,
            1,
            HyperoptLoss.SharpeHyperOptLoss,
            Sampler.Kind.TPE,
            5,
            HyperoptSettings.DEFAULT_BATCH_SIZE);
    int[] seen = {0};
    HyperoptRunner.Outcome o;
    try (LocalBatchExecutor ex =
        new LocalBatchExecutor(HyperoptFixtures.scorer(space, settings.loss()), 1)) {
      o =
          new HyperoptRunner(space, settings)
              .run(ex, file, (r, x, t) -> seen[0]++, () -> seen[0] >= 10);
    }
    assertThat(o.cancelled()).isTrue();
    assertThat(o.epochsDone()).isEqualTo(16);
  }
}
