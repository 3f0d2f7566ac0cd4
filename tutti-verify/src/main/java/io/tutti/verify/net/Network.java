package io.tutti.verify.net;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The network that {@code tutti verify run} puts its node processes on: where node {@code i} listens, how to start
 * a process on it, and (when the machine allows) cutting links between nodes. Clients in the harness JVM can always
 * reach every node; only node-to-node traffic is ever cut. Nodes are numbered 1..{@link #nodes()}.
 *
 * <p>Methods that change the cut are safe to call from any thread; each returns once the kernel applies the change.
 */
public sealed interface Network extends AutoCloseable permits NamespaceNetwork, LoopbackNetwork {
  /** Set by the orchestrator on the harness it relaunches inside the hub namespace: the hub's name. */
  String HUB_ENVIRONMENT_VARIABLE = "TUTTI_VERIFY_HUB";

  int nodes();

  /** The IPv4 address node {@code node} binds to and clients connect to. */
  String address(int node);

  /** The command line that runs {@code command} on node {@code node}; the started process's PID is the command's. */
  List<String> wrap(int node, List<String> command);

  boolean canPartition();

  /** Why {@link #canPartition()} is false, for the report; empty when it is true. */
  String partitionUnavailableReason();

  /**
   * Makes exactly these links cut: nodes in different components cannot talk, nodes in one component can (links cut
   * before are healed). Every node must be in exactly one component.
   */
  void partition(List<Set<Integer>> components);

  /** Also cuts the link between {@code a} and {@code b}, both directions; other cuts stay. */
  void cut(int a, int b);

  /** Heals every cut link. A no-op when nothing is cut, or after {@link #close()}. */
  void heal();

  /** The current cut for the nemesis timeline: {@code "{1,2} | {3}"}, {@code "{1,2,3}"} or {@code "cut 1-2"}. */
  String describe();

  /** Heals and removes everything this network created; idempotent, and tolerant of pieces already gone. */
  @Override
  void close();

  /**
   * The namespace network when the harness runs inside a hub ({@value #HUB_ENVIRONMENT_VARIABLE} set), otherwise
   * the loopback network, whose {@link #partitionUnavailableReason()} says why.
   */
  static Network choose(Map<String, String> environment, int nodes) {
    String hub = environment.getOrDefault(HUB_ENVIRONMENT_VARIABLE, "");
    if (!hub.isEmpty()) {
      RunId run = RunId.ofNamespace(hub).filter(candidate -> candidate.hubNamespace().equals(hub))
          .orElseThrow(() -> new IllegalArgumentException(
              HUB_ENVIRONMENT_VARIABLE + "=" + hub + " does not name a hub namespace (tutti-v<pid>-hub)"));
      NamespaceNetwork.checkThisProcessIsIn(hub);
      return NamespaceNetwork.insideHub(run, nodes);
    }
    String reason = NamespaceNetwork.supported()
        ? "needs the harness to run inside a hub namespace (" + HUB_ENVIRONMENT_VARIABLE + " is unset)"
        : LoopbackNetwork.NO_NAMESPACES_REASON;
    return new LoopbackNetwork(RunId.ofThisProcess(), nodes, reason);
  }
}
