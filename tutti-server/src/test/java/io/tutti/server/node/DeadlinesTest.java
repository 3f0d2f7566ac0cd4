package io.tutti.server.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  @Test
  void aFutureNotAnsweredInTimeFailsWithTimeoutException() {
    CompletableFuture<String> never = new CompletableFuture<>();

    CompletableFuture<String> bounded = Deadlines.within(never, 50);

    assertThat(bounded).isSameAs(never);
    assertThatThrownBy(() -> bounded.get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(TimeoutException.class);
  }

  @Test
  void anAnsweredFutureKeepsItsValueAndItsDeadlineLeavesTheTimer() throws Exception {
    long before = Deadlines.pending();
    List<CompletableFuture<Integer>> futures = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      futures.add(Deadlines.within(new CompletableFuture<>(), 60_000));
    }
    assertThat(Deadlines.pending()).isGreaterThanOrEqualTo(before + 1000);

    for (int i = 0; i < futures.size(); i++) {
      futures.get(i).complete(i);
    }

    assertThat(futures.get(999).get(1, TimeUnit.SECONDS)).isEqualTo(999);
    // A cancelled deadline leaves the wheel on the timer's next tick.
    await().atMost(10, TimeUnit.SECONDS).until(() -> Deadlines.pending() <= before);
  }

  @Test
  void aFutureAlreadyAnsweredGetsNoDeadline() {
    long before = Deadlines.pending();

    CompletableFuture<String> done = Deadlines.within(CompletableFuture.completedFuture("x"), 60_000);

    assertThat(done).isCompletedWithValue("x");
    assertThat(Deadlines.pending()).isLessThanOrEqualTo(before);
  }
}
