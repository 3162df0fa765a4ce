package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./suite export-db}: a standalone SQLite copy of the registry. */
@Command(
    name = "export-db",
    description = "Write a standalone SQLite copy of the registry (VACUUM INTO).")
public class ExportDbCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Option(
      names = "--output",
      description = "also download the copy to FILE (default: leave it in var/exports/)")
  Path output;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) throws Exception {
    JsonNode r = client.post("/api/v1/exports", null);
    out(
        "export "
            + r.path("path").asText()
            + " ("
            + r.path("bytes").asLong()
            + " bytes, sha256 "
            + r.path("sha256").asText()
            + ")");
    if (output != null) {
      RegistryClient.write(output, client.bytes(r.path("download").asText()));
      out("wrote " + output.toAbsolutePath());
    }
  }
}
