package io.tutti.server.raft;

import java.util.concurrent.CompletableFuture;

/** What a node may ask of its own replica of a shard without going through Raft (session, bounded, eventual reads). */
public interface LocalReplica {
  /**
   * Answers a read from this replica as it is now. Throws {@link ReplicaNotReadyException} while the replica is not
   * running (starting, or installing a snapshot).
   */
  byte[] readLocal(byte[] request);

  /** The index of the last entry applied here. */
  long appliedIndex();

  /** Completes once this replica has applied {@code index}; callers bound the wait with their own timeout. */
  CompletableFuture<Void> awaitApplied(long index);
}
