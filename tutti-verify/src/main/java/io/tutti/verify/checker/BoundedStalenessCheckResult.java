package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.core.check.Check;
import java.time.Duration;
import java.util.List;

/**
 * The verdict of the {@link BoundedStalenessChecker}; serialised with Jackson as a JSON object with snake_case
 * fields.
 *
 * @param valid every read reflected every write completed more than the bound before it was invoked
 * @param boundNanos the staleness bound
 * @param readsChecked ok reads with a version
 * @param violationCount every stale read found
 * @param violations the first 100 stale reads, by key, then by invocation
 */
public record BoundedStalenessCheckResult(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("bound_ns") long boundNanos,
    @JsonProperty("reads_checked") int readsChecked,
    @JsonProperty("violation_count") int violationCount,
    @JsonProperty("violations") List<StaleRead> violations) {

  public BoundedStalenessCheckResult {
    violations = List.copyOf(violations);
    Check.argument(boundNanos >= 0, "boundNanos must not be negative, got %d", boundNanos);
    Check.argument(valid == (violationCount == 0), "valid is %s with %d violations", valid, violationCount);
    Check.argument(violations.size() <= violationCount, "%d violations listed, only %d counted", violations.size(),
        violationCount);
  }

  /**
   * A read older than the bound allows: it missed a write that had completed more than the bound before it.
   *
   * @param readId the read
   * @param process its process
   * @param key the key
   * @param versionRead the version it returned (0: absent)
   * @param missedWriteId the earliest completed write whose version the read is below (there may be later ones)
   * @param missedVersion that write's version
   * @param stalenessMillis from that write's completion to the read's invocation: at least how stale the read was
   */
  public record StaleRead(
      @JsonProperty("read_id") long readId,
      @JsonProperty("process") int process,
      @JsonProperty("key") String key,
      @JsonProperty("version_read") long versionRead,
      @JsonProperty("missed_write_id") long missedWriteId,
      @JsonProperty("missed_version") long missedVersion,
      @JsonProperty("staleness_ms") double stalenessMillis) {

    /** One line: {@code read 12 of key k returned version 4, 153.2 ms after write 9 made version 5}. */
    public String describe() {
      return String.format("read %d of %s returned version %d%s, %.1f ms after write %d made version %d", readId,
          KeyResult.describe(key), versionRead, versionRead == 0 ? " (absent)" : "", stalenessMillis, missedWriteId,
          missedVersion);
    }
  }

  /**
   * One line for the screen: {@code ok (1,234 reads reflect every write completed 100 ms before them)}, or
   * {@code FAILED: } and the first stale reads.
   */
  public String summary() {
    String bound = LinearizabilityChecker.describe(Duration.ofNanos(boundNanos));
    if (valid) {
      return String.format("ok (%,d reads reflect every write completed %s before them)", readsChecked, bound);
    }
    return "FAILED: " + Violations.summarize(violationCount, "read staler than " + bound,
        "reads staler than " + bound, violations.stream().map(StaleRead::describe).toList());
  }
}
