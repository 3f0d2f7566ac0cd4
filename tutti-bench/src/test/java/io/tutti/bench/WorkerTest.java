package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongUnaryOperator;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * One worker on a {@link FakeClock}: the driver moves time by an injected service time per operation, so every
 * latency here is exact and nothing depends on the machine's speed.
 */
class WorkerTest {
  static final long MS = 1_000_000L;
  static final long SERVICE_NANOS = 300_000L; // 0.3 ms per operation

  /** A driver whose n-th operation (from 0) takes {@code serviceNanos.applyAsLong(n)} on the fake clock. */
  static final class TimedDriver implements Driver {
    final FakeClock clock;
    final LongUnaryOperator serviceNanos;
    final List<Long> sendTimes = new ArrayList<>();
    long failEvery; // 0: never fail

    TimedDriver(FakeClock clock, LongUnaryOperator serviceNanos) {
      this.clock = clock;
      this.serviceNanos = serviceNanos;
    }

    @Override
    public String name() {
      return "timed";
    }

    @Override
    public void put(int client, byte[] key, byte[] value) {
      operate();
    }

    @Override
    public void get(int client, byte[] key) {
      operate();
    }

    private void operate() {
      long n = sendTimes.size();
      sendTimes.add(clock.nanoTime());
      clock.advance(serviceNanos.applyAsLong(n));
      if (failEvery > 0 && (n + 1) % failEvery == 0) {
        throw new IllegalStateException("injected failure of operation " + n);
      }
    }
  }

  private static Worker worker(FakeClock clock, Driver driver, Phases phases, OpenLoopSchedule schedule) {
    return new Worker(0, 0, phases, schedule, driver, Workload.PUT, random -> random.nextLong(100), new byte[8],
        new SplittableRandom(1), clock, new LongAdder(), new LongAdder());
  }

