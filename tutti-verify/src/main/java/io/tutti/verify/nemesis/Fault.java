package io.tutti.verify.nemesis;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** One fault, from the moment it is injected until it is healed. Nodes are numbered 1..N. */
public sealed interface Fault {
  /** A short label for the timeline and the chart, e.g. "kill n2 (leader)". */
  String label();

  NemesisKind kind();

  /** Why these nodes: "random node", "shard leader", "majority", "isolated leader", "bridge n3", ... */
  String why();

  /** SIGKILL of {@code nodes}; healing restarts them. */
  record Kill(List<Integer> nodes, String why) implements Fault {
    @Override
    public String label() {
      return "kill " + names(nodes) + " (" + why + ")";
    }

    @Override
    public NemesisKind kind() {
      return NemesisKind.KILL;
    }
  }

  /** SIGSTOP of {@code nodes}; healing sends SIGCONT. */
  record Pause(List<Integer> nodes, String why) implements Fault {
    @Override
    public String label() {
      return "pause " + names(nodes) + " (" + why + ")";
    }

    @Override
    public NemesisKind kind() {
      return NemesisKind.PAUSE;
    }
  }

  /**
   * Nodes on different {@code sides} cannot talk to each other. A node on no side (a bridge) still talks to everyone,
   * so with a bridge the two sides are cut only from each other.
   */
  record Partition(List<Set<Integer>> sides, String why) implements Fault {
    @Override
    public String label() {
      return "partition " + sides.stream().map(c -> "{" + names(List.copyOf(c)) + "}")
          .collect(Collectors.joining("|")) + " (" + why + ")";
    }

    @Override
    public NemesisKind kind() {
      return NemesisKind.PARTITION;
    }

    /** Every pair of nodes this partition cuts, each once, smaller node first. */
    public List<int[]> cutPairs() {
      List<int[]> pairs = new java.util.ArrayList<>();
      for (int i = 0; i < sides.size(); i++) {
        for (int j = i + 1; j < sides.size(); j++) {
          for (int a : sides.get(i)) {
            for (int b : sides.get(j)) {
              pairs.add(new int[] {Math.min(a, b), Math.max(a, b)});
            }
          }
        }
      }
      return pairs;
    }
  }

  private static String names(List<Integer> nodes) {
    return nodes.stream().sorted().map(n -> "n" + n).collect(Collectors.joining(","));
  }
}
