package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./suite report}: report-results of the old bot. */
@Command(
    name = "report",
    description =
        "The results report: per-strategy comparison and runs (8-decimal money; HTML has equity curves).")
public class ReportCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Option(
      names = "--format",
      defaultValue = "md",
      description = "md, json or html (default: ${DEFAULT-VALUE})")
  String format;

  @Option(names = "--output", description = "write to FILE instead of standard output")
  Path output;

  @Option(names = "--strategy", description = "only this strategy")
  String strategy;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) throws Exception {
    String query =
        "?format="
            + java.net.URLEncoder.encode(format, StandardCharsets.UTF_8)
            + (strategy == null
                ? ""
                : "&strategy=" + java.net.URLEncoder.encode(strategy, StandardCharsets.UTF_8));
    byte[] report = client.bytes("/api/v1/reports/results" + query);
    if (output == null) {
      spec.commandLine().getOut().print(new String(report, StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
    } else {
      RegistryClient.write(output, report);
      out("wrote " + output.toAbsolutePath());
    }
  }
}
