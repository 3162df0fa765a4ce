package io.tradingsuite.strategy.artifacts;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingsuite.strategy.engine.BacktestResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes backtest results the way Freqtrade does (JSON variant, ≤ 2024.11) under {@code
 * {suite.var-dir}/backtest_results/}: {@code backtest-result-<YYYY-MM-DD_HH-MM-SS>.json} ({@code
 * {"strategy": {"<Name>": stats}, "strategy_comparison": [row]}}), its {@code .meta.json}, and
 * {@code .last_result.json} pointing at it. Each file is written to a temporary name and moved into
 * place, so a reader (registry-service) never sees half a file.
 */
@ApplicationScoped
public class ArtifactWriter {

  public static final String BACKTEST_DIR = "backtest_results";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss").withZone(ZoneOffset.UTC);

  private final ObjectMapper json =
      new ObjectMapper()
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  @ConfigProperty(name = "suite.var-dir", defaultValue = "var")
  Path varDir;

  /** The files of one written result. */
  public record Written(Path result, Path meta, String runId) {}

  public Path varDir() {
    return varDir;
  }

  public Path backtestDir() {
    return varDir.resolve(BACKTEST_DIR);
  }

  /**
   * Writes one strategy's result.
   *
   * @param runId identifies the run in {@code .meta.json} (Freqtrade: a hash of config and
   *     strategy)
   */
  public Written writeBacktest(FreqtradeStats.RunInfo info, BacktestResult result, String runId) {
    Map<String, Object> stats =
        FreqtradeStats.strategyStats(info, result, FreqtradeStats.FREQTRADE_DATE);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("strategy", Map.of(info.strategy(), stats));
    doc.put("strategy_comparison", List.of(FreqtradeStats.comparisonRow(info.strategy(), result)));
    Instant started = info.runStart() == null ? Instant.now() : info.runStart();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("run_id", runId);
    meta.put("backtest_start_time", started.getEpochSecond());
    meta.put("timeframe", info.config().timeframe().name());
    meta.put("timeframe_detail", null);
    meta.put(
        "backtest_start_ts",
        result.summary().backtestStart() == null
            ? null
            : result.summary().backtestStart().getEpochSecond());
    meta.put(
        "backtest_end_ts",
        result.summary().backtestEnd() == null
            ? null
            : result.summary().backtestEnd().getEpochSecond());
    try {
      Path dir = backtestDir();
      Files.createDirectories(dir);
      Path file;
      synchronized (this) {
        file =
            freeName(
                dir,
                "backtest-result-"
                    + STAMP.format(info.runEnd() == null ? Instant.now() : info.runEnd()));
        // reserve the name before the (slow) write so a concurrent run picks another one
        Files.createFile(file);
      }
      String base = file.getFileName().toString().replaceAll("\\.json$", "");
      atomicWrite(file, json.writeValueAsBytes(doc));
      Path metaFile = dir.resolve(base + ".meta.json");
      atomicWrite(metaFile, json.writeValueAsBytes(Map.of(info.strategy(), meta)));
      updateLastResult(dir, "latest_backtest", file.getFileName().toString());
      return new Written(file, metaFile, runId);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write backtest result under " + backtestDir(), e);
    }
  }

  /**
   * Sets one key of {@code .last_result.json} in {@code dir}, keeping the others (hyperopt writes
   * {@code latest_hyperopt} into the same kind of file).
   */
  public synchronized void updateLastResult(Path dir, String key, String fileName)
      throws IOException {
    Path last = dir.resolve(".last_result.json");
    ObjectNode node = json.createObjectNode();
    if (Files.exists(last)) {
      try {
        if (json.readTree(last.toFile()) instanceof ObjectNode existing) {
          node = existing;
        }
      } catch (IOException e) {
        // a corrupt pointer file is replaced rather than blocking every later run
      }
    }
    node.put(key, fileName);
    atomicWrite(last, json.writeValueAsBytes(node));
  }

  private static Path freeName(Path dir, String base) {
    Path p = dir.resolve(base + ".json");
    for (int i = 2; Files.exists(p); i++) {
      p = dir.resolve(base + "_" + i + ".json");
    }
    return p;
  }

  /** Writes {@code bytes} to {@code target} through a temporary file in the same directory. */
  public static void atomicWrite(Path target, byte[] bytes) throws IOException {
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The file's SHA-256 in lower-case hex. */
  public static String sha256(Path file) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(file)) {
        byte[] buf = new byte[65536];
        int r;
        while ((r = in.read(buf)) > 0) {
          md.update(buf, 0, r);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 of a text, lower-case hex. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
