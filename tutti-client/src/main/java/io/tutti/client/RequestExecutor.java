package io.tutti.client;

import io.tutti.core.error.ErrorCode;
import java.util.LinkedHashSet;
import java.util.SequencedSet;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Runs one request to completion: picks an endpoint per attempt (the router's best candidate that has not failed yet
 * and whose circuit is closed), retries retryable failures with backoff on another node, and stops at the request's
 * deadline or after {@code attemptsMax} attempts.
 *
 * <p>The rule for writes (DESIGN.md, "unreliable network"): a write that may have reached a node and then went
 * unanswered is retried with the same request (so with the same request id; the shard applies it once). If the
 * client gives up on such a write, it throws OUTCOME_UNKNOWN, never a definite failure. Writes without a request id
 * ({@link Kind#UNSAFE_WRITE}, the keyspace changes) are never resent once they may have reached a node.
 */
final class RequestExecutor {
  /** How a request may be retried. */
  enum Kind {
    /** Reads: retried freely. */
    READ,
    /** Writes carrying a request id: retried with the same id. */
    WRITE,
    /** Writes without a request id: retried only when the previous attempt provably never left the client. */
    UNSAFE_WRITE
  }

  /** One attempt against one node. */
  @FunctionalInterface
  interface Attempt<T> {
    T call(NodeApi node, long timeoutMs);
  }

  /** Waits between attempts; tests substitute one that does not sleep. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long millis) throws InterruptedException;
  }

  private final RetryPolicy policy;
  private final Nodes nodes;
  private final Router router;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final RandomGenerator random;

  RequestExecutor(RetryPolicy policy, Nodes nodes, Router router, Sleeper sleeper, LongSupplier nanoTime,
      RandomGenerator random) {
    this.policy = policy;
    this.nodes = nodes;
    this.router = router;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
    this.random = random;
  }

  <T> T execute(String what, Kind kind, Target target, Attempt<T> attempt) {
    long startNanos = nanoTime.getAsLong();
    long deadlineNanos = startNanos + policy.requestTimeout().toNanos();
    SequencedSet<String> failed = new LinkedHashSet<>(); // oldest failure first
    TuttiClientException last = null;
    boolean maybeApplied = false;
    int attempts = 0;
    while (attempts < policy.attemptsMax()) {
      long remainingMs = remainingMs(deadlineNanos);
      if (remainingMs <= 0) {
        break;
      }
      String endpoint = ClusterMap.pick(router.candidates(target), failed, nodes::tryRequest);
      Nodes.Node node = nodes.get(endpoint);
      attempts++;
      try {
        T result = attempt.call(node.api(), Math.min(remainingMs, policy.attemptTimeout().toMillis()));
        node.breaker().onSuccess();
        return result;
      } catch (RuntimeException failure) {
        TuttiClientException error = ErrorMapping.toClientException(failure, endpoint);
        if (ErrorMapping.isNodeFailure(failure)) {
          node.breaker().onFailure();
        } else {
          node.breaker().onSuccess();
        }
        if (!error.retryable()) {
          throw error;
        }
        boolean reached = ErrorMapping.maybeReachedNode(failure) && error.code() != ErrorCode.RATE_LIMITED;
        if (kind == Kind.UNSAFE_WRITE && reached) {
          throw outcomeUnknown(what, attempts, startNanos, error);
        }
        maybeApplied |= kind == Kind.WRITE && reached;
        if (error.code() != ErrorCode.RATE_LIMITED) {
          router.refreshSoon();
        }
        failed.remove(endpoint);
        failed.add(endpoint);
        last = error;
        if (attempts < policy.attemptsMax()) {
          backoff(what, kind, attempts, deadlineNanos, maybeApplied);
        }
      }
    }
    if (maybeApplied) {
      throw outcomeUnknown(what, attempts, startNanos, last);
    }
    if (last == null) {
      throw new TuttiClientException(ErrorCode.UNAVAILABLE, what + ": no attempt fitted in the request timeout of "
          + policy.requestTimeout().toMillis() + " ms", true);
    }
    ErrorCode code = kind == Kind.READ && last.code() == ErrorCode.OUTCOME_UNKNOWN ? ErrorCode.UNAVAILABLE
        : last.code();
    throw new TuttiClientException(code, what + ": " + last.getMessage() + " (gave up after " + attempts
        + " attempts in " + elapsedMs(startNanos) + " ms)", last.retryable(), last);
  }

  private void backoff(String what, Kind kind, int attempts, long deadlineNanos, boolean maybeApplied) {
    long waitMs = Math.min(policy.backoffMs(attempts, random), remainingMs(deadlineNanos));
    if (waitMs <= 0) {
      return;
    }
    try {
      sleeper.sleep(waitMs);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw maybeApplied
          ? new TuttiClientException(ErrorCode.OUTCOME_UNKNOWN, what + ": interrupted while retrying; the write may "
              + "or may not have been applied", true, e)
          : new TuttiClientException(ErrorCode.UNAVAILABLE, what + ": interrupted while retrying"
              + (kind == Kind.READ ? "" : "; the write was not applied"), true, e);
    }
  }

  private TuttiClientException outcomeUnknown(String what, int attempts, long startNanos,
      TuttiClientException last) {
    return new TuttiClientException(ErrorCode.OUTCOME_UNKNOWN, what + ": outcome unknown after " + attempts
        + (attempts == 1 ? " attempt" : " attempts") + " in " + elapsedMs(startNanos) + " ms; the write may or may "
        + "not have been applied (last error " + last.code() + ": " + last.getMessage() + ")", true, last);
  }

  private long remainingMs(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - nanoTime.getAsLong());
  }

  private long elapsedMs(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - startNanos);
  }
}
