package io.tutti.verify.net;

import io.tutti.core.check.Check;
import java.util.List;
import java.util.Set;

/**
 * The fallback network when namespaces are unavailable: every node runs in this network namespace, node {@code i} on
 * {@code 127.0.<block>.<i>}. All of 127.0.0.0/8 is routed to {@code lo} on Linux, so any of these addresses can be
 * bound without adding an alias. The block (1..254) comes from the run so that two runs on one machine rarely share
 * addresses; 127.0.0.x (where other services listen) is never used. Links cannot be cut.
 */
public final class LoopbackNetwork implements Network {
  public static final String NO_NAMESPACES_REASON = "needs root and network namespaces (ip netns)";
  static final int BLOCKS = 254;
  static final int NODES_MAX = 254;

  private final int nodes;
  private final int block; // Invariant: 1 <= block <= BLOCKS
  private final String reason;

  LoopbackNetwork(RunId run, int nodes, String reason) {
    Check.argument(1 <= nodes && nodes <= NODES_MAX, "nodes %d not in 1..%d", nodes, NODES_MAX);
    this.nodes = nodes;
    this.block = 1 + (int) Math.floorMod(run.orchestratorPid() + run.sequence(), (long) BLOCKS);
    this.reason = reason;
  }

  public static LoopbackNetwork forRun(RunId run, int nodes) {
    return new LoopbackNetwork(run, nodes, NO_NAMESPACES_REASON);
  }

  @Override
  public int nodes() {
    return nodes;
  }

  @Override
  public String address(int node) {
    Check.argument(1 <= node && node <= nodes, "node %d not in 1..%d", node, nodes);
    return "127.0." + block + "." + node;
  }

  @Override
  public List<String> wrap(int node, List<String> command) {
    Check.argument(1 <= node && node <= nodes, "node %d not in 1..%d", node, nodes);
    return List.copyOf(command);
  }

  @Override
  public boolean canPartition() {
    return false;
  }

  @Override
  public String partitionUnavailableReason() {
    return reason;
  }

  @Override
  public void partition(List<Set<Integer>> components) {
    throw new UnsupportedOperationException("cannot partition a loopback network: " + reason);
  }

  @Override
  public void cut(int a, int b) {
    throw new UnsupportedOperationException("cannot cut a loopback network: " + reason);
  }

  @Override
  public void heal() {
    // Nothing is ever cut.
  }

  @Override
  public String describe() {
    return Cuts.none().describe(nodes);
  }

  @Override
  public void close() {
    // Nothing was created.
  }
}
