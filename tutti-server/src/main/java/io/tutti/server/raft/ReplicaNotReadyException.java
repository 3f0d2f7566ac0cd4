package io.tutti.server.raft;

/**
 * A replica cannot answer a local read now: it is starting, or installing a snapshot from its leader. The caller
 * sends the read to the shard's leader instead.
 */
public final class ReplicaNotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReplicaNotReadyException(String message) {
    super(message, null, false, false);
  }
}
