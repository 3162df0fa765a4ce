package io.tradingsuite.strategy.hyperopt;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tradingsuite.core.ExitPlan;
import io.tradingsuite.core.RoiTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A strategy's parameter file in Freqtrade's shape ({@code <Strategy>.json}: {@code
 * {"strategy_name", "params": {"buy", "sell", "roi", "stoploss", "trailing"}, "ft_stratparam_v": 1,
 * "export_time"}}), kept under {@code {suite.var-dir}/strategy_params/}. As in Freqtrade, its
 * values replace the strategy's defaults, and explicit request/config values still override them.
 *
 * <p>How a backtest or bot applies it: {@code StrategyParamsFile.load(varDir, name)} &rarr; if
 * present, use {@link Loaded#strategyParams()} under the request's own {@code params} (request
 * wins) for {@code strategy.resolveParams(...)}, and {@link Loaded#applyTo(ExitPlan)} on the
 * strategy's exit plan before the request's {@code minimal_roi}/{@code stoploss}/{@code trailing_*}
 * overrides.
 */
public final class StrategyParamsFile {

  public static final String DIR = "strategy_params";

  private StrategyParamsFile() {}

  public static Path path(Path varDir, String strategy) {
    if (!strategy.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("bad strategy name: " + strategy);
    }
    return varDir.resolve(DIR).resolve(strategy + ".json");
  }

  /** Writes atomically (temp file + move) and returns the path. */
  public static Path write(Path varDir, String strategy, Map<String, Map<String, Object>> params) {
    Path p = path(varDir, strategy);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("strategy_name", strategy);
    doc.put("params", params);
    doc.put("ft_stratparam_v", 1);
    doc.put(
        "export_time",
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC)
            .format(Instant.now()));
    try {
      Files.createDirectories(p.getParent());
      Path tmp = Files.createTempFile(p.getParent(), strategy, ".tmp");
      Files.writeString(
          tmp,
          FthyptFile.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc),
          StandardCharsets.UTF_8);
      Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + p, e);
    }
  }

  /** The strategy's parameter file, if one was exported. */
  public static Optional<Loaded> load(Path varDir, String strategy) {
    Path p = path(varDir, strategy);
    if (!Files.exists(p)) {
      return Optional.empty();
    }
    try {
      JsonNode doc = FthyptFile.JSON.readTree(Files.readString(p, StandardCharsets.UTF_8));
      String name = doc.path("strategy_name").asText(strategy);
      if (!name.equals(strategy)) {
        throw new IllegalStateException(p + " belongs to strategy " + name);
      }
      Map<String, Map<String, Object>> params =
          FthyptFile.JSON.convertValue(
              doc.path("params"), new TypeReference<Map<String, Map<String, Object>>>() {});
      return Optional.of(new Loaded(name, params == null ? Map.of() : params));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }

  /**
   * The file's {@code buy}/{@code sell} values under {@code explicit} (explicit values win), as raw
   * input for {@code Strategy.resolveParams}.
   */
  public static Map<String, Object> under(Optional<Loaded> file, Map<String, Object> explicit) {
    Map<String, Object> m = new LinkedHashMap<>();
    file.ifPresent(f -> m.putAll(f.strategyParams()));
    if (explicit != null) {
      m.putAll(explicit);
    }
    return m;
  }

  /** A loaded file's {@code params} per space. */
  public record Loaded(String strategyName, Map<String, Map<String, Object>> params) {

    /** {@code buy} and {@code sell} values merged: raw input for {@code Strategy.resolveParams}. */
    public Map<String, Object> strategyParams() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.putAll(params.getOrDefault("buy", Map.of()));
      m.putAll(params.getOrDefault("sell", Map.of()));
      return m;
    }

    /** {@code plan} with the file's roi, stoploss and trailing values (those present) applied. */
    public ExitPlan applyTo(ExitPlan plan) {
      ExitPlan.Builder b = plan.toBuilder();
      Map<String, Object> roi = params.get("roi");
      if (roi != null) {
        Map<String, Number> table = new LinkedHashMap<>();
        roi.forEach((k, v) -> table.put(k, (Number) v));
        b.minimalRoi(RoiTable.of(table));
      }
      Map<String, Object> sl = params.get("stoploss");
      if (sl != null && sl.get("stoploss") instanceof Number n) {
        b.stoploss(n.doubleValue());
      }
      Map<String, Object> tr = params.get("trailing");
      if (tr != null) {
        if (tr.get("trailing_stop") instanceof Boolean v) {
          b.trailingStop(v);
        }
        if (tr.containsKey("trailing_stop_positive")) {
          Object v = tr.get("trailing_stop_positive");
          b.trailingStopPositive(v instanceof Number n ? n.doubleValue() : null);
        }
        if (tr.get("trailing_stop_positive_offset") instanceof Number v) {
          b.trailingStopPositiveOffset(v.doubleValue());
        }
        if (tr.get("trailing_only_offset_is_reached") instanceof Boolean v) {
          b.trailingOnlyOffsetIsReached(v);
        }
      }
      return b.build();
    }
  }
}
