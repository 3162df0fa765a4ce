package io.tradingsuite.cli.registry;

import io.tradingsuite.cli.ApiClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Common shape of the registry verbs: run, print, and turn a service error into exit code 1. */
abstract class RegistryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  abstract void run(RegistryClient client) throws Exception;

  abstract RegistryClient client();

  @Override
  public Integer call() throws Exception {
    try {
      run(client());
      return 0;
    } catch (ApiClient.ApiException e) {
      spec.commandLine().getErr().println(spec.name() + ": " + e.getMessage());
      return 1;
    }
  }

  void out(String line) {
    spec.commandLine().getOut().println(line);
  }
}
