package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole runner on real threads and the real clock, against an in-memory driver. Asserts counts and structure,
 * never speed: the only timing-dependent figure is how many operations a closed loop completes, checked as > 0.
 */
class BenchRunnerTest {
  /** A thread-safe in-memory store; gets of absent keys fail as the Tutti driver's do. */
  static final class MemoryDriver implements Driver {
    final Map<String, byte[]> store = new ConcurrentHashMap<>();
    final AtomicLong puts = new AtomicLong();
    final AtomicLong gets = new AtomicLong();
    volatile long failPutsFromKey = Long.MAX_VALUE;

    @Override
    public String name() {
      return "memory";
    }

    @Override
    public void put(int client, byte[] key, byte[] value) {
      String k = new String(key, java.nio.charset.StandardCharsets.US_ASCII);
      if (Long.parseLong(k.substring(1)) >= failPutsFromKey) {
        throw new UnsupportedOperationException("read-only from " + failPutsFromKey);
      }
      puts.incrementAndGet();
      store.put(k, value.clone());
    }

    @Override
    public void get(int client, byte[] key) {
      gets.incrementAndGet();
      if (store.get(new String(key, java.nio.charset.StandardCharsets.US_ASCII)) == null) {
        throw new IllegalStateException("absent");
      }
    }
  }

  /**
   * Blocks every call until {@code expected} calls are inside at once (bounded wait), and records the most calls in
   * flight at any time, in all and per client. With clients × inflight = expected workers, the gate opens only if every
   * worker has a call outstanding together.
   */
  static final class GateDriver implements Driver {
    final int expected;
    final CountDownLatch gate;
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final Map<Integer, AtomicInteger> inFlightByClient = new ConcurrentHashMap<>();
    final Map<Integer, Integer> maxInFlightByClient = new ConcurrentHashMap<>();
    final AtomicLong succeeded = new AtomicLong();
    volatile boolean gateTimedOut;

    GateDriver(int expected) {
      this.expected = expected;
      this.gate = new CountDownLatch(expected);
    }

    @Override
    public String name() {
      return "gate";
    }

    @Override
    public void put(int client, byte[] key, byte[] value) throws InterruptedException {
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      int clientNow = inFlightByClient.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
      maxInFlightByClient.merge(client, clientNow, Math::max);
      try {
        gate.countDown();
        if (!gate.await(GATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          gateTimedOut = true;
        }
        succeeded.incrementAndGet();
      } finally {
        inFlightByClient.get(client).decrementAndGet();
        inFlight.decrementAndGet();
      }
    }

    @Override
    public void get(int client, byte[] key) throws InterruptedException {
      put(client, key, new byte[0]);
    }
  }

  static final long GATE_TIMEOUT_SECONDS = 20;

  private static BenchOptions options(Workload workload, int clients, long keys, long rate, Duration duration) {
    return options(workload, clients, 1, keys, rate, duration, Duration.ZERO);
  }

  private static BenchOptions options(Workload workload, int clients, int inflight, long keys, long rate,
      Duration duration, Duration warmup) {
    return new BenchOptions(Target.TUTTI, workload, clients, inflight, keys, 16, KeyDistribution.ZIPFIAN, duration,
        warmup, rate, Consistency.LINEARIZABLE, "default", 42);
  }

