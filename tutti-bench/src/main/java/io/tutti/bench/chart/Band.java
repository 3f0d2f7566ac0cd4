package io.tutti.bench.chart;

import io.tutti.core.check.Check;
import java.util.Objects;

/**
 * A labelled span of a run's time axis, drawn as a shaded band behind the data: a benchmark's warmup, a fault the
 * nemesis held.
 *
 * @param startSeconds where the band begins, in seconds since the run started
 * @param endSeconds where it ends; equal to {@code startSeconds} for an instant (drawn a few pixels wide)
 * @param label what happened then, as a person reads it: {@code "warmup"}, {@code "kill n2"}
 */
public record Band(double startSeconds, double endSeconds, String label) {
  public Band {
    Objects.requireNonNull(label, "label");
    Check.argument(Double.isFinite(startSeconds) && Double.isFinite(endSeconds),
        "'%s' has a bound that is not a finite number: [%s, %s] s", label, startSeconds, endSeconds);
    Check.argument(endSeconds >= startSeconds, "'%s' ends at %s s, before it starts at %s s", label, endSeconds,
        startSeconds);
  }
}
