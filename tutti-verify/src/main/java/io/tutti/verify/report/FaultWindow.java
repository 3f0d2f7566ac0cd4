package io.tutti.verify.report;

import io.tutti.bench.chart.Band;

/**
 * A span of a run during which the nemesis held a fault, drawn as a shaded {@link Band}.
 *
 * @param startSeconds when the fault began, in seconds since the run started
 * @param endSeconds when it was healed; equal to {@code startSeconds} for an instantaneous fault
 * @param label what the fault was, as a person reads it: {@code "kill n2"}, {@code "partition {1,2}|{3}"}
 */
public record FaultWindow(double startSeconds, double endSeconds, String label) {
  public FaultWindow {
    band(startSeconds, endSeconds, label); // the same bounds hold, and are checked in one place
  }

  /** This fault as the band the charts draw. */
  public Band band() {
    return band(startSeconds, endSeconds, label);
  }

  private static Band band(double startSeconds, double endSeconds, String label) {
    return new Band(startSeconds, endSeconds, label);
  }
}
