package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.core.check.Check;
import java.util.List;

/**
 * The verdict of the {@link ConvergenceChecker}; serialised with Jackson as a JSON object with snake_case fields.
 *
 * @param valid every node's final eventual read of every key returned the version of the linearizable read
 * @param nodes nodes whose eventual reads were compared
 * @param keys keys with a linearizable read
 * @param readsCompared nodes × keys
 * @param divergenceCount every eventual read that differs (or is missing)
 * @param divergences the first 100, by node, then by key
 */
public record ConvergenceCheckResult(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("nodes") int nodes,
    @JsonProperty("keys") int keys,
    @JsonProperty("reads_compared") int readsCompared,
    @JsonProperty("divergence_count") int divergenceCount,
    @JsonProperty("divergences") List<Divergence> divergences) {

  public ConvergenceCheckResult {
    divergences = List.copyOf(divergences);
    Check.argument(valid == (divergenceCount == 0), "valid is %s with %d divergences", valid, divergenceCount);
    Check.argument(divergences.size() <= divergenceCount, "%d divergences listed, only %d counted",
        divergences.size(), divergenceCount);
  }

  /**
   * A node that, after healing, still answered an eventual read of a key with another version than the
   * linearizable read, or gave no answer.
   *
   * @param node the node
   * @param key the key
   * @param linearizableVersion the version of the final linearizable read (0: absent)
   * @param eventualVersion the version of the node's final eventual read, null when it has none
   */
  public record Divergence(
      @JsonProperty("node") String node,
      @JsonProperty("key") String key,
      @JsonProperty("linearizable_version") long linearizableVersion,
      @JsonProperty("eventual_version") Long eventualVersion) {

    /** One line: {@code n2 read key k at version 4, the linearizable read at 7}. */
    public String describe() {
      return eventualVersion == null
          ? node + " gave no eventual read of " + KeyResult.describe(key) + " (the linearizable read is at version "
              + linearizableVersion + ")"
          : node + " read " + KeyResult.describe(key) + " at version " + eventualVersion + ", the linearizable read "
              + "at " + linearizableVersion;
    }
  }

  /**
   * One line for the screen: {@code ok (3 nodes agree with the linearizable reads of 20 keys)}, or
   * {@code FAILED: } and the first divergences.
   */
  public String summary() {
    if (valid) {
      return String.format("ok (%,d nodes agree with the linearizable reads of %,d keys)", nodes, keys);
    }
    return String.format("FAILED: %s (of %,d reads compared)", Violations.summarize(divergenceCount,
        "eventual read differs", "eventual reads differ", divergences.stream().map(Divergence::describe).toList()),
        readsCompared);
  }
}
