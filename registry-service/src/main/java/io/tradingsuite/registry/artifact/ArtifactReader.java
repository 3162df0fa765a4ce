package io.tradingsuite.registry.artifact;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.registry.artifact.FreqtradeFiles.BacktestResultFile;
import io.tradingsuite.registry.artifact.FreqtradeFiles.HyperoptEpoch;
import io.tradingsuite.registry.artifact.FreqtradeFiles.MetaEntry;
import io.tradingsuite.registry.artifact.FreqtradeFiles.StrategyStats;
import io.tradingsuite.registry.artifact.FreqtradeFiles.Trade;
import io.tradingsuite.registry.artifact.RunRecord.EpochRecord;
import io.tradingsuite.registry.artifact.RunRecord.PairRecord;
import io.tradingsuite.registry.artifact.RunRecord.TradeRecord;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path.Node;
import jakarta.validation.Validator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads one result file — Freqtrade's backtest JSON, its 2024.12+ ZIP, a {@code .fthypt} — into
 * validated {@link RunRecord}s. Plain Java: Jackson for parsing, a Bean Validation {@link
 * Validator} for the rules. Any problem is an {@link ArtifactProblem} naming the field; nothing
 * partial is returned.
 */
public final class ArtifactReader {
  private static final Pattern FILE_TIME =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2})");
  private static final Pattern HYPEROPT_NAME =
      Pattern.compile("strategy_(.+)_\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}\\.fthypt");
  private static final DateTimeFormatter FILE_TIME_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss");
  private static final Set<String> NOT_RESULTS = Set.of(".last_result.json");

  private final ObjectMapper mapper = newMapper();
  private final ObjectReader backtestReader = mapper.readerFor(BacktestResultFile.class);
  private final ObjectReader epochReader = mapper.readerFor(HyperoptEpoch.class);
  private final ObjectReader metaReader =
      mapper.readerFor(
          TypeFactory.defaultInstance()
              .constructMapType(LinkedHashMap.class, String.class, MetaEntry.class));
  private final Validator validator;

  public ArtifactReader(Validator validator) {
    this.validator = validator;
  }

  /**
   * What the registry needs to know about a file besides its bytes. {@code strategy} and {@code
   * createdAt} may be null.
   */
  public record Source(Path file, String relativePath, String strategy, Instant createdAt) {}

  /**
   * The kind of result a file name announces, or empty for files that are not results themselves
   * ({@code .meta.json}, {@code .last_result.json}, a ZIP's config or market-change side files).
   */
  public static Optional<ArtifactKind> kindOf(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".fthypt")) {
      return Optional.of(ArtifactKind.HYPEROPT);
    }
    if (NOT_RESULTS.contains(name)
        || name.endsWith(".meta.json")
        || name.endsWith("_config.json")
        || name.startsWith(".")) {
      return Optional.empty();
    }
    return name.endsWith(".json") || name.endsWith(".zip")
        ? Optional.of(ArtifactKind.BACKTEST)
        : Optional.empty();
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads and validates the file's runs. */
  public List<RunRecord> read(Source source, byte[] content, String sha256) {
    ArtifactKind kind =
        kindOf(source.file())
            .orElseThrow(
                () ->
                    new ArtifactProblem(
                        "path", "not a backtest result (.json, .zip) or hyperopt (.fthypt) file"));
    return kind == ArtifactKind.HYPEROPT
        ? readHyperopt(source, content, sha256)
        : readBacktest(source, content, sha256);
  }

  // ---------------------------------------------------------------- backtests

  private List<RunRecord> readBacktest(Source source, byte[] content, String sha256) {
    String name = source.file().getFileName().toString();
    byte[] json = name.endsWith(".zip") ? resultJsonInZip(name, content) : content;
    BacktestResultFile file = parse(backtestReader, json, "");
    validate(file, "");
    Map<String, MetaEntry> meta = readMeta(source.file());
    List<RunRecord> runs = new ArrayList<>();
    for (Map.Entry<String, StrategyStats> e : file.strategy().entrySet()) {
      String strategy = e.getKey();
      StrategyStats s = e.getValue();
      MetaEntry m = meta.get(strategy);
      Instant created =
          firstNonNull(
              m == null || m.backtestStartTime() == null
                  ? null
                  : Instant.ofEpochSecond(m.backtestStartTime()),
              s.backtestRunStartTs() == null ? null : Instant.ofEpochSecond(s.backtestRunStartTs()),
              timeInName(name),
              source.createdAt(),
              modified(source.file()));
      List<TradeRecord> trades = new ArrayList<>(s.trades().size());
      int seq = 0;
      for (Trade t : s.trades()) {
        trades.add(
            new TradeRecord(
                seq++,
                t.pair(),
                t.openDate(),
                t.closeDate(),
                t.openRate(),
                t.closeRate(),
                t.amount(),
                t.stakeAmount(),
                t.profitRatio(),
                t.profitAbs(),
                t.exitReason()));
      }
      List<PairRecord> pairs =
          s.resultsPerPair() == null
              ? List.of()
              : s.resultsPerPair().stream()
                  .map(
                      p ->
                          new PairRecord(
                              p.key(),
                              p.trades(),
                              p.profitMean(),
                              p.profitTotal(),
                              p.profitTotalAbs(),
                              p.wins(),
                              p.draws(),
                              p.losses()))
                  .toList();
      BigDecimal profitAbs =
          s.profitTotalAbs() != null
              ? s.profitTotalAbs()
              : s.trades().stream().map(Trade::profitAbs).reduce(BigDecimal.ZERO, BigDecimal::add);
      runs.add(
          new RunRecord(
              runId(sha256, strategy),
              ArtifactKind.BACKTEST,
              strategy,
              seconds(created),
              firstNonNull(s.timeframe(), m == null ? null : m.timeframe()),
              epochMillis(
                  firstNonNull(
                      s.backtestStartTs(),
                      m == null ? null : secondsToMillis(m.backtestStartTs()))),
              epochMillis(
                  firstNonNull(
                      s.backtestEndTs(), m == null ? null : secondsToMillis(m.backtestEndTs()))),
              s.totalTrades() != null ? s.totalTrades() : s.trades().size(),
              s.wins(),
              s.losses(),
              s.draws(),
              s.profitTotal(),
              profitAbs,
              s.maxDrawdownAccount(),
              s.maxDrawdownAbs(),
              s.sharpe(),
              s.sortino(),
              s.calmar(),
              s.startingBalance(),
              s.finalBalance(),
              s.stakeCurrency(),
              null,
              null,
              null,
              sha256,
              source.relativePath(),
              trades,
              pairs,
              List.of()));
    }
    return runs;
  }

  /**
   * Freqtrade 2024.12+ ZIP: {@code <name>.json} inside, beside config, strategy source and
   * market-change files.
   */
  private byte[] resultJsonInZip(String zipName, byte[] content) {
    String wanted = zipName.substring(0, zipName.length() - ".zip".length()) + ".json";
    byte[] fallback = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        String entry = Path.of(e.getName()).getFileName().toString();
        if (entry.equals(wanted)) {
          return zip.readAllBytes();
        }
        if (fallback == null
            && entry.startsWith("backtest-result")
            && entry.endsWith(".json")
            && !entry.endsWith("_config.json")) {
          fallback = zip.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new ArtifactProblem("$", "unreadable ZIP: " + e.getMessage(), e);
    }
    if (fallback == null) {
      throw new ArtifactProblem(
          "$", "ZIP holds no backtest result JSON (looked for " + wanted + ")");
    }
    return fallback;
  }

  /**
   * {@code backtest-result-<ts>.meta.json} beside {@code backtest-result-<ts>.json|.zip}; optional.
   */
  private Map<String, MetaEntry> readMeta(Path file) {
    String name = file.getFileName().toString();
    String base = name.substring(0, name.lastIndexOf('.'));
    Path meta = file.resolveSibling(base + ".meta.json");
    if (!Files.isRegularFile(meta)) {
      return Map.of();
    }
    try {
      return parse(metaReader, Files.readAllBytes(meta), meta.getFileName() + ":");
    } catch (IOException e) {
      throw new ArtifactProblem(meta.getFileName().toString(), "unreadable: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- hyperopts

  private List<RunRecord> readHyperopt(Source source, byte[] content, String sha256) {
    String name = source.file().getFileName().toString();
    List<HyperoptEpoch> epochs = new ArrayList<>();
    Set<Integer> seen = new java.util.HashSet<>();
    String text = new String(content, StandardCharsets.UTF_8);
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      String prefix = "lines[" + lineNo + "]";
      HyperoptEpoch epoch = parse(epochReader, line.getBytes(StandardCharsets.UTF_8), prefix);
      validate(epoch, prefix);
      if (!seen.add(epoch.currentEpoch())) {
        throw new ArtifactProblem(
            prefix + ".current_epoch", "duplicate epoch " + epoch.currentEpoch());
      }
      epochs.add(epoch);
    }
    if (epochs.isEmpty()) {
      throw new ArtifactProblem("$", "no epochs: the file has no JSON lines");
    }
    Matcher named = HYPEROPT_NAME.matcher(name);
    String strategy =
        firstNonNull(
            named.matches() ? named.group(1) : null,
            epochs.get(0).resultsMetrics().strategyName(),
            source.strategy());
    if (strategy == null || strategy.isBlank()) {
      throw new ArtifactProblem(
          "strategy",
          "unknown: not in the file name (strategy_<Name>_<time>.fthypt) nor in results_metrics.strategy_name");
    }
    HyperoptEpoch best =
        epochs.stream().min(Comparator.comparing(HyperoptEpoch::loss)).orElseThrow();
    List<EpochRecord> epochRecords = new ArrayList<>(epochs.size());
    for (HyperoptEpoch e : epochs) {
      var m = e.resultsMetrics();
      @SuppressWarnings("ReferenceEquality") // the one epoch min() picked, not every equal one
      boolean isBest = e == best;
      epochRecords.add(
          new EpochRecord(
              e.currentEpoch(),
              e.loss(),
              isBest,
              m.totalTrades(),
              m.profitTotal(),
              m.profitTotalAbs(),
              m.maxDrawdownAccount(),
              m.sharpe(),
              json(e.paramsDict())));
    }
    var m = best.resultsMetrics();
    Instant created = firstNonNull(timeInName(name), source.createdAt(), modified(source.file()));
    return List.of(
        new RunRecord(
            runId(sha256, strategy),
            ArtifactKind.HYPEROPT,
            strategy,
            seconds(created),
            m.timeframe(),
            null,
            null,
            m.totalTrades(),
            m.wins(),
            m.losses(),
            m.draws(),
            m.profitTotal(),
            m.profitTotalAbs(),
            m.maxDrawdownAccount(),
            null,
            m.sharpe(),
            null,
            null,
            m.startingBalance(),
            null,
            m.stakeCurrency(),
            epochs.size(),
            best.currentEpoch(),
            best.loss(),
            sha256,
            source.relativePath(),
            List.of(),
            List.of(),
            epochRecords));
  }

  // ---------------------------------------------------------------- helpers

  @SuppressWarnings("TypeParameterUnusedInFormals") // T is the reader's type, as in readValue
  private <T> T parse(ObjectReader reader, byte[] json, String prefix) {
    try (JsonParser parser = mapper.createParser(json)) {
      try {
        T value = reader.readValue(parser);
        if (value == null) {
          throw new ArtifactProblem(
              prefix.isEmpty() ? "$" : prefix, "must be a JSON object, not null");
        }
        return value;
      } catch (JsonMappingException e) {
        if (e.getCause()
            instanceof StreamReadException syntax) { // databind wraps syntax errors met mid-value
          throw malformed(prefix, syntax, path(e));
        }
        throw new ArtifactProblem(join(prefix, path(e)), firstLine(e.getOriginalMessage()), e);
      } catch (JsonProcessingException e) {
        throw malformed(prefix, e, "$");
      }
    } catch (IOException e) {
      throw new ArtifactProblem(
          prefix.isEmpty() ? "$" : prefix, "unreadable: " + e.getMessage(), e);
    }
  }

  private static ArtifactProblem malformed(String prefix, JsonProcessingException e, String path) {
    JsonLocation at = e.getLocation();
    return new ArtifactProblem(
        join(prefix, path),
        "malformed JSON (truncated or not JSON): "
            + firstLine(e.getOriginalMessage())
            + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
        e);
  }

  private void validate(Object value, String prefix) {
    Set<ConstraintViolation<Object>> violations = validator.validate(value);
    if (violations.isEmpty()) {
      return;
    }
    // report the first by path, so the same file always gives the same message
    ConstraintViolation<Object> v =
        violations.stream()
            .min(Comparator.comparing(c -> c.getPropertyPath().toString()))
            .orElseThrow();
    Object bad = v.getInvalidValue();
    String was =
        bad == null
            ? " (missing)"
            : bad instanceof Number || bad instanceof CharSequence ? " (was " + bad + ")" : "";
    throw new ArtifactProblem(join(prefix, path(v.getPropertyPath())), v.getMessage() + was);
  }

  private static String path(jakarta.validation.Path path) {
    StringBuilder s = new StringBuilder();
    for (Node n : path) {
      if (n.isInIterable()) {
        if (n.getKey() != null) {
          s.append('.')
              .append(n.getKey()); // a map key, written as Jackson writes it in its own paths
        } else {
          s.append('[').append(n.getIndex()).append(']');
        }
      }
      String name = n.getName();
      if (name != null && !name.startsWith("<")) {
        s.append(s.length() == 0 ? "" : ".").append(snake(name));
      }
    }
    return s.length() == 0 ? "$" : s.toString();
  }

  private static String path(JsonMappingException e) {
    StringBuilder s = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        s.append(s.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        s.append('[').append(r.getIndex()).append(']');
      }
    }
    return s.length() == 0 ? "$" : s.toString();
  }

  private static String join(String prefix, String path) {
    if (prefix.isEmpty()) {
      return path;
    }
    return "$".equals(path) ? prefix : prefix + (prefix.endsWith(":") ? "" : ".") + path;
  }

  static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String m = message.lines().findFirst().orElse(message);
    for (String clutter : List.of(" (for ", " (start marker", " at [Source")) {
      int at = m.indexOf(clutter);
      if (at > 0) {
        m = m.substring(0, at);
      }
    }
    return m;
  }

  private String json(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new ArtifactProblem(
          "params_dict", "cannot be written back as JSON: " + e.getMessage(), e);
    }
  }

  /** A deterministic id: the same file content and strategy always give the same run id. */
  static String runId(String sha256, String strategy) {
    return sha256((sha256 + "/" + strategy).getBytes(StandardCharsets.UTF_8)).substring(0, 24);
  }

  private static Instant timeInName(String name) {
    Matcher m = FILE_TIME.matcher(name);
    if (!m.find()) {
      return null;
    }
    try {
      return LocalDateTime.parse(m.group(1), FILE_TIME_FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static Instant modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }

  private static Instant seconds(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS);
  }

  private static Long secondsToMillis(Long s) {
    return s == null ? null : s * 1000;
  }

  private static Instant epochMillis(Long ms) {
    return ms == null ? null : Instant.ofEpochMilli(ms);
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static ObjectMapper newMapper() {
    SimpleModule lenient =
        new SimpleModule("freqtrade-lenient")
            .addDeserializer(Instant.class, new FreqtradeInstantDeserializer())
            .addDeserializer(BigDecimal.class, new NanAsNullDecimalDeserializer());
    return JsonMapper.builder()
        .addModule(lenient)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // rapidjson writes NaN in .fthypt
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
        .build();
  }

  /**
   * Freqtrade writes {@code 2018-01-10 07:15:00+00:00}; the suite writes ISO {@code ...T...Z}; both
   * are read.
   */
  private static final class FreqtradeInstantDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    FreqtradeInstantDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      String text = p.getText().strip().replace(' ', 'T');
      try {
        if (text.endsWith("Z")) {
          return Instant.parse(text);
        }
        if (text.length() <= 19
            || !(text.substring(19).contains("+") || text.substring(19).contains("-"))) {
          return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeException e) {
        return (Instant)
            ctxt.handleWeirdStringValue(
                Instant.class,
                p.getText(),
                "not a date like 2024-01-01 00:00:00+00:00 or 2024-01-01T00:00:00Z");
      }
    }
  }

  /** {@code NaN} and infinities (rapidjson writes them for undefined ratios) become "absent". */
  private static final class NanAsNullDecimalDeserializer
      extends StdScalarDeserializer<BigDecimal> {
    private static final long serialVersionUID = 1L;

    NanAsNullDecimalDeserializer() {
      super(BigDecimal.class);
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) {
        return null;
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDecimalValue();
      }
      return (BigDecimal) ctxt.handleUnexpectedToken(BigDecimal.class, p);
    }
  }
}
