package io.tutti.server.node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Request deadlines on one timer thread, shared by everything in this JVM.
 *
 * <p>This replaces {@link CompletableFuture#orTimeout}, which on JDK 25 wakes the common pool's delay scheduler on
 * every call: a futex wake-up and a context switch per request, 1.4% of a node's CPU during puts (async-profiler,
 * docs/benchmarks.md). Here a deadline wakes the timer thread only when it is the earliest one pending, and every
 * request's deadline is the same distance away, so in steady traffic a new deadline is never the earliest and costs
 * only its insertion into the timer's queue.
 */
final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, runnable -> {
    Thread thread = new Thread(runnable, "request-deadlines");
    thread.setDaemon(true);
    return thread;
  });

  static {
    // An answered request's deadline leaves the queue at once rather than when it would have fired.
    TIMER.setRemoveOnCancelPolicy(true);
  }

  private Deadlines() {}

  /**
   * Completes {@code future} with a {@link TimeoutException} unless it completes within {@code timeoutMs}; returns
   * it, like {@link CompletableFuture#orTimeout}.
   */
  static <T> CompletableFuture<T> within(CompletableFuture<T> future, long timeoutMs) {
    if (future.isDone()) {
      return future;
    }
    ScheduledFuture<?> deadline = TIMER.schedule(() -> {
      future.completeExceptionally(new TimeoutException("no answer within " + timeoutMs + " ms"));
    }, timeoutMs, TimeUnit.MILLISECONDS);
    future.whenComplete((value, failure) -> deadline.cancel(false));
    return future;
  }

  /** Deadlines waiting in the timer (for tests). */
  static int pending() {
    return TIMER.getQueue().size();
  }
}
