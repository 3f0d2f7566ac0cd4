package io.tutti.client;

/**
 * An acknowledged put: the key's new {@code version}, the shard's {@code revision} after the write, and the node id
 * of the shard leader that applied it. Acknowledged means on disk on a majority of the shard's replicas.
 */
public record PutResult(long version, long revision, String servedBy) {}