  @Test
  void everyClientKeepsInflightCallsOutstandingAtOnce() throws Exception {
    int clients = 3;
    int inflight = 4;
    GateDriver driver = new GateDriver(clients * inflight);

    BenchResult result = new BenchRunner(options(Workload.PUT, clients, inflight, 100, 0, Duration.ofMillis(500),
        Duration.ZERO), driver, NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();

    assertThat(driver.gateTimedOut).as("the gate opened: %d calls were in flight together", clients * inflight)
        .isFalse();
    assertThat(driver.maxInFlight.get()).isEqualTo(clients * inflight);
    assertThat(driver.maxInFlightByClient).containsOnlyKeys(0, 1, 2).allSatisfy((client, max) ->
        assertThat(max).as("client %d", client).isEqualTo(inflight));
    assertThat(result.ops()).isPositive();
    assertThat(result.options().workers()).isEqualTo(12);
  }

  @Test
  void theWarmUpRunsAtLeastSixteenClientsAndTheMeasuredWindowOnlyTheClientsAsked() throws Exception {
    GateDriver driver = new GateDriver(BenchRunner.WARM_UP_CLIENTS_MIN);

    BenchResult result = new BenchRunner(options(Workload.PUT, 1, 1, 100, 0, Duration.ofMillis(500),
        Duration.ofMillis(500)), driver, NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();

    assertThat(driver.gateTimedOut).as("the gate opened: %d calls were in flight together during the warm-up",
        BenchRunner.WARM_UP_CLIENTS_MIN).isFalse();
    assertThat(driver.maxInFlight.get()).isEqualTo(BenchRunner.WARM_UP_CLIENTS_MIN);
    assertThat(result.options().workers()).isEqualTo(1);
    // The measured window counts the one asked-for client only: everything measured is in the series, and the
    // driver saw more (the warm-up-only workers' calls).
    assertThat(result.ops()).isPositive();
    assertThat(driver.succeeded.get()).isGreaterThan(result.completedTotal());
  }

  @Test
  void openLoopAlsoDealsItsScheduleOverEveryWorker() throws Exception {
    GateDriver driver = new GateDriver(2 * 3);

    new BenchRunner(options(Workload.PUT, 2, 3, 100, 2000, Duration.ofMillis(500), Duration.ZERO), driver,
        NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();

    assertThat(driver.gateTimedOut).isFalse();
    assertThat(driver.maxInFlight.get()).isEqualTo(6);
    assertThat(driver.maxInFlightByClient).containsOnlyKeys(0, 1);
  }

  @Test
  void theThroughputSeriesCountsEverySuccessfulOperationOnce() throws Exception {
    MemoryDriver driver = new MemoryDriver();

    // 8 clients x 2 in flight = BenchRunner.WARM_UP_CLIENTS_MIN workers: no warm-up-only workers, whose puts the
    // driver would see but the series would not.
    BenchResult result = new BenchRunner(options(Workload.PUT, 8, 2, 100, 0, Duration.ofSeconds(1),
        Duration.ofSeconds(1)), driver, NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();

    // Every put the driver accepted, warmup and measured, is in exactly one second of the series.
    assertThat(result.completedTotal()).isEqualTo(driver.puts.get());
    assertThat(result.completedPerSecond().length).isBetween(2, 3); // two seconds, and maybe a straggler's third
    assertThat(result.completedPerSecond()[0]).as("warmup second").isPositive();
    assertThat(result.ops()).isLessThanOrEqualTo(result.completedTotal());
  }

  @Test
  void getWorkloadPreloadsEveryKeyAndFindsThem() throws Exception {
    MemoryDriver driver = new MemoryDriver();
    StringWriter progress = new StringWriter();
    BenchResult result = new BenchRunner(options(Workload.GET, 4, 500, 0, Duration.ofSeconds(1)), driver,
        NanoClock.SYSTEM, new PrintWriter(progress)).run();

    assertThat(result.preloadedKeys()).isEqualTo(500);
    assertThat(driver.store).hasSize(500);
    assertThat(driver.puts.get()).isEqualTo(500); // the preload only: a get workload never writes
    assertThat(result.errorsByKind()).isEmpty();
    assertThat(result.ops()).isPositive().isLessThanOrEqualTo(driver.gets.get());
    assertThat(result.measuredNanos()).isEqualTo(1_000_000_000L);
    assertThat(progress.toString()).contains("preload  500 keys written").contains("measure").contains("ops/s");
  }

  @Test
  void putWorkloadDoesNotPreloadAndWritesTheSeededValue() throws Exception {
    MemoryDriver driver = new MemoryDriver();
    BenchResult result = new BenchRunner(options(Workload.PUT, 2, 50, 0, Duration.ofMillis(300)), driver,
        NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();
    assertThat(result.preloadedKeys()).isZero();
    assertThat(result.ops()).isPositive();
    byte[] expected = new byte[16];
    new java.util.SplittableRandom(42).nextBytes(expected);
    assertThat(driver.store.values()).allSatisfy(value -> assertThat(Arrays.equals(value, expected)).isTrue());
  }

  @Test
  void openLoopAccountsForEveryScheduledOperation() throws Exception {
    MemoryDriver driver = new MemoryDriver();
    driver.failPutsFromKey = 90; // puts of keys 90..99 fail
    BenchResult result = new BenchRunner(options(Workload.PUT, 4, 100, 2000, Duration.ofSeconds(1)), driver,
        NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run();
    // Whatever the machine's speed: each of the 2000 operations due in the window succeeded, failed or was unsent.
    assertThat(result.ops() + result.errorCount() + result.unsent()).isEqualTo(2000);
    assertThat(result.errorsByKind()).containsOnlyKeys("UnsupportedOperationException");
  }

  @Test
  void aFailingPreloadStopsTheRunWithOneLine() {
    MemoryDriver driver = new MemoryDriver();
    driver.failPutsFromKey = 10;
    assertThatThrownBy(() -> new BenchRunner(options(Workload.parse("mixed:50"), 8, 1000, 0, Duration.ofSeconds(1)),
        driver, NanoClock.SYSTEM, new PrintWriter(new StringWriter())).run())
        .isInstanceOf(BenchException.class)
        .hasMessageStartingWith("preload failed after")
        .hasMessageContaining("UnsupportedOperationException: read-only from 10")
        .hasMessageNotContaining("\n");
  }
}
