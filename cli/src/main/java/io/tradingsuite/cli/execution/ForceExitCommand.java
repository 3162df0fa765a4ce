package io.tradingsuite.cli.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite force-exit TRADE_ID}: asks for an exit through risk-service (an exit signal),
 * never around it.
 */
@Command(
    name = "force-exit",
    description = "Exit an open trade at the next candle's open, through risk-service.")
public class ForceExitCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "TRADE_ID", description = "the trade to exit")
  String tradeId;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try {
      JsonNode r =
          ExecutionCli.client(json)
              .post(
                  ExecutionCli.url(
                      "/trades/"
                          + URLEncoder.encode(tradeId, StandardCharsets.UTF_8).replace("+", "%20")
                          + "/force-exit"),
                  Map.of());
      out.printf(
          "exit signal %s sent to risk-service for trade %s; it fills at the next candle's open%n",
          r.path("signal_id").asText(), r.path("trade_id").asText());
      return 0;
    } catch (ApiClient.ApiException e) {
      return ExecutionCli.fail(spec.commandLine().getErr(), e);
    }
  }
}
