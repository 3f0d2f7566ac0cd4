package io.tutti.core.kv;

/** A change to a shard's persistent state, produced by the state machine and persisted atomically per entry. */
public sealed interface StorageWrite {
  record PutEntry(byte[] key, KvEntry entry) implements StorageWrite {}

  record DeleteEntry(byte[] key) implements StorageWrite {}

  /** Remember the result of {@code requestId} in dedup bucket {@code bucket}. */
  record RecordResult(long bucket, RequestId requestId, KvResult result) implements StorageWrite {}

  /** Forget every dedup bucket numbered below {@code bucket}. */
  record ForgetResultsBefore(long bucket) implements StorageWrite {}

  /** Remember that the shard is retired. */
  record MarkRetired() implements StorageWrite {}
}
