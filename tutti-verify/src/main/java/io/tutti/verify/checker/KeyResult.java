package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The verdict on one key.
 *
 * @param key the key ({@code ""} for a single register)
 * @param verdict linearizable, not, or unknown when a budget cut the search short
 * @param reason one line for people: why the verdict is what it is
 * @param operations how many operations of the key were checked (reads without a result and failed writes
 *     constrain nothing and are not counted)
 * @param elapsedMillis time spent searching this key
 */
public record KeyResult(
    @JsonProperty("key") String key,
    @JsonProperty("verdict") Verdict verdict,
    @JsonProperty("reason") String reason,
    @JsonProperty("operations") int operations,
    @JsonProperty("elapsed_ms") long elapsedMillis) {

  /** How a key is named in messages: {@code key r1}, or {@code the register} for the single register. */
  static String describe(String key) {
    return key.isEmpty() ? "the register" : "key " + key;
  }
}
