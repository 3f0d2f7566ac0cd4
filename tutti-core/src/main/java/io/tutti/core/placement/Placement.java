package io.tutti.core.placement;

import io.tutti.core.check.Check;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the replicas of new shards so that replicas and preferred leaders are spread evenly across nodes,
 * counting what earlier keyspaces already placed. Deterministic: the same inputs give the same placement, so every
 * replica of the metadata state machine computes the same answer.
 */
public final class Placement {
  private Placement() {}

  /** The current load of a node: how many shard replicas it holds and how many it is the preferred leader of. */
  public record Load(int replicas, int leaders) {}

  /**
   * Places {@code shards} new shards of {@code replicas} replicas each on {@code nodes}. Each returned list names
   * the replicas of one shard; its first element is the preferred leader.
   *
   * @param existing current load per node id (nodes missing from the map hold nothing)
   */
  public static List<List<String>> place(List<String> nodes, Map<String, Load> existing, int shards, int replicas) {
    Check.argument(!nodes.isEmpty(), "no nodes to place on");
    Check.argument(replicas >= 1 && replicas <= nodes.size(),
        "replicas %d must be 1..%d (the node count)", replicas, nodes.size());
    Map<String, int[]> load = new TreeMap<>();
    for (String node : nodes) {
      Load l = existing.getOrDefault(node, new Load(0, 0));
      load.put(node, new int[] {l.replicas(), l.leaders()});
    }
    List<List<String>> result = new ArrayList<>(shards);
    for (int shard = 0; shard < shards; shard++) {
      List<String> byReplicas = new ArrayList<>(load.keySet());
      byReplicas.sort(Comparator.<String>comparingInt(n -> load.get(n)[0]).thenComparing(n -> n));
      // Nodes holding fewer replicas than the replicas-th least loaded node must be chosen; those holding exactly
      // as many are interchangeable for replica balance. The leader is picked first, among all of these candidates,
      // so that it is a node that leads least (picking the replicas first and the leader among them can leave every
      // least-leading node out of the set and skew leaders by 2 or more, e.g. 7 nodes, 3 replicas, 6 shards).
      int threshold = load.get(byReplicas.get(replicas - 1))[0];
      List<String> candidates = byReplicas.stream().filter(n -> load.get(n)[0] <= threshold).toList();
      String leader = candidates.stream().min(Comparator.<String>comparingInt(n -> load.get(n)[1])
          .thenComparingInt(n -> load.get(n)[0]).thenComparing(n -> n)).orElseThrow();
      List<String> followers = new ArrayList<>(candidates);
      followers.remove(leader);
      followers = new ArrayList<>(followers.subList(0, replicas - 1));
      followers.sort(Comparator.<String>comparingInt(n -> load.get(n)[1]).thenComparing(n -> n));
      List<String> chosen = new ArrayList<>(replicas);
      chosen.add(leader);
      chosen.addAll(followers);
      for (String node : chosen) {
        load.get(node)[0]++;
      }
      load.get(chosen.get(0))[1]++;
      Set<String> distinct = new HashSet<>(chosen);
      Check.state(distinct.size() == replicas, "placement chose a node twice: %s", chosen);
      result.add(List.copyOf(chosen));
    }
    return result;
  }
}
