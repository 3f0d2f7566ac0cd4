package io.tutti.cli;

import picocli.CommandLine.Command;

/** {@code tutti cluster}: placeholder replaced by the client-based implementation. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "(in progress)")
final class ClusterCommand implements Runnable {
  @Override
  public void run() {
    throw new IllegalStateException("tutti cluster is not available in this build");
  }
}
