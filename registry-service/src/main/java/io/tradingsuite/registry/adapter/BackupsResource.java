package io.tradingsuite.registry.adapter;

import io.tradingsuite.registry.artifact.ArtifactReader;
import io.tradingsuite.registry.backup.BackupService;
import io.tradingsuite.registry.backup.BackupService.BackupInfo;
import io.tradingsuite.registry.backup.BackupService.RestoreRefused;
import io.tradingsuite.registry.backup.BackupService.RestoreResult;
import io.tradingsuite.registry.query.RegistryQueries;
import io.tradingsuite.support.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Standalone exports of the registry, backups, and restores. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
public class BackupsResource {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

  @Inject BackupService backups;
  @Inject RegistryQueries registry;

  @ConfigProperty(name = "registry.exports-dir")
  String exportsDir;

  public record BackupRequest(Boolean includeLogs) {}

  public record RestoreRequest(String path) {}

  public record ExportInfo(String id, String path, long bytes, String sha256, String download) {}

  @POST
  @Path("/exports")
  @Operation(
      summary =
          "Write a standalone SQLite copy of the registry under var/exports/ (VACUUM INTO on SQLite, a snapshot copy on PostgreSQL)")
  public Response export() {
    String id =
        "strategies_registry_"
            + STAMP.format(Instant.now())
            + "_"
            + UUID.randomUUID().toString().substring(0, 6);
    java.nio.file.Path dir = java.nio.file.Path.of(exportsDir).toAbsolutePath().normalize();
    java.nio.file.Path target = dir.resolve(id + ".sqlite");
    try {
      Files.createDirectories(dir);
      registry.exportTo(target);
      byte[] content = Files.readAllBytes(target);
      return Response.status(201)
          .entity(
              new ExportInfo(
                  id,
                  target.toString(),
                  content.length,
                  ArtifactReader.sha256(content),
                  "/api/v1/exports/" + id))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @GET
  @Path("/exports/{id}")
  @Produces("application/vnd.sqlite3")
  @Operation(summary = "Download an export")
  public Response download(@PathParam("id") String id) {
    if (!id.matches("strategies_registry_[0-9_a-f]+")) {
      throw ProblemException.badRequest("id", "not an export id");
    }
    java.nio.file.Path file = java.nio.file.Path.of(exportsDir).resolve(id + ".sqlite");
    if (!Files.isRegularFile(file)) {
      throw ProblemException.notFound("no export " + id);
    }
    return Response.ok(file.toFile(), "application/vnd.sqlite3")
        .header("Content-Disposition", "attachment; filename=\"" + id + ".sqlite\"")
        .build();
  }

  @POST
  @Path("/backups")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Archive backtest_results, hyperopt_results, a registry snapshot and optionally logs, with sha256 manifest")
  public Response backup(BackupRequest request) {
    boolean logs = request != null && Boolean.TRUE.equals(request.includeLogs());
    try {
      BackupInfo info = backups.create(logs);
      return Response.status(201).entity(info).build();
    } catch (IOException e) {
      throw new ProblemException(500, null, "backup failed: " + e.getMessage());
    }
  }

  @GET
  @Path("/backups")
  @Operation(summary = "Backups in var/backups, newest first")
  public List<Map<String, Object>> list() throws IOException {
    return backups.list();
  }

  @POST
  @Path("/backups/{id}/restore")
  @Operation(
      summary = "Verify every sha256 of a backup, then restore folders and registry atomically")
  public RestoreResult restore(@PathParam("id") String id) {
    java.nio.file.Path archive;
    try {
      archive = backups.archiveOf(id);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("id", e.getMessage());
    }
    if (!Files.isRegularFile(archive)) {
      throw ProblemException.notFound("no backup " + id + " in " + backups.backupsDir());
    }
    return doRestore(archive);
  }

  @POST
  @Path("/restores")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Restore from an archive path readable by this service (./suite restore PATH)")
  public RestoreResult restoreFromPath(RestoreRequest request) {
    if (request == null || request.path() == null || request.path().isBlank()) {
      throw ProblemException.badRequest("path", "is required");
    }
    java.nio.file.Path archive;
    try {
      archive = java.nio.file.Path.of(request.path()).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw ProblemException.badRequest("path", "not a file path: " + e.getReason());
    }
    if (!Files.isRegularFile(archive)) {
      throw ProblemException.badRequest("path", "no such archive: " + archive);
    }
    return doRestore(archive);
  }

  private RestoreResult doRestore(java.nio.file.Path archive) {
    try {
      return backups.restore(archive);
    } catch (RestoreRefused e) {
      throw new ProblemException(
          422, e.file(), "restore refused, nothing changed: " + e.getMessage());
    } catch (IOException e) {
      throw new ProblemException(500, null, "restore failed: " + e.getMessage());
    }
  }
}
