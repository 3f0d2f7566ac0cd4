package io.tutti.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs one benchmark: preloads the keys when the workload reads, starts one virtual thread per worker (clients ×
 * inflight; worker w sends through client w / inflight), prints a progress line every second, and merges the workers'
 * histograms, error counts and per-second completions into a {@link BenchResult}.
 */
public final class BenchRunner {
  static final int PRELOAD_THREADS_MAX = 64;
  /** Time for the worker threads to start before the first intended send, so open loop does not begin late. */
  static final long START_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Closed-loop workers the warm-up runs at least (see {@link #startWarmUpOnlyWorkers}). */
  static final int WARM_UP_CLIENTS_MIN = 16;

  private final BenchOptions options;
  private final Driver driver;
  private final NanoClock clock;
  private final PrintWriter progress;

  public BenchRunner(BenchOptions options, Driver driver, NanoClock clock, PrintWriter progress) {
    this.options = options;
    this.driver = driver;
    this.clock = clock;
    this.progress = progress;
  }

  public BenchResult run() throws InterruptedException {
    SplittableRandom root = new SplittableRandom(options.seed());
    byte[] value = new byte[options.valueSizeBytes()];
    root.nextBytes(value);
    KeyChooser keys = options.distribution().chooser(options.keys());
    long preloaded = options.workload().reads() ? preload(value) : 0;

    long startNanos = clock.nanoTime() + START_DELAY_NANOS;
    long measureStartNanos = startNanos + options.warmup().toNanos();
    Phases phases = new Phases(startNanos, measureStartNanos, measureStartNanos + options.duration().toNanos());
    // Open loop deals the schedule over every worker: with inflight K, K of a client's operations can wait at once.
    OpenLoopSchedule schedule = options.openLoop()
        ? new OpenLoopSchedule(startNanos, options.rateOpsPerSecond(), options.workers()) : null;
    LongAdder completed = new LongAdder();
    LongAdder failed = new LongAdder();
    List<Worker> workers = new ArrayList<>(options.workers());
    List<Thread> threads = new ArrayList<>(options.workers());
    for (int i = 0; i < options.workers(); i++) {
      Worker worker = new Worker(i, i / options.inflight(), phases, schedule, driver, options.workload(), keys, value,
          root.split(), clock, completed, failed);
      workers.add(worker);
      // Virtual threads: a worker blocks on every request, and parking a platform thread per request cost the load
      // generator a third of its CPU in context switches (docs/benchmarks.md, "The load generator's own cost").
      threads.add(Thread.ofVirtual().name("bench-worker-" + i).start(worker));
    }
    threads.addAll(startWarmUpOnlyWorkers(phases, keys, value, root));
    try {
      reportProgress(phases, completed, failed);
      for (Thread thread : threads) {
        thread.join();
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      throw e;
    }

    Histogram latency = new Histogram(Worker.HISTOGRAM_DIGITS);
    TreeMap<String, Long> errors = new TreeMap<>();
    long unsent = 0;
    long lateSends = 0;
    long sendLagMaxNanos = 0;
    for (Worker worker : workers) {
      latency.add(worker.latencyMicros());
      worker.errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum));
      unsent += worker.unsent();
      lateSends += worker.lateSends();
      sendLagMaxNanos = Math.max(sendLagMaxNanos, worker.sendLagMaxNanos());
    }
    return new BenchResult(driver.name(), options, latency, errors, unsent, lateSends, sendLagMaxNanos,
        phases.measuredNanos(), preloaded, completedPerSecond(workers));
  }

  /**
   * With fewer than {@link #WARM_UP_CLIENTS_MIN} closed-loop workers, extra workers that run the same workload during
   * the warm-up only (their operations are not counted). The load generator is a JVM: at one client a 10 s warm-up
   * sent too few requests for its JIT to compile the client's code, and a cold client added ~0.25 ms to every measured
   * request (docs/benchmarks.md, session 5, "The load generator's warm-up"). The extra workers stop sending when the
   * measured window opens; an operation they have in flight then completes within its latency.
   */
  private List<Thread> startWarmUpOnlyWorkers(Phases phases, KeyChooser keys, byte[] value, SplittableRandom root) {
    int extra = WARM_UP_CLIENTS_MIN - options.workers();
    if (options.openLoop() || extra <= 0 || phases.measureStartNanos() == phases.startNanos()) {
      return List.of();
    }
    // Measured window of one nanosecond at the warm-up's end: nothing these workers do lands in the results.
    Phases warmUpOnly = new Phases(phases.startNanos(), phases.measureStartNanos() - 1, phases.measureStartNanos());
    List<Thread> threads = new ArrayList<>(extra);
    for (int i = 0; i < extra; i++) {
      Worker worker = new Worker(options.workers() + i, i % options.clients(), warmUpOnly, null, driver,
          options.workload(), keys, value, root.split(), clock, new LongAdder(), new LongAdder());
      threads.add(Thread.ofVirtual().name("bench-warm-up-" + i).start(worker));
    }
    return threads;
  }

  /** The workers' completions per second of the run, summed; up to the last second in which any completed. */
  static long[] completedPerSecond(List<Worker> workers) {
    long[] sum = new long[0];
    for (Worker worker : workers) {
      long[] counts = worker.completedPerSecond();
      int used = counts.length;
      while (used > 0 && counts[used - 1] == 0) {
        used--;
      }
      if (used > sum.length) {
        sum = Arrays.copyOf(sum, used);
      }
      for (int second = 0; second < used; second++) {
        sum[second] += counts[second];
      }
    }
    return sum;
  }

  /** One line a second until the measured window ends: elapsed time, operations and errors in the last second. */
  private void reportProgress(Phases phases, LongAdder completed, LongAdder failed) throws InterruptedException {
    long lastCompleted = 0;
    long lastFailed = 0;
    for (long tick = phases.startNanos() + PROGRESS_INTERVAL_NANOS; ; tick += PROGRESS_INTERVAL_NANOS) {
      long at = Math.min(tick, phases.endNanos());
      clock.sleepUntil(at);
      long nowCompleted = completed.sum();
      long nowFailed = failed.sum();
      double seconds = (at - Math.max(phases.startNanos(), tick - PROGRESS_INTERVAL_NANOS)) / 1e9;
      progress.printf(Locale.ROOT, "%6.1fs  %-7s  %10.0f ops/s  %6d errors  (%d errors in all)%n",
          (at - phases.startNanos()) / 1e9, at <= phases.measureStartNanos() ? "warmup" : "measure",
          (nowCompleted - lastCompleted) / seconds, nowFailed - lastFailed, nowFailed);
      progress.flush();
      lastCompleted = nowCompleted;
      lastFailed = nowFailed;
      if (at >= phases.endNanos()) {
        return;
      }
    }
  }

  /**
   * Writes every key once, untimed, so that reads find what they look for. At most {@link #PRELOAD_THREADS_MAX}
   * threads; the first failure stops the preload and the run (a read benchmark over missing keys measures nothing).
   */
  long preload(byte[] value) throws InterruptedException {
    int threadCount = (int) Math.min(PRELOAD_THREADS_MAX, options.keys()); // untimed: as parallel as allowed
    AtomicLong written = new AtomicLong();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>(threadCount);
    for (int t = 0; t < threadCount; t++) {
      int first = t;
      int client = t % options.clients();
      threads.add(Thread.ofPlatform().name("bench-preload-" + t).daemon().start(() -> {
        for (long key = first; key < options.keys() && failure.get() == null; key += threadCount) {
          try {
            driver.put(client, Keys.of(key), value);
            written.incrementAndGet();
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            failure.compareAndSet(null, "key " + Keys.text(key) + ": " + driver.errorKind(e) + ": " + e.getMessage());
          }
        }
      }));
    }
    try {
      long nextReportNanos = clock.nanoTime() + PROGRESS_INTERVAL_NANOS;
      for (Thread thread : threads) {
        while (!thread.join(java.time.Duration.ofMillis(100))) {
          if (clock.nanoTime() >= nextReportNanos) {
            progress.printf(Locale.ROOT, "preload  %d/%d keys%n", written.get(), options.keys());
            progress.flush();
            nextReportNanos += PROGRESS_INTERVAL_NANOS;
          }
        }
      }
    } catch (InterruptedException e) {
      threads.forEach(Thread::interrupt);
      throw e;
    }
    if (failure.get() != null) {
      throw new BenchException("preload failed after " + written.get() + " of " + options.keys() + " keys: "
          + failure.get());
    }
    progress.printf(Locale.ROOT, "preload  %d keys written%n", written.get());
    progress.flush();
    return written.get();
  }
}
