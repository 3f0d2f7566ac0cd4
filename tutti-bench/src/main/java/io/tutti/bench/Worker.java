package io.tutti.bench;

import io.tutti.core.check.Check;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One worker of the run: a single thread sending one operation at a time, through its client's connection, until the
 * run ends; a client with {@code inflight} K has K workers, so K of its operations are outstanding at once. Closed loop
 * ({@code schedule} null): the next operation goes out when the previous one returns, and latency is measured from
 * that send. Open loop: operation i goes out at the schedule's intended time (at once if the worker is late), and
 * latency is measured from the intended time, so waiting behind a slow operation counts (no coordinated omission).
 * <p>
 * Only operations sent (closed loop) or due (open loop) inside the measured window are recorded. The histogram, the
 * error counts and the totals are this worker's own, read by the runner after the thread has ended; the two
 * {@link LongAdder}s are shared and only feed the progress line.
 * <p>
 * Every successful operation, warmup or measured, is also counted in the second of the run in which it completed
 * (from {@code phases.startNanos()}), for the throughput chart; an operation sent before the end that completes after
 * it lands in a second past the end.
 */
final class Worker implements Runnable {
  static final int HISTOGRAM_DIGITS = 3;
  static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** An open-loop operation sent more than this after its intended time counts as late (see {@link #lateSends}). */
  static final long LATE_SEND_NANOS = 1_000_000L;

  private final int index;
  private final int client;
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
  private long[] completedPerSecond; // grows when an operation completes past its end
  private long unsent;
  private long lateSends;
  private long sendLagMaxNanos;
  private InterruptedException interrupted;

  /**
   * @param index this worker's place in the open-loop schedule, 0 .. workers-1
   * @param client the client whose connection it sends through, 0 .. clients-1
   */
  Worker(int index, int client, Phases phases, OpenLoopSchedule schedule, Driver driver, Workload workload, KeyChooser keys,
      byte[] value, SplittableRandom random, NanoClock clock, LongAdder completedProgress, LongAdder failedProgress) {
    this.index = index;
    this.client = client;
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
    this.completedPerSecond = new long[(int) ((phases.endNanos() - phases.startNanos()) / NANOS_PER_SECOND) + 2];
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
      long lagNanos = clock.nanoTime() - intendedNanos;
      if (phases.measured(intendedNanos)) {
        sendLagMaxNanos = Math.max(sendLagMaxNanos, lagNanos);
        if (lagNanos > LATE_SEND_NANOS) {
          lateSends++;
        }
      }
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
        driver.get(client, Keys.of(key));
      } else {
        driver.put(client, Keys.of(key), value);
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
      countCompletion(doneNanos);
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

  private void countCompletion(long doneNanos) {
    long second = Math.max(0, doneNanos - phases.startNanos()) / NANOS_PER_SECOND;
    Check.state(second < Integer.MAX_VALUE, "an operation completed %d s after the run started", second);
    if (second >= completedPerSecond.length) {
      int length = (int) Math.min(Integer.MAX_VALUE, Math.max(second + 1, 2L * completedPerSecond.length));
      completedPerSecond = Arrays.copyOf(completedPerSecond, length);
    }
    completedPerSecond[(int) second]++;
  }

  /** Successful operations recorded, by latency in microseconds. Read only after the thread has ended. */
  Histogram latencyMicros() {
    return latencyMicros;
  }

  Map<String, Long> errors() {
    return errors;
  }

  /**
   * Successful operations (warmup, measured, and completing after the end) by the second of the run they completed
   * in; trailing seconds may be zero. Read only after the thread has ended.
   */
  long[] completedPerSecond() {
    return completedPerSecond;
  }

  long unsent() {
    return unsent;
  }

  /**
   * Open loop: measured operations sent more than {@link #LATE_SEND_NANOS} after their intended time, because this
   * worker was still waiting for its previous operation or its own thread did not run in time. Their latency counts
   * from the intended time either way; the count says how much of the measured load went out behind the schedule.
   */
  long lateSends() {
    return lateSends;
  }

  /** Open loop: the most any measured operation was sent after its intended time, in nanoseconds. */
  long sendLagMaxNanos() {
    return sendLagMaxNanos;
  }

  boolean wasInterrupted() {
    return interrupted != null;
  }
}
