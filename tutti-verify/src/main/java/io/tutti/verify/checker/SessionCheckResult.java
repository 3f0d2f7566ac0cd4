package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.tutti.core.check.Check;
import java.util.List;
import java.util.Locale;

/**
 * The verdict of the {@link SessionChecker}; serialised with Jackson as a JSON object with snake_case fields.
 *
 * @param valid no session broke any of the four guarantees
 * @param sessions sessions with at least one checked operation
 * @param readsChecked ok reads with a version
 * @param writesChecked ok writes (write, cas, create, append, delete) with a version
 * @param violationCount every violation found
 * @param violations the first 100 violations, by session, then in the session's order
 */
public record SessionCheckResult(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("sessions") int sessions,
    @JsonProperty("reads_checked") int readsChecked,
    @JsonProperty("writes_checked") int writesChecked,
    @JsonProperty("violation_count") int violationCount,
    @JsonProperty("violations") List<Violation> violations) {

  public SessionCheckResult {
    violations = List.copyOf(violations);
    Check.argument(valid == (violationCount == 0), "valid is %s with %d violations", valid, violationCount);
    Check.argument(violations.size() <= violationCount, "%d violations listed, only %d counted", violations.size(),
        violationCount);
  }

  /** A session guarantee, on one key. In JSON by its hyphenated name: {@code "read-your-writes"}. */
  public enum Guarantee {
    /** A read returns at least the version of the session's own earlier writes. */
    READ_YOUR_WRITES,
    /** A read returns at least the version of the session's earlier reads. */
    MONOTONIC_READS,
    /** A write gets a higher version than the session's earlier writes. */
    MONOTONIC_WRITES,
    /** A write gets a higher version than the session's earlier reads returned. */
    WRITES_FOLLOW_READS;

    /** {@code read-your-writes}, {@code monotonic-reads}, ... */
    @JsonValue
    public String jsonName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * An operation of a session that did not respect an earlier one of the same session on the same key.
   *
   * @param guarantee the guarantee broken
   * @param session the process number, or the session {@link SessionChecker#check(List,
   *     java.util.function.IntUnaryOperator)} mapped it to
   * @param key the key
   * @param earlierId the earlier operation: the write or read that set the bar
   * @param earlierVersion its version
   * @param laterId the operation that fell short
   * @param laterVersion the version it read or got (0: it read the key absent)
   */
  public record Violation(
      @JsonProperty("guarantee") Guarantee guarantee,
      @JsonProperty("session") int session,
      @JsonProperty("key") String key,
      @JsonProperty("earlier_id") long earlierId,
      @JsonProperty("earlier_version") long earlierVersion,
      @JsonProperty("later_id") long laterId,
      @JsonProperty("later_version") long laterVersion) {

    /**
     * One line: {@code read-your-writes: session 3 wrote key k at version 5 (operation 10), then read version 4
     * (operation 12)}.
     */
    public String describe() {
      String earlier = switch (guarantee) {
        case READ_YOUR_WRITES, MONOTONIC_WRITES -> "wrote";
        case MONOTONIC_READS, WRITES_FOLLOW_READS -> "read";
      };
      String later = switch (guarantee) {
        case READ_YOUR_WRITES, MONOTONIC_READS -> "read version " + laterVersion
            + (laterVersion == 0 ? " (absent)" : "");
        case MONOTONIC_WRITES, WRITES_FOLLOW_READS -> "wrote version " + laterVersion;
      };
      return guarantee.jsonName() + ": session " + session + " " + earlier + " " + KeyResult.describe(key)
          + " at version " + earlierVersion + " (operation " + earlierId + "), then " + later + " (operation "
          + laterId + ")";
    }
  }

  /**
   * One line for the screen: {@code ok (4 session guarantees hold over 1,234 reads and 567 writes in 8 sessions)},
   * or {@code FAILED: } and the first violations.
   */
  public String summary() {
    if (valid) {
      return String.format("ok (4 session guarantees hold over %,d reads and %,d writes in %,d sessions)",
          readsChecked, writesChecked, sessions);
    }
    return "FAILED: " + Violations.summarize(violationCount, "session guarantee violation",
        "session guarantee violations", violations.stream().map(Violation::describe).toList());
  }
}
