package io.tutti.cli;

import io.tutti.client.TuttiClientException;
import io.tutti.core.error.TuttiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tutti} command. Every failure prints one line and exits non-zero; users never see a stack trace. */
@Command(name = "tutti", mixinStandardHelpOptions = true, version = "tutti 0.1.0",
    description = "Tutti: a sharded, replicated key-value store.",
    subcommands = {ServerCommand.class, DevCommand.class, KvCommand.class, KeyspaceCommand.class,
        ClusterCommand.class, BenchCommand.class, CompareReportCommand.class, VerifyCommand.class})
public final class TuttiMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command; see 'tutti --help'");
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (0 ok, 1 operation failed, 2 usage error). */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new TuttiMain());
    commandLine.setParameterExceptionHandler((failure, ignoredArgs) -> {
      CommandLine cmd = failure.getCommandLine();
      cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + failure.getMessage() + " (see '"
          + cmd.getCommandSpec().qualifiedName() + " --help')");
      return 2;
    });
    commandLine.setExecutionExceptionHandler((failure, cmd, parsed) -> {
      String name = cmd.getCommandSpec().qualifiedName();
      if (failure instanceof TuttiException e) {
        cmd.getErr().println(name + ": " + e.code() + ": " + e.getMessage());
        return e.code() == io.tutti.core.error.ErrorCode.INVALID_ARGUMENT ? 2 : 1;
      }
      if (failure instanceof TuttiClientException e) {
        cmd.getErr().println(name + ": " + e.code() + ": " + e.getMessage());
        return e.code() == io.tutti.core.error.ErrorCode.INVALID_ARGUMENT ? 2 : 1;
      }
      cmd.getErr().println(name + ": " + (failure.getMessage() == null ? failure.getClass().getSimpleName()
          : failure.getMessage()));
      return 1;
    });
    return commandLine.execute(args);
  }
}
