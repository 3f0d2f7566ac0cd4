package io.tutti.verify.report;

import io.tutti.core.check.Check;
import java.util.Objects;

/**
 * A span of a run during which the nemesis held a fault, drawn as a shaded band.
 *
 * @param startSeconds when the fault began, in seconds since the run started
 * @param endSeconds when it was healed; equal to {@code startSeconds} for an instantaneous fault
 * @param label what the fault was, as a person reads it: {@code "kill n2"}, {@code "partition {1,2}|{3}"}
 */
public record FaultWindow(double startSeconds, double endSeconds, String label) {
  public FaultWindow {
    Objects.requireNonNull(label, "label");
    Check.argument(Double.isFinite(startSeconds) && Double.isFinite(endSeconds),
        "fault '%s' has a bound that is not a finite number: [%s, %s] s", label, startSeconds, endSeconds);
    Check.argument(endSeconds >= startSeconds, "fault '%s' ends at %s s, before it starts at %s s",
        label, endSeconds, startSeconds);
  }
}
