package io.tutti.server.storage;

/** How far a shard replica has applied its Raft log, and the replicated time at that point. */
public record AppliedPosition(long term, long index, long timeMs) {
  public static final AppliedPosition NONE = new AppliedPosition(0, 0, 0);
}