  /** Op 5 stalls 50 ms; all other ops take 0.3 ms; 1000 ops/s for 100 ms. */
  private static Worker runStalledOpenLoop(long measureStartNanos) {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> n == 5 ? 50 * MS + SERVICE_NANOS : SERVICE_NANOS);
    Worker worker = worker(clock, driver, new Phases(0, measureStartNanos, 100 * MS),
        new OpenLoopSchedule(0, 1000, 1));
    worker.run();
    return worker;
  }

  @Test
  void openLoopLatencyOfALateRequestIncludesItsWait() {
    Worker worker = runStalledOpenLoop(0);
    Histogram latency = worker.latencyMicros();
    assertThat(latency.getTotalCount()).isEqualTo(100);
    assertThat(worker.unsent()).isZero();
    assertThat(latency.getMaxValue()).isBetween(50_250L, 50_350L); // the stalled op itself: 50.3 ms
    // Op k (6..) was due at k ms but sent when op k-1 returned: 55.3 ms + 0.3 ms per op since. Its latency is
    // 53.8 - 0.7 k ms: above 1 ms for k = 6..75. With the stalled op 5: 71 slow operations, where a closed-loop
    // measurement from the actual send would show one.
    assertThat(latency.getCountBetweenValues(1_001, latency.getMaxValue())).isEqualTo(71);
    // Op 6 waited 49.3 ms for op 5 and took 0.3 ms itself.
    assertThat(latency.getCountBetweenValues(49_550, 49_650)).isEqualTo(1);
  }

  @Test
  void openLoopCountsTheOperationsSentBehindTheScheduleAndTheLargestLag() {
    Worker worker = runStalledOpenLoop(0);
    // Op k (6..) was due at k ms and sent at 55.3 + 0.3 (k - 6) ms: 53.5 - 0.7 k ms late, over 1 ms for k = 6..74.
    assertThat(worker.lateSends()).isEqualTo(69);
    assertThat(worker.sendLagMaxNanos()).isEqualTo(49_300_000L); // op 6
  }

  @Test
  void lateSendsInTheWarmupAreNotCounted() {
    Worker worker = runStalledOpenLoop(50 * MS);
    // Ops due from 50 ms on: k = 50..74 are still over 1 ms late; op 50 by 18.5 ms.
    assertThat(worker.lateSends()).isEqualTo(25);
    assertThat(worker.sendLagMaxNanos()).isEqualTo(18_500_000L);
  }

  @Test
  void openLoopSendsAtTheIntendedTimesWhenOnSchedule() {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> SERVICE_NANOS);
    Worker worker = worker(clock, driver, new Phases(0, 0, 10 * MS), new OpenLoopSchedule(0, 1000, 1));
    worker.run();
    assertThat(driver.sendTimes).containsExactly(0L, MS, 2 * MS, 3 * MS, 4 * MS, 5 * MS, 6 * MS, 7 * MS, 8 * MS,
        9 * MS);
    assertThat(worker.latencyMicros().getMaxValue()).isEqualTo(300);
    assertThat(worker.latencyMicros().getMinValue()).isEqualTo(300);
    assertThat(worker.lateSends()).isZero();
    assertThat(worker.sendLagMaxNanos()).isZero();
  }

  @Test
  void warmupOperationsAreSentButNotRecorded() {
    Worker worker = runStalledOpenLoop(50 * MS);
    assertThat(worker.latencyMicros().getTotalCount()).isEqualTo(50); // ops due at 50..99 ms
    // Ops due from 50 ms on are still late (the backlog from the stall) and are recorded as such.
    assertThat(worker.latencyMicros().getMaxValue()).isBetween(18_700L, 18_900L); // op 50: 53.8 - 35 = 18.8 ms
  }

  @Test
  void operationsStillDueWhenTheWindowClosesAreReportedAsUnsent() {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> n == 5 ? 200 * MS : SERVICE_NANOS);
    Worker worker = worker(clock, driver, new Phases(0, 0, 100 * MS), new OpenLoopSchedule(0, 1000, 1));
    worker.run();
    assertThat(worker.latencyMicros().getTotalCount()).isEqualTo(6); // ops 0..5
    assertThat(worker.unsent()).isEqualTo(94); // ops 6..99 were due before 100 ms and never sent
    assertThat(driver.sendTimes).hasSize(6);
  }

  @Test
  void closedLoopSendsWhenThePreviousReturnsAndMeasuresFromTheSend() {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> n == 2 ? 5 * MS : SERVICE_NANOS);
    Worker worker = worker(clock, driver, new Phases(0, 0, 8 * MS), null);
    worker.run();
    // 0, 0.3, 0.6 (5 ms), 5.6, 5.9, ..., 7.7: 3 + 8 operations.
    assertThat(driver.sendTimes).hasSize(11);
    assertThat(driver.sendTimes.get(3)).isEqualTo(5_600_000L);
    Histogram latency = worker.latencyMicros();
    assertThat(latency.getTotalCount()).isEqualTo(11);
    assertThat(latency.getCountBetweenValues(1_000, Long.MAX_VALUE)).isEqualTo(1); // only the stalled one
  }

  @Test
  void failuresAreCountedByKindAndNotRecordedAsLatency() {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> SERVICE_NANOS);
    driver.failEvery = 4;
    Worker worker = worker(clock, driver, new Phases(0, 0, 20 * MS), new OpenLoopSchedule(0, 1000, 1));
    worker.run();
    assertThat(worker.errors()).containsExactly(java.util.Map.entry("IllegalStateException", 5L));
    assertThat(worker.latencyMicros().getTotalCount()).isEqualTo(15);
  }

  @Test
  void mixedWorkloadReadsAboutItsShareAndSameSeedRepeats() {
    int[] first = mixedCounts(7);
    int[] second = mixedCounts(7);
    assertThat(first).containsExactly(second);
    assertThat(first[0] + first[1]).isEqualTo(1000);
    assertThat(first[0]).isBetween(850, 950); // mixed:90 over 1000 seeded operations
  }

  @Test
  void completionsAreCountedInTheSecondTheyEndedIn() {
    FakeClock clock = new FakeClock();
    TimedDriver driver = new TimedDriver(clock, n -> SERVICE_NANOS);
    Worker worker = worker(clock, driver, new Phases(0, 0, 2_000 * MS), null);

    worker.run();

    // Op k is sent at k × 0.3 ms and ends 0.3 ms later: 3333 end in second 0, 3333 in second 1, and op 6666, sent at
    // 1999.8 ms, ends at 2000.1 ms, in second 2, after the run.
    long[] perSecond = worker.completedPerSecond();
    assertThat(Arrays.copyOf(perSecond, 3)).containsExactly(3333, 3333, 1);
    assertThat(Arrays.stream(perSecond).sum()).isEqualTo(driver.sendTimes.size());
  }

  private static int[] mixedCounts(long seed) {
    FakeClock clock = new FakeClock();
    int[] counts = new int[2];
    Driver driver = new Driver() {
      @Override
      public String name() {
        return "counting";
      }

      @Override
      public void put(int client, byte[] key, byte[] value) {
        counts[1]++;
        clock.advance(MS);
      }

      @Override
      public void get(int client, byte[] key) {
        counts[0]++;
        clock.advance(MS);
      }
    };
    new Worker(0, 0, new Phases(0, 0, 1000 * MS), null, driver, Workload.parse("mixed:90"), random -> 0,
        new byte[0], new SplittableRandom(seed), clock, new LongAdder(), new LongAdder()).run();
    return counts;
  }
}
