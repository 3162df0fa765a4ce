package io.tradingsuite.registry.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Freqtrade's result files read into validated runs; bad files name their field. */
class ArtifactReaderTest {
  private final ArtifactReader reader = new ArtifactReader(Fixtures.validator());
  @TempDir Path dir;

  private List<RunRecord> read(Path file) throws Exception {
    byte[] content = Files.readAllBytes(file);
    return reader.read(
        new ArtifactReader.Source(file, file.getFileName().toString(), null, null),
        content,
        ArtifactReader.sha256(content));
  }

  private ArtifactProblem problem(String name, String content) {
    Path file = Fixtures.write(dir.resolve(name), content);
    try {
      read(file);
    } catch (ArtifactProblem p) {
      return p;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted " + name);
  }

  @Test
  void readsBacktestJsonWithMetaExactly() throws Exception {
    Fixtures.install(dir, Fixtures.BACKTEST_META, Fixtures.BACKTEST_META, "MaCrossoverStrategy");
    Path file = Fixtures.install(dir, Fixtures.BACKTEST, Fixtures.BACKTEST, "MaCrossoverStrategy");
    List<RunRecord> runs = read(file);
    assertThat(runs).hasSize(1);
    RunRecord r = runs.get(0);
    assertThat(r.kind()).isEqualTo(ArtifactKind.BACKTEST);
    assertThat(r.strategy()).isEqualTo("MaCrossoverStrategy");
    assertThat(r.createdAt()).isEqualTo(Instant.ofEpochSecond(1705312800));
    assertThat(r.timeframe()).isEqualTo("5m");
    assertThat(r.totalTrades()).isEqualTo(3);
    assertThat(r.profitTotal()).isEqualByComparingTo("-0.005985314830");
    assertThat(r.profitTotal().toPlainString())
        .isEqualTo("-0.005985314830"); // exact digits, never via double
    assertThat(r.sharpe().toPlainString()).isEqualTo("-0.512345678912345");
    assertThat(r.backtestStart()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(r.trades()).hasSize(3);
    assertThat(r.trades().get(0).openDate()).isEqualTo(Instant.parse("2024-01-02T10:05:00Z"));
    assertThat(r.trades().get(1).exitReason()).isEqualTo("stop_loss");
    assertThat(r.trades().get(1).profitAbs().toPlainString()).isEqualTo("-10.07907911");
    assertThat(r.pairs())
        .extracting(RunRecord.PairRecord::pair)
        .containsExactly("BTC/USDT", "ETH/USDT", "TOTAL");
    // same bytes, same ids
    assertThat(read(file).get(0).id()).isEqualTo(r.id());
  }

  @Test
  void readsTheZipLayoutWithItsMeta() throws Exception {
    Path zip = Fixtures.installZip(dir, "backtest-result-2024-02-01_12-30-00", "ZipStrategy");
    RunRecord r = read(zip).get(0);
    assertThat(r.strategy()).isEqualTo("ZipStrategy");
    assertThat(r.timeframe()).isEqualTo("5m"); // the stats' own timeframe wins over meta
    assertThat(r.createdAt()).isEqualTo(Instant.ofEpochSecond(1706790600));
    assertThat(r.trades()).hasSize(3);
  }

  @Test
  void readsHyperoptLinesAndPicksTheLowestLoss() throws Exception {
    Path file = Fixtures.install(dir, Fixtures.HYPEROPT, Fixtures.HYPEROPT, "HypStrategy");
    RunRecord r = read(file).get(0);
    assertThat(r.kind()).isEqualTo(ArtifactKind.HYPEROPT);
    assertThat(r.strategy()).isEqualTo("HypStrategy");
    assertThat(r.createdAt()).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
    assertThat(r.epochs()).isEqualTo(4);
    assertThat(r.bestEpoch()).isEqualTo(3);
    assertThat(r.bestLoss()).isEqualByComparingTo("-1.25");
    assertThat(r.profitTotal().toPlainString()).isEqualTo("0.1234567891");
    assertThat(r.epochList()).hasSize(4).filteredOn(RunRecord.EpochRecord::best).hasSize(1);
    assertThat(r.epochList().get(2).params())
        .isEqualTo("{\"buy_fast\":8,\"buy_slow\":34,\"stoploss\":-0.1}");
  }

  @Test
  void oldFieldNamesAndNanAreAccepted() throws Exception {
    String old =
        Fixtures.text(Fixtures.BACKTEST, "OldStrategy")
            .replace("\"exit_reason\": \"roi\"", "\"sell_reason\": \"roi\"")
            .replace("\"max_drawdown_account\": 0.012345665,\n", "\"max_drawdown\": 0.012345665,\n")
            .replace("\"sortino\": -0.71", "\"sortino\": NaN");
    RunRecord r = read(Fixtures.write(dir.resolve("backtest-result-old.json"), old)).get(0);
    assertThat(r.trades().get(0).exitReason()).isEqualTo("roi");
    assertThat(r.maxDrawdownAccount()).isEqualByComparingTo("0.012345665");
    assertThat(r.sortino()).isNull();
  }

  @Test
  void badFilesNameTheFailingField() {
    String good = Fixtures.text(Fixtures.BACKTEST, "BadStrategy");
    assertThat(
            problem("b1.json", good.replace("\"open_rate\": 2272.0", "\"open_rate\": -2272.0"))
                .field())
        .isEqualTo("strategy.BadStrategy.trades[1].open_rate");
    assertThat(problem("b2.json", good.replace("\"profit_total\": -0.005985314830,", "")).field())
        .isEqualTo("strategy.BadStrategy.profit_total");
    assertThat(
            problem(
                    "b3.json",
                    good.replace(
                        "\"open_date\": \"2024-01-03 08:00:00+00:00\"",
                        "\"open_date\": \"yesterday\""))
                .field())
        .isEqualTo("strategy.BadStrategy.trades[1].open_date");
    ArtifactProblem truncated = problem("b4.json", good.substring(0, good.length() / 2));
    assertThat(truncated.field()).isNotBlank();
    assertThat(truncated.reason()).contains("JSON");
    assertThat(problem("b5.json", "{\"strategy\": {}}").field()).isEqualTo("strategy");
    assertThat(problem("b6.zip", "not a zip").reason()).contains("ZIP");

    String hyp = Fixtures.text(Fixtures.HYPEROPT, "H");
    String[] lines = hyp.split("\n");
    lines[1] = lines[1].replace("\"current_epoch\": 2", "\"current_epoch\": -2");
    assertThat(problem("strategy_H_2024-03-01_08-00-00.fthypt", String.join("\n", lines)).field())
        .isEqualTo("lines[2].current_epoch");
    assertThat(problem("strategy_H_2024-03-01_08-00-01.fthypt", "\n\n").field()).isEqualTo("$");
  }

  @Test
  void sideFilesAreNotResults() {
    assertThat(ArtifactReader.kindOf(Path.of("x.meta.json"))).isEmpty();
    assertThat(ArtifactReader.kindOf(Path.of(".last_result.json"))).isEmpty();
    assertThat(ArtifactReader.kindOf(Path.of("backtest-result-1_config.json"))).isEmpty();
    assertThat(ArtifactReader.kindOf(Path.of("a.zip"))).contains(ArtifactKind.BACKTEST);
    assertThat(ArtifactReader.kindOf(Path.of("a.fthypt"))).contains(ArtifactKind.HYPEROPT);
    assertThat("x".getBytes(StandardCharsets.UTF_8)).isNotEmpty();
  }
}
