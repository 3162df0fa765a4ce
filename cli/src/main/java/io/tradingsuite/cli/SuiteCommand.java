package io.tradingsuite.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code ./suite VERB}: the operator's client of the services' REST APIs. */
@TopCommand
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = "Operator client of the trading suite's services.",
    subcommands = {HealthCommand.class})
public class SuiteCommand {}
