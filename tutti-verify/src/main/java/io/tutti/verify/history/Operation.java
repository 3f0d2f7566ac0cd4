package io.tutti.verify.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tutti.core.check.Check;

/**
 * One operation of a history: what a client asked for, what it was told, and when. Serialised with Jackson it has
 * the shape of one line of a Tutti history file (see {@link HistoryWriter}).
 *
 * <p>Meaning of the fields per kind ({@code null} value = key absent):
 * <ul>
 *   <li>{@code read}: {@code value} is the value read. Only {@code ok} observed anything; a failed or unknown read
 *       constrains nothing.
 *   <li>{@code write}: {@code value} is written. {@code ok} took effect, {@code fail} definitely did not,
 *       {@code info} unknown.
 *   <li>{@code cas}: {@code expected} is the expected current value, {@code value} the new one. {@code ok}: the value
 *       was {@code expected} and became {@code value}; {@code fail}: when it took effect the value was not
 *       {@code expected} and nothing changed (an observation); {@code info} unknown.
 *   <li>{@code delete}: {@code ok}: the key is absent afterwards; {@code fail} did not happen; {@code info} unknown.
 *   <li>{@code create} (create-only put): {@code ok}: the key was absent and now holds {@code value};
 *       {@code fail}: the key was present (an observation); {@code info} unknown.
 *   <li>{@code append}: {@code value} is appended to the current string (absent counts as {@code ""}).
 *   <li>{@code add}: a set-workload element add, {@code value} is the element.
 * </ul>
 *
 * <p>{@code version} is the key's version as the client was told it, where the client API reports one; histories
 * of other tools have none. Versions of a key only grow (Tutti's are Raft log indexes: they grow across keys of a
 * shard too, with gaps). A read of an absent key returns 0, also when the key was deleted: so a read of version 0
 * after a delete does not say which absent state it saw, and the checkers of versions allow for that.
 *
 * @param id unique within the history
 * @param process the client process (a process runs one operation at a time)
 * @param key the key; {@code ""} in single-register histories, never null
 * @param invokeNanos monotonic nanoseconds since the start of the run (line number for the log formats)
 * @param completeNanos when the client got its answer; for {@code info} when it gave up (the operation stays
 *     pending to the end of the history nevertheless). Invariant: {@code completeNanos >= invokeNanos}
 * @param version null when unknown; checkers read it on {@code ok} operations only: for a read the version read
 *     (0 = absent), for a write, cas, create, append or delete the key's new version (for a delete, the shard
 *     revision it was applied at). Invariant: {@code >= 0}, and {@code > 0} for all but reads
 * @param error the error code text ({@code "OUTCOME_UNKNOWN"}, {@code "VERSION_MISMATCH"}) or null
 */
@JsonPropertyOrder({"id", "process", "f", "key", "value", "expected", "version", "type", "invoke_ns", "complete_ns",
    "error"})
public record Operation(
    @JsonProperty("id") long id,
    @JsonProperty("process") int process,
    @JsonProperty("f") OpKind f,
    @JsonProperty("key") String key,
    @JsonProperty("value") String value,
    @JsonProperty("expected") String expected,
    // Left out when null, so that histories without versions keep the lines they always had.
    @JsonProperty("version") @JsonInclude(JsonInclude.Include.NON_NULL) Long version,
    @JsonProperty("type") OpType type,
    @JsonProperty("invoke_ns") long invokeNanos,
    @JsonProperty("complete_ns") long completeNanos,
    @JsonProperty("error") String error) {

  public Operation {
    Check.argument(f != null, "operation %d has no kind (f)", id);
    Check.argument(type != null, "operation %d has no type", id);
    Check.argument(key != null, "operation %d has a null key (single-register histories use \"\")", id);
    Check.argument(version == null || version >= (f == OpKind.READ ? 0 : 1),
        "operation %d, a %s, has version %d (reads: 0 or more, writes: 1 or more)", id, f.jsonName(), version);
    Check.argument(completeNanos >= invokeNanos, "operation %d completes at %d before its invocation at %d",
        id, completeNanos, invokeNanos);
  }
}
