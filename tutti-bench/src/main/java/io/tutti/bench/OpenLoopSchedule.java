package io.tutti.bench;

/**
 * The intended send times of an open-loop run: operation j (0, 1, 2, ...) of the whole run is due at
 * {@code startNanos + j * 1e9 / rate}, and operation j belongs to worker {@code j % workers}. So the run as a whole
 * sends evenly spaced at the rate, and each worker at rate / workers. Pure arithmetic, no clock: the worker asks for
 * its i-th time and measures latency from it.
 */
final class OpenLoopSchedule {
  private final long startNanos;
  private final long rateOpsPerSecond;
  private final int workers;

  OpenLoopSchedule(long startNanos, long rateOpsPerSecond, int workers) {
    if (rateOpsPerSecond < 1) {
      throw new IllegalArgumentException("rate must be >= 1 per second, got " + rateOpsPerSecond);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.startNanos = startNanos;
    this.rateOpsPerSecond = rateOpsPerSecond;
    this.workers = workers;
  }

  /** When worker {@code worker}'s {@code i}-th operation (from 0) should be sent. */
  long intendedNanos(int worker, long i) {
    long j = i * workers + worker;
    // A double keeps 53 bits: exact to the nanosecond for runs far longer than DURATION_MAX at RATE_MAX.
    return startNanos + Math.round(j * 1e9 / rateOpsPerSecond);
  }

  /** How many of worker {@code worker}'s operations are due strictly before {@code deadlineNanos}. */
  long countBefore(int worker, long deadlineNanos) {
    double j = (deadlineNanos - startNanos) * (double) rateOpsPerSecond / 1e9;
    long i = Math.max(0, (long) ((j - worker) / workers));
    // The estimate is off by at most one or two in either direction; settle it on the exact times.
    while (intendedNanos(worker, i) < deadlineNanos) {
      i++;
    }
    while (i > 0 && intendedNanos(worker, i - 1) >= deadlineNanos) {
      i--;
    }
    return i;
  }
}
