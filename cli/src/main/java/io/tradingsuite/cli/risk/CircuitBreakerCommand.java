package io.tradingsuite.cli.risk;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingsuite.cli.ApiClient;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./suite circuit-breaker status|enable --reason R [--minutes N]|disable}, as the original
 * script.
 */
@Command(
    name = "circuit-breaker",
    description = "Show, trip or reset risk-service's circuit breaker.",
    subcommands = {
      CircuitBreakerCommand.Status.class,
      CircuitBreakerCommand.Enable.class,
      CircuitBreakerCommand.Disable.class
    })
public class CircuitBreakerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  @Command(name = "status", description = "Whether entries are halted, why and until when.")
  static class Status implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try {
        RiskCli.printCircuitBreaker(
            spec.commandLine().getOut(), RiskCli.client(json).get(RiskCli.url("/circuit-breaker")));
        return 0;
      } catch (ApiClient.ApiException e) {
        return RiskCli.fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(
      name = "enable",
      description =
          "Halt new entries (exits still pass). Without --minutes it stays on until disabled.")
  static class Enable implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Option(names = "--reason", required = true, description = "why (kept in the incident log)")
    String reason;

    @Option(names = "--minutes", description = "lapse automatically after this many minutes")
    BigDecimal minutes;

    @Override
    public Integer call() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("reason", reason);
      if (minutes != null) {
        body.put("minutes", minutes);
      }
      try {
        RiskCli.printCircuitBreaker(
            spec.commandLine().getOut(),
            RiskCli.client(json).post(RiskCli.url("/circuit-breaker/enable"), body));
        return 0;
      } catch (ApiClient.ApiException e) {
        return RiskCli.fail(spec.commandLine().getErr(), e);
      }
    }
  }

  @Command(name = "disable", description = "Let entries through again.")
  static class Disable implements Callable<Integer> {
    @Inject ObjectMapper json;
    @Spec CommandSpec spec;

    @Option(names = "--reason", description = "why (kept in the incident log)")
    String reason;

    @Override
    public Integer call() {
      try {
        RiskCli.printCircuitBreaker(
            spec.commandLine().getOut(),
            RiskCli.client(json)
                .post(
                    RiskCli.url("/circuit-breaker/disable"),
                    reason == null ? Map.of() : Map.of("reason", reason)));
        return 0;
      } catch (ApiClient.ApiException e) {
        return RiskCli.fail(spec.commandLine().getErr(), e);
      }
    }
  }
}
