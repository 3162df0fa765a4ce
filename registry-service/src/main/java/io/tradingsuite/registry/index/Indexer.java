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
import java.nio.file.InvalidPathException;
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
    Path file;
    try {
      file = resolve(message.path());
    } catch (InvalidPathException e) {
      return reject(
          message.path().replace('\u0000', '?'),
          null,
          "path",
          "not a file path: " + e.getReason(),
          message.id());
    }
    if (!file.startsWith(varDir)) {
      // a message names a result on the shared artifacts volume, never a file elsewhere on the host
      return reject(
          message.path(),
          null,
          "path",
          "not under the artifacts folder " + varDir + ": " + file,
          message.id());
    }
    return index(
        file,
        message.kind(),
        message.strategy(),
        message.createdAt(),
        message.sha256(),
        message.id());
  }

  /**
   * Scans both result folders (file names in order) and indexes what is new. New artifacts are
   * stored {@value #SCAN_BATCH} to a transaction (one commit each instead of one per file); a batch
   * the database refuses is stored again file by file, so one bad row costs only its own file.
   */
  public ScanSummary scan() {
    int indexed = 0;
    int unchanged = 0;
    List<Outcome> problems = new ArrayList<>();
    List<Prepared> batch = new ArrayList<>(SCAN_BATCH);
    List<Outcome> outcomes = new ArrayList<>();
    for (String dir : List.of(BACKTEST_DIR, HYPEROPT_DIR)) {
      List<Path> files = files(varDir.resolve(dir));
      for (int i = 0; i < files.size(); i++) {
        Path file = files.get(i);
        Optional<ArtifactKind> kind = ArtifactReader.kindOf(file);
        if (kind.isPresent()) {
          Prepared p = prepare(file, kind.get(), null, null, null, null);
          if (p.done() != null) {
            outcomes.add(p.done());
          } else {
            batch.add(p);
          }
        }
        if (batch.size() == SCAN_BATCH || (i == files.size() - 1 && !batch.isEmpty())) {
          outcomes.addAll(store(batch));
          batch.clear();
        }
      }
    }
    for (Outcome o : outcomes) {
      switch (o.status()) {
        case INDEXED -> indexed++;
        case UNCHANGED, DUPLICATE_MESSAGE -> unchanged++;
        case REJECTED -> problems.add(o);
      }
    }
    return new ScanSummary(indexed, unchanged, problems.size(), problems, latest());
  }

  public static final int SCAN_BATCH = 200;

  private List<Outcome> store(List<Prepared> batch) {
    List<Boolean> stored;
    try {
      stored = store.saveArtifacts(batch.stream().map(Prepared::pending).toList());
    } catch (RegistryStore.StoreException e) {
      return batch.stream().map(this::storeOne).toList();
    }
    List<Outcome> out = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      out.add(batch.get(i).outcome(stored.get(i)));
    }
    return out;
  }

  private Outcome storeOne(Prepared p) {
    return p.outcome(
        store.saveArtifact(
            p.pending().artifact(), p.pending().runs(), p.messageId(), Topics.ARTIFACTS));
  }

  /**
   * A file read, hashed and validated: either finished ({@code done}: unchanged or rejected) or
   * waiting to be stored.
   */
  private record Prepared(
      Outcome done, RegistryStore.PendingArtifact pending, String rel, String messageId) {
    Outcome outcome(boolean stored) {
      return new Outcome(
          rel,
          stored ? Status.INDEXED : Status.UNCHANGED,
          pending.artifact().sha256(),
          pending.runs().stream().map(RunRecord::id).toList(),
          null,
          null);
    }
  }

  /** Indexes one file; {@code expectedSha256}, when given, must match its content. */
  public Outcome index(
      Path file,
      ArtifactKind kind,
      String strategy,
      Instant createdAt,
      String expectedSha256,
      String messageId) {
    Prepared p = prepare(file, kind, strategy, createdAt, expectedSha256, messageId);
    return p.done() != null ? p.done() : storeOne(p);
  }

  private Prepared prepare(
      Path file,
      ArtifactKind kind,
      String strategy,
      Instant createdAt,
      String expectedSha256,
      String messageId) {
    String rel = relative(file);
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      // a directory, a device (/dev/zero would be read until the heap is gone), a pipe
      return done(reject(rel, null, "path", "not a regular file: " + file, messageId));
    }
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return done(reject(rel, null, "path", "no such file: " + file, messageId));
    } catch (IOException e) {
      return done(reject(rel, null, "path", "unreadable: " + e.getMessage(), messageId));
    }
    String sha = ArtifactReader.sha256(content);
    if (expectedSha256 != null && !expectedSha256.equals(sha)) {
      return done(
          reject(
              rel,
              sha,
              "sha256",
              "the file's content (sha256 "
                  + sha
                  + ") is not what the message announced ("
                  + expectedSha256
                  + "): changed or truncated after it was written",
              messageId));
    }
    if (store.hasArtifact(sha)) {
      if (messageId != null) {
        store.recordMessageOnly(messageId, Topics.ARTIFACTS);
      }
      return done(new Outcome(rel, Status.UNCHANGED, sha, List.of(), null, null));
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
      return done(reject(rel, sha, p.field(), p.reason(), messageId));
    }
    ArtifactRow row =
        new ArtifactRow(
            sha, kind != null ? kind : runs.get(0).kind(), rel, content.length, clock.instant());
    return new Prepared(null, new RegistryStore.PendingArtifact(row, runs), rel, messageId);
  }

  private static Prepared done(Outcome o) {
    return new Prepared(o, null, o.path(), null);
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
