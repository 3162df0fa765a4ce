package io.tradingsuite.strategy.hyperopt;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Freqtrade {@code .fthypt} results file: JSON Lines, one epoch per line, appended as epochs
 * complete. Reading tolerates a torn last line (a crash in the middle of a write) and {@link
 * #openForAppend} cuts it off, so a resumed run continues a clean file.
 */
public final class FthyptFile implements Closeable {

  static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .build();

  private final Path path;
  private final OutputStream out;

  private FthyptFile(Path path, OutputStream out) {
    this.path = path;
    this.out = out;
  }

  /** Freqtrade's name: {@code strategy_<Strategy>_<YYYY-MM-DD_HH-MM-SS>.fthypt}. */
  public static String fileName(String strategy, LocalDateTime utc) {
    return "strategy_"
        + strategy
        + "_"
        + utc.format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss"))
        + ".fthypt";
  }

  public static String fileName(String strategy) {
    return fileName(strategy, LocalDateTime.now(ZoneOffset.UTC));
  }

  /** Opens (creating directories) for appending, after cutting off a torn last line. */
  public static FthyptFile openForAppend(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      if (Files.exists(path)) {
        truncateTornTail(path);
      }
      OutputStream w =
          new BufferedOutputStream(
              Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
              1 << 16);
      return new FthyptFile(path, w);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + path, e);
    }
  }

  private static void truncateTornTail(Path path) throws IOException {
    byte[] all = Files.readAllBytes(path);
    int end = all.length;
    while (end > 0 && all[end - 1] != '\n') {
      end--;
    }
    if (end != all.length) {
      try (FileChannel ch = FileChannel.open(path, StandardOpenOption.WRITE)) {
        ch.truncate(end);
      }
    }
  }

  public Path path() {
    return path;
  }

  /**
   * Appends one epoch and flushes (one line per epoch; a crash loses at most the line being
   * written).
   */
  public void append(EpochResult r) {
    try {
      String metrics = r.resultsMetricsJson();
      if (metrics == null) {
        out.write(JSON.writeValueAsString(r.toJson()).getBytes(StandardCharsets.UTF_8));
      } else {
        // the same line as JSON.writeValueAsString(r.toJson()); the worker already rendered the
        // (large)
        // results_metrics, so it is copied in as bytes rather than passed through the generator
        // again
        Map<String, Object> line = r.toJson();
        line.put("results_metrics", new RawValue(String.valueOf(MARK)));
        String frame = JSON.writeValueAsString(line);
        int at = frame.indexOf(MARK); // unique: Jackson escapes a NUL inside any string
        out.write(frame.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.write(metrics.getBytes(StandardCharsets.UTF_8));
        out.write(frame.substring(at + 1).getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  private static final char MARK = '\u0000';

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The complete lines of a file (a torn last line is skipped), in file order. */
  public static List<JsonNode> read(Path path) {
    List<JsonNode> out = new ArrayList<>();
    if (!Files.exists(path)) {
      return out;
    }
    try {
      String text = Files.readString(path, StandardCharsets.UTF_8);
      int start = 0;
      while (start < text.length()) {
        int nl = text.indexOf('\n', start);
        if (nl < 0) {
          break; // torn line
        }
        String line = text.substring(start, nl).trim();
        start = nl + 1;
        if (!line.isEmpty()) {
          out.add(JSON.readTree(line));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
