package io.tutti.verify.checker;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The verdict of the {@link SetChecker}; serialised with Jackson as a JSON object with snake_case fields.
 *
 * @param valid no element lost, none unexpected, none present after a failed add, and the final read succeeded
 * @param reason one line for people
 * @param attempted add operations in the history
 * @param acknowledged adds that returned ok
 * @param failed adds that definitely failed
 * @param indeterminate adds whose outcome is unknown (info)
 * @param finalReadSucceeded whether the final read returned the set; if not, the element lists are empty
 * @param lost elements acknowledged but absent from the final read (violation)
 * @param unexpected elements in the final read that were never added (violation)
 * @param failedPresent elements whose adds all failed, yet present (violation)
 * @param recovered elements with only indeterminate adds, present: they took effect
 * @param unknownAbsent elements with only indeterminate adds, absent: they never took effect
 */
public record SetCheckResult(
    @JsonProperty("valid") boolean valid,
    @JsonProperty("reason") String reason,
    @JsonProperty("attempted") int attempted,
    @JsonProperty("acknowledged") int acknowledged,
    @JsonProperty("failed") int failed,
    @JsonProperty("indeterminate") int indeterminate,
    @JsonProperty("final_read_succeeded") boolean finalReadSucceeded,
    @JsonProperty("lost") List<String> lost,
    @JsonProperty("unexpected") List<String> unexpected,
    @JsonProperty("failed_present") List<String> failedPresent,
    @JsonProperty("recovered") List<String> recovered,
    @JsonProperty("unknown_absent") List<String> unknownAbsent) {

  public SetCheckResult {
    lost = List.copyOf(lost);
    unexpected = List.copyOf(unexpected);
    failedPresent = List.copyOf(failedPresent);
    recovered = List.copyOf(recovered);
    unknownAbsent = List.copyOf(unknownAbsent);
  }
}
