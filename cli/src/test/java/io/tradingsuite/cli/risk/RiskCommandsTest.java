package io.tradingsuite.cli.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The risk verbs parse as the original script's did; a missing --reason is a usage error, not a
 * call.
 */
class RiskCommandsTest {

  private static int run(StringWriter err, String... args) {
    CommandLine cl = new CommandLine(new CircuitBreakerCommand());
    cl.setErr(new PrintWriter(err));
    return cl.execute(args);
  }

  @Test
  void enableNeedsAReason() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "enable", "--minutes", "60")).isEqualTo(2);
    assertThat(err.toString()).contains("--reason");
  }

  @Test
  void minutesMustBeANumber() {
    StringWriter err = new StringWriter();
    assertThat(run(err, "enable", "--reason", "x", "--minutes", "soon")).isEqualTo(2);
    assertThat(err.toString()).contains("--minutes");
  }

  @Test
  void withoutASubcommandItPrintsUsage() {
    StringWriter err = new StringWriter();
    assertThat(run(err)).isEqualTo(2);
    assertThat(err.toString()).contains("status", "enable", "disable");
  }

  @Test
  void incidentsAndLimitsParse() {
    CommandLine incidents = new CommandLine(new IncidentsCommand());
    incidents.parseArgs("--since", "2024-01-01", "--kind", "circuit_breaker", "--limit", "5");
    IncidentsCommand cmd = incidents.getCommand();
    assertThat(cmd.since).isEqualTo("2024-01-01");
    assertThat(cmd.kind).isEqualTo("circuit_breaker");
    assertThat(cmd.limit).isEqualTo(5);
    assertThat(new CommandLine(new LimitsCommand()).getCommandName()).isEqualTo("limits");
  }
}
