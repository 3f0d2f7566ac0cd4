package io.tutti.cli;

import picocli.CommandLine.Command;

/** {@code tutti keyspace}: placeholder replaced by the client-based implementation. */
@Command(name = "keyspace", mixinStandardHelpOptions = true, description = "(in progress)")
final class KeyspaceCommand implements Runnable {
  @Override
  public void run() {
    throw new IllegalStateException("tutti keyspace is not available in this build");
  }
}
