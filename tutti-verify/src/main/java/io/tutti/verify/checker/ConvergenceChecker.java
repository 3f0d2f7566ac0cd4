package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.checker.ConvergenceCheckResult.Divergence;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that reads at level {@code eventual} converge: once the faults are healed and the writes have stopped,
 * every node answers with what a linearizable read answers. The harness reads every key once linearizably, then
 * with {@code eventual} on every node, retrying a node's read until it matches or a bound passes; this checker
 * judges only the final answers. A node that stays behind, runs ahead, or gives no answer for a key diverges.
 *
 * <p>That eventual reads never return a version nobody wrote is the {@link VersionOriginChecker}'s business.
 */
public final class ConvergenceChecker {
  private ConvergenceChecker() {}

  /**
   * Compares each node's final eventual reads with the linearizable ones.
   *
   * @param linearizableVersionByKey the version of the final linearizable read of each key (0: absent)
   * @param eventualVersionByKeyByNode for each node (by name), the version of its final eventual read of each key;
   *     a key missing or mapped to null means the node gave no answer. A node may not answer for a key that has no
   *     linearizable read.
   */
  public static ConvergenceCheckResult check(Map<String, Long> linearizableVersionByKey,
      Map<String, Map<String, Long>> eventualVersionByKeyByNode) {
    Check.argument(!eventualVersionByKeyByNode.isEmpty(), "no node's eventual reads to compare");
    Map<String, Long> linearizable = new TreeMap<>();
    linearizableVersionByKey.forEach((key, version) -> {
      Check.argument(version != null && version >= 0, "the linearizable read of %s has version %s",
          KeyResult.describe(key), version);
      linearizable.put(key, version);
    });
    Violations<Divergence> divergences = new Violations<>();
    for (var node : new TreeMap<>(eventualVersionByKeyByNode).entrySet()) {
      Map<String, Long> eventual = node.getValue();
      Check.argument(eventual != null, "node %s has null for its reads (a node that answered nothing has an empty "
          + "map)", node.getKey());
      for (String key : eventual.keySet()) {
        Check.argument(linearizable.containsKey(key), "node %s read %s, which has no linearizable read", node.getKey(),
            KeyResult.describe(key));
      }
      linearizable.forEach((key, version) -> {
        Long read = eventual.get(key);
        if (read == null || read.longValue() != version) {
          divergences.add(new Divergence(node.getKey(), key, version, read));
        }
      });
    }
    return new ConvergenceCheckResult(divergences.count() == 0, eventualVersionByKeyByNode.size(), linearizable.size(),
        eventualVersionByKeyByNode.size() * linearizable.size(), divergences.count(), divergences.kept());
  }
}
