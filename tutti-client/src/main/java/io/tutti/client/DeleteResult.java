package io.tutti.client;

/** An acknowledged delete: whether the key existed, the shard's revision after it, and the leader that applied it. */
public record DeleteResult(boolean existed, long revision, String servedBy) {}
