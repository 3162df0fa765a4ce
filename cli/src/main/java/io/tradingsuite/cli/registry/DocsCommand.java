package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./suite docs}: strategy_cli.py docs of the old bot. */
@Command(
    name = "docs",
    description =
        "Write the strategies document (strategy-service's strategies and their best runs).")
public class DocsCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Option(
      names = "--output",
      defaultValue = "docs/STRATEGIES.md",
      description = "target file (default: ${DEFAULT-VALUE})")
  Path output;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) throws Exception {
    RegistryClient.write(output, client.bytes("/api/v1/reports/strategies"));
    out("wrote " + output.toAbsolutePath());
  }
}
