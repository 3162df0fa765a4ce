package io.tradingsuite.registry.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Backup and restore of the registry ({@code backup_restore.py} of the old bot): a ZIP with {@code
 * backtest_results/}, {@code hyperopt_results/}, a consistent snapshot of the registry database,
 * optionally {@code logs/}, and {@code manifest.json} with every file's sha256.
 *
 * <p>Restore checks everything before it touches anything: the archive must open, the manifest must
 * parse, every listed file must be present with its exact sha256 and size, and nothing unlisted may
 * be inside. Only then are the folders swapped in (rename of staged folders) and the database
 * replaced (SQLite backup API, one transaction); if the database step fails the folders are put
 * back.
 */
public class BackupService {
  public static final String FORMAT = "tradingsuite-backup/1";
  public static final String MANIFEST = "manifest.json";
  public static final String DATABASE_ENTRY = "registry/strategies_registry.sqlite";
  static final List<String> DATA_ROOTS = List.of("backtest_results", "hyperopt_results");
  static final String LOGS = "logs";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,120}");
  private static final Pattern ENTRY =
      Pattern.compile("(backtest_results|hyperopt_results|logs)/[^\\\\:*?\"<>|\\x00]+");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /** What the database side must do: a consistent copy out, and an atomic replace in. */
  public interface Snapshots {
    void snapshotTo(Path target);

    void restoreFrom(Path source);
  }

  public record FileEntry(String path, String sha256, long bytes) {}

  public record Manifest(
      String format,
      String id,
      String createdAt,
      boolean includeLogs,
      List<String> roots,
      List<FileEntry> files) {}

  public record BackupInfo(
      String id,
      String path,
      String createdAt,
      boolean includeLogs,
      int files,
      long bytes,
      String sha256) {}

  public record RestoreResult(String id, String archive, int files, List<String> roots) {}

  /** A restore that was refused before anything changed; {@code file} names what failed. */
  public static class RestoreRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String file;

    public RestoreRefused(String file, String reason, Throwable cause) {
      super(file + ": " + reason, cause);
      this.file = file;
    }

    public String file() {
      return file;
    }
  }

  private final Path varDir;
  private final Path backupsDir;
  private final Snapshots snapshots;
  private final Clock clock;

  public BackupService(Path varDir, Path backupsDir, Snapshots snapshots, Clock clock) {
    this.varDir = varDir.toAbsolutePath().normalize();
    this.backupsDir = backupsDir.toAbsolutePath().normalize();
    this.snapshots = snapshots;
    this.clock = clock;
  }

  public Path backupsDir() {
    return backupsDir;
  }

  /** The archive of a backup id, e.g. {@code backup_20250829_173000_1a2b3c}. */
  public Path archiveOf(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("not a backup id: " + id);
    }
    return backupsDir.resolve(id + ".zip");
  }

  // ---------------------------------------------------------------- backup

  public synchronized BackupInfo create(boolean includeLogs) throws IOException {
    Instant now = clock.instant();
    String id =
        "backup_" + ID_TIME.format(now) + "_" + UUID.randomUUID().toString().substring(0, 6);
    Files.createDirectories(backupsDir);
    Path work = Files.createDirectories(backupsDir.resolve(".work-" + id));
    Path part = backupsDir.resolve(id + ".zip.part");
    Path archive = archiveOf(id);
    try {
      Path db = work.resolve("strategies_registry.sqlite");
      snapshots.snapshotTo(db);
      List<String> roots = new ArrayList<>(DATA_ROOTS);
      if (includeLogs) {
        roots.add(LOGS);
      }
      List<FileEntry> files = new ArrayList<>();
      MessageDigest archiveDigest = sha();
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), archiveDigest);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (String root : roots) {
          for (Path f : filesUnder(varDir.resolve(root))) {
            String name =
                root + "/" + varDir.resolve(root).relativize(f).toString().replace('\\', '/');
            files.add(add(zip, name, f));
          }
        }
        files.add(add(zip, DATABASE_ENTRY, db));
        Manifest manifest = new Manifest(FORMAT, id, now.toString(), includeLogs, roots, files);
        zip.putNextEntry(new ZipEntry(MANIFEST));
        zip.write(JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
      }
      Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
      long bytes = files.stream().mapToLong(FileEntry::bytes).sum();
      return new BackupInfo(
          id,
          archive.toString(),
          now.toString(),
          includeLogs,
          files.size(),
          bytes,
          HexFormat.of().formatHex(sha256Of(archive)));
    } finally {
      Files.deleteIfExists(part);
      deleteTree(work);
    }
  }

  private static FileEntry add(ZipOutputStream zip, String name, Path file) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setLastModifiedTime(Files.getLastModifiedTime(file));
    zip.putNextEntry(e);
    MessageDigest d = sha();
    long n;
    try (InputStream in = Files.newInputStream(file)) {
      n = copy(in, zip, d);
    }
    zip.closeEntry();
    return new FileEntry(name, HexFormat.of().formatHex(d.digest()), n);
  }

  // ---------------------------------------------------------------- restore

  public RestoreResult restore(String id) throws IOException {
    return restore(archiveOf(id));
  }

  /**
   * Verifies every file of {@code archive} against its manifest, then swaps the folders and the
   * database in. Throws {@link RestoreRefused} (nothing changed) naming the failing file.
   */
  public synchronized RestoreResult restore(Path archive) throws IOException {
    String label = archive.getFileName().toString();
    if (!Files.isRegularFile(archive)) {
      throw new RestoreRefused(label, "no such archive: " + archive, null);
    }
    Files.createDirectories(backupsDir);
    Path work = Files.createDirectories(backupsDir.resolve(".restore-" + UUID.randomUUID()));
    try {
      Path staged = Files.createDirectories(work.resolve("staged"));
      Manifest manifest = verifyAndExtract(archive, label, staged);
      swapIn(manifest, staged, work.resolve("old"));
      return new RestoreResult(
          manifest.id(), archive.toString(), manifest.files().size(), manifest.roots());
    } finally {
      deleteTree(work);
    }
  }

  private Manifest verifyAndExtract(Path archive, String label, Path staged) throws IOException {
    ZipFile zip;
    try {
      zip = new ZipFile(archive.toFile());
    } catch (ZipException e) {
      throw new RestoreRefused(
          label, "not a readable backup archive (truncated or corrupted): " + e.getMessage(), e);
    }
    try (zip) {
      ZipEntry me = zip.getEntry(MANIFEST);
      if (me == null) {
        throw new RestoreRefused(MANIFEST, "missing from " + label, null);
      }
      Manifest manifest;
      try (InputStream in = zip.getInputStream(me)) {
        manifest = JSON.readValue(in, Manifest.class);
      } catch (IOException e) {
        throw new RestoreRefused(MANIFEST, "unreadable: " + e.getMessage(), e);
      }
      checkManifest(manifest);
      Set<String> listed = new HashSet<>();
      for (FileEntry f : manifest.files()) {
        listed.add(f.path());
      }
      for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
        ZipEntry e = en.nextElement();
        if (!e.isDirectory() && !e.getName().equals(MANIFEST) && !listed.contains(e.getName())) {
          throw new RestoreRefused(e.getName(), "in the archive but not in its manifest", null);
        }
      }
      for (FileEntry f : manifest.files()) {
        ZipEntry e = zip.getEntry(f.path());
        if (e == null) {
          throw new RestoreRefused(
              f.path(), "listed in the manifest but missing from the archive", null);
        }
        Path target = staged.resolve(f.path()).normalize();
        if (!target.startsWith(staged)) {
          throw new RestoreRefused(f.path(), "path leaves the restore folder", null);
        }
        Files.createDirectories(target.getParent());
        MessageDigest d = sha();
        long n;
        try (InputStream in = zip.getInputStream(e);
            OutputStream out = Files.newOutputStream(target)) {
          n = copy(in, out, d);
        } catch (IOException ex) {
          throw new RestoreRefused(
              f.path(),
              "cannot be read from the archive (corrupted or truncated): " + ex.getMessage(),
              ex);
        }
        String sum = HexFormat.of().formatHex(d.digest());
        if (n != f.bytes() || !sum.equals(f.sha256())) {
          throw new RestoreRefused(
              f.path(),
              "sha256 "
                  + sum
                  + " ("
                  + n
                  + " bytes) does not match the manifest's "
                  + f.sha256()
                  + " ("
                  + f.bytes()
                  + " bytes)",
              null);
        }
        if (e.getLastModifiedTime() != null) {
          Files.setLastModifiedTime(target, e.getLastModifiedTime());
        }
      }
      return manifest;
    }
  }

  private static void checkManifest(Manifest m) {
    if (!FORMAT.equals(m.format())) {
      throw new RestoreRefused(
          MANIFEST, "format must be " + FORMAT + " (was " + m.format() + ")", null);
    }
    if (m.files() == null || m.roots() == null) {
      throw new RestoreRefused(MANIFEST, "files and roots are required", null);
    }
    for (String root : m.roots()) {
      if (!DATA_ROOTS.contains(root) && !LOGS.equals(root)) {
        throw new RestoreRefused(MANIFEST, "unknown root " + root, null);
      }
    }
    boolean db = false;
    Set<String> seen = new HashSet<>();
    for (FileEntry f : m.files()) {
      if (f.path() == null || f.sha256() == null || !seen.add(f.path())) {
        throw new RestoreRefused(MANIFEST, "bad or duplicate file entry " + f.path(), null);
      }
      if (f.path().equals(DATABASE_ENTRY)) {
        db = true;
      } else if (!ENTRY.matcher(f.path()).matches()
          || f.path().contains("..")
          || !m.roots().contains(f.path().substring(0, f.path().indexOf('/')))) {
        throw new RestoreRefused(f.path(), "not a path a backup may restore", null);
      }
    }
    if (!db) {
      throw new RestoreRefused(DATABASE_ENTRY, "the manifest lists no registry database", null);
    }
  }

  /**
   * Renames the staged folders into place (keeping the current ones aside), then replaces the
   * database.
   */
  private void swapIn(Manifest manifest, Path staged, Path old) throws IOException {
    Files.createDirectories(old);
    Deque<Runnable> undo = new ArrayDeque<>();
    try {
      for (String root : manifest.roots()) {
        Path live = varDir.resolve(root);
        Path aside = old.resolve(root);
        Path incoming = staged.resolve(root);
        Files.createDirectories(
            incoming); // an empty folder in the backup restores as an empty folder
        if (Files.exists(live)) {
          Files.move(live, aside);
          undo.push(() -> moveQuietly(aside, live));
        }
        Files.createDirectories(live.getParent());
        Files.move(incoming, live);
        undo.push(() -> moveQuietly(live, incoming));
      }
      snapshots.restoreFrom(staged.resolve(DATABASE_ENTRY));
    } catch (IOException | RuntimeException e) {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
      throw e;
    }
  }

  private static void moveQuietly(Path from, Path to) {
    try {
      Files.move(from, to);
    } catch (IOException e) {
      throw new IllegalStateException(
          "could not put " + from + " back to " + to + ": " + e.getMessage(), e);
    }
  }

  /** Backups in the backups folder, newest first. */
  public List<Map<String, Object>> list() throws IOException {
    if (!Files.isDirectory(backupsDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(backupsDir)) {
      List<Map<String, Object>> out = new ArrayList<>();
      for (Path p :
          s.filter(p -> p.getFileName().toString().endsWith(".zip"))
              .sorted(java.util.Comparator.reverseOrder())
              .toList()) {
        Map<String, Object> m = new HashMap<>();
        String name = p.getFileName().toString();
        m.put("id", name.substring(0, name.length() - 4));
        m.put("path", p.toString());
        m.put("bytes", Files.size(p));
        out.add(m);
      }
      return out;
    }
  }

  // ---------------------------------------------------------------- helpers

  private static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static long copy(InputStream in, OutputStream out, MessageDigest d) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    for (int r; (r = in.read(buf)) > 0; ) {
      d.update(buf, 0, r);
      out.write(buf, 0, r);
      n += r;
    }
    return n;
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] sha256Of(Path file) throws IOException {
    MessageDigest d = sha();
    try (InputStream in = Files.newInputStream(file)) {
      copy(in, OutputStream.nullOutputStream(), d);
    }
    return d.digest();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
            try {
              Files.delete(d);
            } catch (DirectoryNotEmptyException e) {
              // something wrote into it meanwhile; leave it
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
