package io.tutti.verify.net;

import java.util.List;

/** A command that sets up or changes the test network failed or timed out; the message names it and its stderr. */
public final class NetworkCommandException extends RuntimeException {
  private final List<String> command;

  public NetworkCommandException(List<String> command, String problem) {
    super("`" + String.join(" ", command) + "` " + problem);
    this.command = List.copyOf(command);
  }

  public NetworkCommandException(List<String> command, String problem, Throwable cause) {
    super("`" + String.join(" ", command) + "` " + problem, cause);
    this.command = List.copyOf(command);
  }

  public List<String> command() {
    return command;
  }
}
