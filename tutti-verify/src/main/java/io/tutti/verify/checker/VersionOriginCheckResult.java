package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.tutti.core.check.Check;
import java.util.List;

/**
 * The verdict of the {@link VersionOriginChecker}; serialised with Jackson as a JSON object with snake_case fields.
 *
 * @param valid every read of a version above 0 returned one a write of its key may have produced
 * @param readsChecked ok reads with a version above 0
 * @param violationCount every read of a version no write produced
 * @param violations the first 100, by invocation
 */
public record VersionOriginCheckResult(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("reads_checked") int readsChecked,
    @JsonProperty("violation_count") int violationCount,
    @JsonProperty("violations") List<UnwrittenRead> violations) {

  public VersionOriginCheckResult {
    violations = List.copyOf(violations);
    Check.argument(valid == (violationCount == 0), "valid is %s with %d violations", valid, violationCount);
    Check.argument(violations.size() <= violationCount, "%d violations listed, only %d counted", violations.size(),
        violationCount);
  }

  /**
   * A read that returned a version no write of its key produced before the read completed.
   *
   * @param readId the read
   * @param process its process
   * @param key the key
   * @param version the version it returned
   */
  public record UnwrittenRead(
      @JsonProperty("read_id") long readId,
      @JsonProperty("process") int process,
      @JsonProperty("key") String key,
      @JsonProperty("version") long version) {

    /** One line: {@code read 12 of key k returned version 99}. */
    public String describe() {
      return "read " + readId + " of " + KeyResult.describe(key) + " returned version " + version;
    }
  }

  /**
   * One line for the screen: {@code ok (every one of 1,234 reads returned a version a write produced)}, or
   * {@code FAILED: } and the first reads of versions nobody wrote.
   */
  public String summary() {
    if (valid) {
      return String.format("ok (every one of %,d reads returned a version a write produced)", readsChecked);
    }
    return "FAILED: " + Violations.summarize(violationCount, "read of a version no write produced",
        "reads of versions no write produced", violations.stream().map(UnwrittenRead::describe).toList());
  }
}
