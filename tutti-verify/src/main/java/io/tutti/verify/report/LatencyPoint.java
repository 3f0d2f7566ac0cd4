package io.tutti.verify.report;

import io.tutti.core.check.Check;
import java.util.Objects;

/**
 * One client operation on a latency chart: when it was invoked, how long it took and how it ended.
 *
 * @param timeSeconds when the client invoked the operation, in seconds since the run started
 * @param latencyMs how long the client waited for an answer; zero or negative is drawn at the chart's floor, and an
 *     {@link Outcome#INFO} operation that timed out carries the client's timeout
 * @param outcome how the operation ended, as the history records it
 */
public record LatencyPoint(double timeSeconds, double latencyMs, Outcome outcome) {
  /** How an operation ended: it took effect, it certainly did not, or nobody knows (it may yet take effect). */
  public enum Outcome {
    OK,
    FAIL,
    INFO
  }

  public LatencyPoint {
    Check.argument(Double.isFinite(timeSeconds), "operation time %s s is not a finite number", timeSeconds);
    Check.argument(Double.isFinite(latencyMs), "operation latency %s ms (at %s s) is not a finite number",
        latencyMs, timeSeconds);
    Objects.requireNonNull(outcome, "outcome");
  }
}
