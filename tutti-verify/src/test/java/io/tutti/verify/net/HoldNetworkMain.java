package io.tutti.verify.net;

import java.io.IOException;
import java.util.List;

/**
 * Test helper JVM that builds a 2-node network with a cut and a process in node 1, prints {@code ready <that PID>},
 * then waits for stdin to end, so that tests can interrupt or kill it and check what is left.
 *
 * <ul>
 *   <li>{@code orchestrator}: creates hub and nodes itself (from the root namespace);
 *   <li>{@code harness}: launched by {@link Hub#wrap} into an existing hub, finds it with {@link Network#choose}.
 * </ul>
 */
public final class HoldNetworkMain {
  private HoldNetworkMain() {}

  public static void main(String[] args) throws IOException {
    Network network = switch (args[0]) {
      case "orchestrator" -> {
        RunId run = RunId.ofThisProcess();
        NamespaceNetwork.createHub(run); // closed by its shutdown hook
        yield NamespaceNetwork.insideHub(run, 2);
      }
      case "harness" -> Network.choose(System.getenv(), 2);
      default -> throw new IllegalArgumentException("mode " + args[0]);
    };
    network.cut(1, 2);
    Process node = new ProcessBuilder(network.wrap(1, List.of("sleep", "60"))).start();
    System.out.println("ready " + node.pid());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait for the test to interrupt or kill us, or for stdin to end.
    }
  }
}
