package io.tutti.core.kv;

/** A write to one shard of a keyspace, as it is replicated in the shard's Raft log. */
public sealed interface KvCommand {
  RequestId requestId();

  byte[] key();

  Condition condition();

  record Put(byte[] key, byte[] value, Condition condition, RequestId requestId) implements KvCommand {}

  record Delete(byte[] key, Condition condition, RequestId requestId) implements KvCommand {}
}
