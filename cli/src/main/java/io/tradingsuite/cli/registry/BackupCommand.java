package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./suite backup [--logs]}: backup_restore.py backup of the old bot. */
@Command(
    name = "backup",
    description =
        "Archive backtest_results, hyperopt_results and a registry snapshot (with sha256 manifest) under var/backups/.")
public class BackupCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Option(names = "--logs", description = "include var/logs")
  boolean logs;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) {
    JsonNode r = client.post("/api/v1/backups", Map.of("include_logs", logs));
    out(
        "backup "
            + r.path("id").asText()
            + ": "
            + r.path("path").asText()
            + " ("
            + r.path("files").asInt()
            + " files, sha256 "
            + r.path("sha256").asText()
            + ")");
  }
}
