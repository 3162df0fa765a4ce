package io.tradingsuite.registry.index;

import io.tradingsuite.contracts.ArtifactCreated;
import io.tradingsuite.contracts.ArtifactKind;
import io.tradingsuite.contracts.Topics;
import io.tradingsuite.registry.artifact.ArtifactProblem;
import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.artifact.RunRecord;
import io.tradingsuite.registry.store.RegistryStore;
import io.tradingsuite.registry.store.RegistryStore.ArtifactRow;
import io.tradingsuite.registry.store.RegistryStore.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Indexes result files into the registry: from an {@link ArtifactCreated} message, or by scanning
 * {@code backtest_results/} and {@code hyperopt_results/} under the var dir. Idempotent by content
 * hash; a bad file is recorded with its path and failing field and skipped, never half-indexed.
 */
public class Indexer {
  public static final String BACKTEST_DIR = "backtest_results";
  public static final String HYPEROPT_DIR = "hyperopt_results";

  private final Path varDir;
  private final ArtifactReader reader;
  private final RegistryStore store;
  private final Clock clock;

  public Indexer(Path varDir, ArtifactReader reader, RegistryStore store, Clock clock) {
    this.varDir = varDir.toAbsolutePath().normalize();
    this.reader = reader;
    this.store = store;
    this.clock = clock;
  }

  public enum Status {
    INDEXED,
    UNCHANGED,
    REJECTED,
    DUPLICATE_MESSAGE
  }

  /** What happened to one file. {@code field}/{@code reason} are set when it was rejected. */
  public record Outcome(
      String path,
      Status status,
      String sha256,
      List<String> runIds,
      String field,
      String reason) {}

  /** A scan's result; {@code latest} echoes {@code .last_result.json} when there is one. */
  public record ScanSummary(
      int indexed,
      int unchanged,
      int rejected,
      List<Outcome> problems,
      Map<String, String> latest) {}

  /** Indexes the file an {@link ArtifactCreated} points at, deduplicating on the message id. */
  public Outcome onMessage(ArtifactCreated message) {
    if (store.messageProcessed(message.id())) {
      return new Outcome(
          message.path(), Status.DUPLICATE_MESSAGE, message.sha256(), List.of(), null, null);
    }
    Path file = resolve(message.path());
    return index(
        file,
        message.kind(),
        message.strategy(),
        message.createdAt(),
        message.sha256(),
        message.id());
  }

  /** Scans both result folders (file names in order) and indexes what is new. */
  public ScanSummary scan() {
    int indexed = 0;
    int unchanged = 0;
    List<Outcome> problems = new ArrayList<>();
    for (String dir : List.of(BACKTEST_DIR, HYPEROPT_DIR)) {
      for (Path file : files(varDir.resolve(dir))) {
        Optional<ArtifactKind> kind = ArtifactReader.kindOf(file);
        if (kind.isEmpty()) {
          continue;
        }
        Outcome o = index(file, kind.get(), null, null, null, null);
        switch (o.status()) {
          case INDEXED -> indexed++;
          case UNCHANGED, DUPLICATE_MESSAGE -> unchanged++;
          case REJECTED -> problems.add(o);
        }
      }
    }
    return new ScanSummary(indexed, unchanged, problems.size(), problems, latest());
  }

  /** Indexes one file; {@code expectedSha256}, when given, must match its content. */
  public Outcome index(
      Path file,
      ArtifactKind kind,
      String strategy,
      Instant createdAt,
      String expectedSha256,
      String messageId) {
    String rel = relative(file);
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return reject(rel, null, "path", "no such file: " + file, messageId);
    } catch (IOException e) {
      return reject(rel, null, "path", "unreadable: " + e.getMessage(), messageId);
    }
    String sha = ArtifactReader.sha256(content);
    if (expectedSha256 != null && !expectedSha256.equals(sha)) {
      return reject(
          rel,
          sha,
          "sha256",
          "the file's content (sha256 "
              + sha
              + ") is not what the message announced ("
              + expectedSha256
              + "): changed or truncated after it was written",
          messageId);
    }
    if (store.hasArtifact(sha)) {
      if (messageId != null) {
        store.recordMessageOnly(messageId, Topics.ARTIFACTS);
      }
      return new Outcome(rel, Status.UNCHANGED, sha, List.of(), null, null);
    }
    List<RunRecord> runs;
    try {
      runs = reader.read(new ArtifactReader.Source(file, rel, strategy, createdAt), content, sha);
      Optional<ArtifactKind> named = ArtifactReader.kindOf(file);
      if (kind != null && named.isPresent() && named.get() != kind) {
        throw new ArtifactProblem(
            "kind",
            "the message says "
                + kind.name().toLowerCase(Locale.ROOT)
                + " but the file is a "
                + named.get().name().toLowerCase(Locale.ROOT)
                + " result");
      }
    } catch (ArtifactProblem p) {
      return reject(rel, sha, p.field(), p.reason(), messageId);
    }
    boolean stored =
        store.saveArtifact(
            new ArtifactRow(
                sha,
                kind != null ? kind : runs.get(0).kind(),
                rel,
                content.length,
                clock.instant()),
            runs,
            messageId,
            Topics.ARTIFACTS);
    return new Outcome(
        rel,
        stored ? Status.INDEXED : Status.UNCHANGED,
        sha,
        runs.stream().map(RunRecord::id).toList(),
        null,
        null);
  }

  private Outcome reject(String rel, String sha, String field, String reason, String messageId) {
    store.recordProblem(
        new Problem(rel, sha, field, reason, clock.instant()), messageId, Topics.ARTIFACTS);
    return new Outcome(rel, Status.REJECTED, sha, List.of(), field, reason);
  }

  /** A message path: absolute, or relative to the var dir. */
  public Path resolve(String path) {
    Path p = Path.of(path);
    return (p.isAbsolute() ? p : varDir.resolve(p)).normalize();
  }

  /**
   * Stored paths are relative to the var dir when the file is under it, so a moved var dir still
   * matches.
   */
  private String relative(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(varDir)
        ? varDir.relativize(abs).toString().replace('\\', '/')
        : abs.toString();
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private Map<String, String> latest() {
    Map<String, String> out = new java.util.TreeMap<>();
    for (String dir : List.of(BACKTEST_DIR, HYPEROPT_DIR)) {
      Path last = varDir.resolve(dir).resolve(".last_result.json");
      if (Files.isRegularFile(last)) {
        try {
          var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(last.toFile());
          node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } catch (IOException | RuntimeException e) {
          out.put("error", dir + "/.last_result.json: " + e.getMessage());
        }
      }
    }
    return out;
  }

  public Path varDir() {
    return varDir;
  }
}
