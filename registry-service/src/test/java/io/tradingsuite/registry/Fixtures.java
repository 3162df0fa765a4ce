package io.tradingsuite.registry;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Hand-made Freqtrade-format fixtures (src/test/resources/fixtures) with {@code __STRATEGY__}
 * replaced by a fresh name, so every test run indexes content no earlier run did.
 */
public final class Fixtures {
  public static final String BACKTEST = "backtest-result-2024-01-15_10-00-00.json";
  public static final String BACKTEST_META = "backtest-result-2024-01-15_10-00-00.meta.json";
  public static final String HYPEROPT = "strategy___STRATEGY___2024-03-01_08-00-00.fthypt";

  private Fixtures() {}

  public static String freshStrategy() {
    return "Rt" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "Strategy";
  }

  public static String text(String fixture, String strategy) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + fixture);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("__STRATEGY__", strategy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a fixture into {@code dir} under {@code name} (placeholders replaced in name and
   * content).
   */
  public static Path install(Path dir, String fixture, String name, String strategy) {
    return write(dir.resolve(name.replace("__STRATEGY__", strategy)), text(fixture, strategy));
  }

  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Freqtrade 2024.12+ layout: {@code <name>.zip} holding {@code <name>.json} and a config side
   * file.
   */
  public static Path installZip(Path dir, String baseName, String strategy) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry(baseName + "_config.json"));
        zip.write("{\"max_open_trades\": 3}".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(baseName + ".json"));
        zip.write(text(BACKTEST, strategy).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
      Files.createDirectories(dir);
      Path file = dir.resolve(baseName + ".zip");
      Files.write(file, bytes.toByteArray());
      write(
          dir.resolve(baseName + ".meta.json"),
          text(BACKTEST_META, strategy)
              .replace("1705312800,", "1706790600,")
              .replace("\"5m\"", "\"1h\""));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Validator validator() {
    return Validation.byDefaultProvider()
        .configure()
        .messageInterpolator(new ParameterMessageInterpolator())
        .buildValidatorFactory()
        .getValidator();
  }
}
