package io.tutti.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The open-loop schedule: intended send times, evenly spaced at the rate, dealt round-robin to the workers. */
class OpenLoopScheduleTest {
  @Test
  void intendedTimesAreEvenlySpacedAtTheTotalRate() {
    long start = 5_000_000_000L;
    OpenLoopSchedule schedule = new OpenLoopSchedule(start, 1000, 4);
    List<Long> all = new ArrayList<>();
    for (long i = 0; i < 250; i++) {
      for (int worker = 0; worker < 4; worker++) {
        all.add(schedule.intendedNanos(worker, i));
      }
    }
    for (int j = 0; j < all.size(); j++) {
      assertThat(all.get(j)).as("operation %d of the run", j).isEqualTo(start + j * 1_000_000L);
    }
  }

  @Test
  void eachWorkerSendsAtTheRateDividedByTheWorkers() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 300, 3);
    for (long i = 1; i < 100; i++) {
      assertThat(schedule.intendedNanos(2, i) - schedule.intendedNanos(2, i - 1)).isEqualTo(10_000_000L);
    }
  }

  @Test
  void ratesThatDoNotDivideASecondRoundToTheNearestNanosecond() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3, 1);
    assertThat(schedule.intendedNanos(0, 1)).isEqualTo(333_333_333L);
    assertThat(schedule.intendedNanos(0, 2)).isEqualTo(666_666_667L);
    assertThat(schedule.intendedNanos(0, 3)).isEqualTo(1_000_000_000L);
  }

  @Test
  void countBeforeCountsExactlyTheOperationsDueBeforeADeadline() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 7, 3);
    for (int worker = 0; worker < 3; worker++) {
      for (long deadline : new long[] {0, 1_000, 1_001, 500_000_000, 1_000_001_000, 9_876_543_210L}) {
        long expected = 0;
        while (schedule.intendedNanos(worker, expected) < deadline) {
          expected++;
        }
        assertThat(schedule.countBefore(worker, deadline)).as("worker %d, deadline %d", worker, deadline)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aWholeRunHoldsRateTimesDurationOperations() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 2000, 7);
    long total = 0;
    for (int worker = 0; worker < 7; worker++) {
      total += schedule.countBefore(worker, 3_000_000_000L);
    }
    assertThat(total).isEqualTo(6000);
  }
}
