package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./suite restore PATH}: verifies every sha256, then restores folders and registry
 * atomically.
 */
@Command(
    name = "restore",
    description =
        "Restore a backup archive: every sha256 is checked first; a bad archive changes nothing.")
public class RestoreCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Parameters(
      paramLabel = "PATH",
      description = "the backup archive (var/backups/<id>.zip) or a backup id")
  String path;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) {
    Path p = Path.of(path);
    JsonNode r =
        Files.exists(p) || path.contains("/") || path.endsWith(".zip")
            ? client.post(
                "/api/v1/restores", Map.of("path", p.toAbsolutePath().normalize().toString()))
            : client.post("/api/v1/backups/" + path + "/restore", null);
    out(
        "restored "
            + r.path("id").asText()
            + ": "
            + r.path("files").asInt()
            + " files ("
            + r.path("roots")
            + ")");
  }
}
