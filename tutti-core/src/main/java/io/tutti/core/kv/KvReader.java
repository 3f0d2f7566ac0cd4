package io.tutti.core.kv;

/** Read access to a shard's applied state, given to the state machine by the storage layer. */
public interface KvReader {
  /** The key's entry, or {@code null} when absent. */
  KvEntry get(byte[] key);

  /** The result recorded for {@code requestId} in dedup bucket {@code bucket}, or {@code null}. */
  KvResult appliedResult(long bucket, RequestId requestId);
}
