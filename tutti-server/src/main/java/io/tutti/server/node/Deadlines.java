package io.tutti.server.node;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Request deadlines on one timer wheel, shared by everything in this JVM.
 *
 * <p>This replaces {@link CompletableFuture#orTimeout}, which on JDK 25 wakes the common pool's delay scheduler on
 * every call: a futex wake-up and a context switch per request, 1.4% of a node's CPU during puts (async-profiler,
 * docs/benchmarks.md). A {@code ScheduledThreadPoolExecutor} was tried first: it too wakes its thread whenever a
 * new deadline is the earliest pending one, which with one client is every request, and single-client puts were
 * slower with it. Netty's timer wheel never wakes for a new deadline: arming and cancelling one are lock-free queue
 * operations, and its thread looks at them on its own tick ({@link #TICK_MS}), so a deadline fires up to a tick
 * late, nothing next to request timeouts of seconds.
 */
final class Deadlines {
  static final long TICK_MS = 20;

  private static final HashedWheelTimer TIMER = new HashedWheelTimer(runnable -> {
    Thread thread = new Thread(runnable, "request-deadlines");
    thread.setDaemon(true);
    return thread;
  }, TICK_MS, TimeUnit.MILLISECONDS);

  private Deadlines() {}

  /**
   * Completes {@code future} with a {@link TimeoutException} unless it completes within {@code timeoutMs}; returns
   * it, like {@link CompletableFuture#orTimeout}.
   */
  static <T> CompletableFuture<T> within(CompletableFuture<T> future, long timeoutMs) {
    if (future.isDone()) {
      return future;
    }
    Timeout deadline = TIMER.newTimeout(timeout -> future.completeExceptionally(
        new TimeoutException("no answer within " + timeoutMs + " ms")), timeoutMs, TimeUnit.MILLISECONDS);
    future.whenComplete((value, failure) -> deadline.cancel());
    return future;
  }

  /** Deadlines armed and not yet fired or cleared from the wheel (for tests; a cancelled one leaves on a tick). */
  static long pending() {
    return TIMER.pendingTimeouts();
  }
}
