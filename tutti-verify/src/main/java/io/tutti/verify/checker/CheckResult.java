package io.tutti.verify.checker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * The verdict on a whole history: linearizable only if every key is; not linearizable if some key definitely is
 * not; unknown otherwise (some key was cut short by a budget).
 *
 * @param verdict the overall verdict
 * @param reason one line for people
 * @param keys the verdict on each key, ordered by key
 * @param explanation for a non-linearizable history, the operations of the first bad key that cannot be ordered
 */
public record CheckResult(Verdict verdict, String reason, List<KeyResult> keys, Optional<Explanation> explanation) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public CheckResult {
    keys = List.copyOf(keys);
  }

  /**
   * The result as a JSON document: {@code {"verdict":"not_linearizable","reason":...,"keys":[{"key":"r1",
   * "verdict":...,"reason":...,"operations":12,"elapsed_ms":3}],"explanation":{"key":"r1","operations":[...],
   * "minimal":true,"longest_prefix":5,"stuck":{...}}}}}; the explanation is null when there is none. Operations
   * have the shape of Tutti history lines.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.set("verdict", JSON.valueToTree(verdict));
    root.put("reason", reason);
    root.set("keys", JSON.valueToTree(keys));
    root.set("explanation", JSON.valueToTree(explanation.orElse(null)));
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // A tree of strings, numbers and booleans: Jackson cannot fail on it unless it is broken.
      throw new IllegalStateException("cannot encode the check result", e);
    }
  }
}
