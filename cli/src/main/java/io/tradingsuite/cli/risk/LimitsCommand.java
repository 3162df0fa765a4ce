package io.tradingsuite.cli.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./suite limits}: every risk knob and how much of each limit is in use. */
@Command(
    name = "limits",
    description = "Show risk-service's knobs and what is in use per exchange.")
public class LimitsCommand implements Callable<Integer> {
  @Inject ObjectMapper json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try {
      RiskCli.printObject(
          spec.commandLine().getOut(), "", RiskCli.client(json).get(RiskCli.url("/limits")));
      return 0;
    } catch (ApiClient.ApiException e) {
      return RiskCli.fail(spec.commandLine().getErr(), e);
    }
  }
}
