package io.tradingsuite.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import picocli.CommandLine.Command;

/** {@code ./suite index}: index-backtests + index-hyperopts of the old bot. */
@Command(
    name = "index",
    description = "Scan var/backtest_results and var/hyperopt_results and index what is new.")
public class IndexCommand extends RegistryCommand {
  @Inject ObjectMapper json;

  @Override
  RegistryClient client() {
    return new RegistryClient(json);
  }

  @Override
  void run(RegistryClient client) {
    JsonNode r = client.post("/api/v1/index", null);
    out(
        "indexed "
            + r.path("indexed").asInt()
            + ", unchanged "
            + r.path("unchanged").asInt()
            + ", rejected "
            + r.path("rejected").asInt());
    for (JsonNode p : r.path("problems")) {
      out(
          "  skipped "
              + p.path("path").asText()
              + ": "
              + p.path("field").asText()
              + ": "
              + p.path("reason").asText());
    }
  }
}
