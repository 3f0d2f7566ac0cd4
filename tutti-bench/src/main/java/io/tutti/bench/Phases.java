package io.tutti.bench;

/**
 * The time line of a run on the {@link NanoClock}: warmup from {@code startNanos}, measured from
 * {@code measureStartNanos} until {@code endNanos}. Invariant: startNanos <= measureStartNanos < endNanos.
 */
record Phases(long startNanos, long measureStartNanos, long endNanos) {
  Phases {
    if (startNanos > measureStartNanos || measureStartNanos >= endNanos) {
      throw new IllegalArgumentException(String.format("phases out of order: start %d, measure %d, end %d",
          startNanos, measureStartNanos, endNanos));
    }
  }

  boolean measured(long sendNanos) {
    return sendNanos >= measureStartNanos && sendNanos < endNanos;
  }

  long measuredNanos() {
    return endNanos - measureStartNanos;
  }
}
