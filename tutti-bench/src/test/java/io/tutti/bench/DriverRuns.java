package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/** What the driver tests run against a real server: short benchmarks and a read of a key nobody wrote. */
final class DriverRuns {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int CLIENTS = 2;
  static final int INFLIGHT = 3;
  static final long KEYS = 200;
  /** Far beyond {@link #KEYS}: never written by any run. */
  static final long ABSENT_KEY = 9_000_000_000L;

  private DriverRuns() {}

  /** One second of {@code workload} (keys preloaded when it reads), 2 clients × 3 in flight, fixed seed. */
  static BenchResult run(Driver driver, Target target, Workload workload, Consistency consistency)
      throws InterruptedException {
    BenchOptions options = new BenchOptions(target, workload, CLIENTS, INFLIGHT, KEYS, 64, KeyDistribution.ZIPFIAN,
        Duration.ofSeconds(1), Duration.ZERO, 0, consistency, "default", 7);
    return new BenchRunner(options, driver, NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();
  }

  /** Asserts a run that did work and met no error. */
  static void assertClean(BenchResult result) {
    assertThat(result.errorsByKind()).as("errors by kind").isEmpty();
    assertThat(result.ops()).isPositive();
    assertThat(result.completedTotal()).isGreaterThanOrEqualTo(result.ops());
  }

  /** A get of a key nobody wrote throws, and a worker counts it as the one error kind every driver uses. */
  static void assertMissingKeyIsAnError(Driver driver) throws InterruptedException {
    assertThatThrownBy(() -> driver.get(CLIENTS - 1, Keys.of(ABSENT_KEY))).isInstanceOfSatisfying(
        MissingKeyException.class, e -> assertThat(driver.errorKind(e)).isEqualTo(MissingKeyException.KIND));

    long nowNanos = System.nanoTime();
    Phases phases = new Phases(nowNanos, nowNanos, nowNanos + Duration.ofMillis(300).toNanos());
    Worker worker = new Worker(0, 0, phases, null, driver, Workload.GET, random -> ABSENT_KEY, new byte[0],
        new SplittableRandom(1), NanoClock.SYSTEM, new LongAdder(), new LongAdder());
    worker.run();
    assertThat(worker.errors()).containsOnlyKeys(MissingKeyException.KIND);
    assertThat(worker.errors().get(MissingKeyException.KIND)).isPositive();
    assertThat(worker.latencyMicros().getTotalCount()).isZero();
  }
}
