package io.tutti.cli;

import picocli.CommandLine.Command;

/** {@code tutti kv}: placeholder replaced by the client-based implementation. */
@Command(name = "kv", mixinStandardHelpOptions = true, description = "(in progress)")
final class KvCommand implements Runnable {
  @Override
  public void run() {
    throw new IllegalStateException("tutti kv is not available in this build");
  }
}
