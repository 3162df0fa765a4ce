package io.tradingsuite.cli;

import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code ./suite VERB}: the operator's client of the services' REST APIs. */
@TopCommand
@Command(
    name = "suite",
    mixinStandardHelpOptions = true,
    description = "Operator client of the trading suite's services.",
    subcommands = {
      io.tradingsuite.cli.registry.IndexCommand.class,
      io.tradingsuite.cli.registry.ReportCommand.class,
      io.tradingsuite.cli.registry.ExportDbCommand.class,
      io.tradingsuite.cli.registry.BackupCommand.class,
      io.tradingsuite.cli.registry.RestoreCommand.class,
      io.tradingsuite.cli.registry.DocsCommand.class,
      HealthCommand.class,
      io.tradingsuite.cli.risk.CircuitBreakerCommand.class,
      io.tradingsuite.cli.risk.IncidentsCommand.class,
      io.tradingsuite.cli.risk.LimitsCommand.class,
      SummaryCommand.class,
      io.tradingsuite.cli.notification.NotificationsCommand.class,
      io.tradingsuite.cli.marketdata.DownloadDataCommand.class,
      io.tradingsuite.cli.marketdata.ReplayCommand.class,
      io.tradingsuite.cli.strategy.BacktestCommand.class,
      io.tradingsuite.cli.strategy.StrategiesCommand.class,
      io.tradingsuite.cli.strategy.BotsCommand.class,
      io.tradingsuite.cli.strategy.DcaCommand.class,
      io.tradingsuite.cli.hyperopt.HyperoptCommand.class,
      io.tradingsuite.cli.execution.OrdersCommand.class,
      io.tradingsuite.cli.execution.TradesCommand.class,
      io.tradingsuite.cli.execution.BalanceCommand.class,
      io.tradingsuite.cli.execution.ForceExitCommand.class
    })
public class SuiteCommand {}
