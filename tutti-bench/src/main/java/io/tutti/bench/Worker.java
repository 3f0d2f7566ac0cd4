package io.tutti.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One client of the run: a single thread sending one operation at a time until the run ends. Closed loop
 * ({@code schedule} null): the next operation goes out when the previous one returns, and latency is measured from
 * that send. Open loop: operation i goes out at the schedule's intended time (at once if the worker is late), and
 * latency is measured from the intended time, so waiting behind a slow operation counts (no coordinated omission).
 * <p>
 * Only operations sent (closed loop) or due (open loop) inside the measured window are recorded. The histogram, the
 * error counts and the totals are this worker's own, read by the runner after the thread has ended; the two
 * {@link LongAdder}s are shared and only feed the progress line.
 */
final class Worker implements Runnable {
  static final int HISTOGRAM_DIGITS = 3;

  private final int index;
  private final Phases phases;
  private final OpenLoopSchedule schedule; // null: closed loop
  private final Driver driver;
  private final Workload workload;
  private final KeyChooser keys;
  private final byte[] value;
  private final SplittableRandom random;
  private final NanoClock clock;
  private final LongAdder completedProgress;
  private final LongAdder failedProgress;

  private final Histogram latencyMicros = new Histogram(HISTOGRAM_DIGITS); // auto-resizing: no upper bound to guess
  private final Map<String, Long> errors = new TreeMap<>();
  private long unsent;
  private InterruptedException interrupted;

  Worker(int index, Phases phases, OpenLoopSchedule schedule, Driver driver, Workload workload, KeyChooser keys,
      byte[] value, SplittableRandom random, NanoClock clock, LongAdder completedProgress, LongAdder failedProgress) {
    this.index = index;
    this.phases = phases;
    this.schedule = schedule;
    this.driver = driver;
    this.workload = workload;
    this.keys = keys;
    this.value = value;
    this.random = random;
    this.clock = clock;
    this.completedProgress = completedProgress;
    this.failedProgress = failedProgress;
  }

  @Override
  public void run() {
    try {
      if (schedule == null) {
        runClosedLoop();
      } else {
        runOpenLoop();
      }
    } catch (InterruptedException e) {
      interrupted = e; // the runner was stopped; what was recorded so far stays valid
    }
  }

  private void runClosedLoop() throws InterruptedException {
    clock.sleepUntil(phases.startNanos());
    for (long sendNanos = clock.nanoTime(); sendNanos < phases.endNanos(); sendNanos = clock.nanoTime()) {
      if (Thread.currentThread().isInterrupted()) {
        interrupted = new InterruptedException();
        return;
      }
      execute(sendNanos);
    }
  }

  private void runOpenLoop() throws InterruptedException {
    for (long i = 0; ; i++) {
      long intendedNanos = schedule.intendedNanos(index, i);
      if (intendedNanos >= phases.endNanos()) {
        return;
      }
      if (clock.nanoTime() >= phases.endNanos()) {
        // So far behind that the window closed: the operations still due in it were never sent. Report them.
        long dueInWindow = schedule.countBefore(index, phases.endNanos());
        unsent += dueInWindow - Math.max(i, schedule.countBefore(index, phases.measureStartNanos()));
        return;
      }
      clock.sleepUntil(intendedNanos);
      execute(intendedNanos);
    }
  }

  /** Sends one operation; its latency runs from {@code fromNanos} (the actual or the intended send time). */
  private void execute(long fromNanos) {
    long key = keys.next(random);
    boolean read = workload.readPercent() > 0 && random.nextInt(100) < workload.readPercent();
    Exception failure = null;
    try {
      if (read) {
        driver.get(Keys.of(key));
      } else {
        driver.put(Keys.of(key), value);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the run is being stopped: this operation is not counted
      return;
    } catch (Exception e) {
      failure = e;
    }
    long doneNanos = clock.nanoTime();
    if (failure == null) {
      completedProgress.increment();
    } else {
      failedProgress.increment();
    }
    if (!phases.measured(fromNanos)) {
      return;
    }
    if (failure == null) {
      latencyMicros.recordValue(Math.max(0, doneNanos - fromNanos) / 1000);
    } else {
      errors.merge(driver.errorKind(failure), 1L, Long::sum);
    }
  }

  /** Successful operations recorded, by latency in microseconds. Read only after the thread has ended. */
  Histogram latencyMicros() {
    return latencyMicros;
  }

  Map<String, Long> errors() {
    return errors;
  }

  long unsent() {
    return unsent;
  }

  boolean wasInterrupted() {
    return interrupted != null;
  }
}
