package io.tutti.server.raft;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures that complete when a replica has applied a given log index: a session read waits on one when its replica
 * is a little behind the session. Callers bound their wait with their own timeout; a future nobody waits for any more
 * stays here until the index is applied (a replica that never gets there keeps at most one future per index asked).
 */
final class AppliedWaiters {
  private final NavigableMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>(); // guarded by this
  private long applied; // guarded by this

  /** A future completed once {@code index} is applied; {@code currentApplied} is the replica's applied index now. */
  synchronized CompletableFuture<Void> await(long index, long currentApplied) {
    applied = Math.max(applied, currentApplied);
    if (index <= applied) {
      return CompletableFuture.completedFuture(null);
    }
    return waiting.computeIfAbsent(index, ignored -> new CompletableFuture<>());
  }

  /** The replica has applied {@code index}: completes every future at or below it. */
  void advance(long index) {
    NavigableMap<Long, CompletableFuture<Void>> due;
    synchronized (this) {
      if (index <= applied) {
        return;
      }
      applied = index;
      NavigableMap<Long, CompletableFuture<Void>> head = waiting.headMap(index, true);
      if (head.isEmpty()) {
        return;
      }
      due = new TreeMap<>(head);
      head.clear();
    }
    // Completed outside the lock: what a waiter runs next must not hold up the apply thread's bookkeeping.
    for (Map.Entry<Long, CompletableFuture<Void>> entry : due.entrySet()) {
      entry.getValue().complete(null);
    }
  }
}
