package io.tutti.core.kv;

/** A write to one shard of a keyspace, as it is replicated in the shard's Raft log. */
public sealed interface KvCommand {
  RequestId requestId();

  byte[] key();

  Condition condition();

  record Put(byte[] key, byte[] value, Condition condition, RequestId requestId) implements KvCommand {}

  record Delete(byte[] key, Condition condition, RequestId requestId) implements KvCommand {}

  /**
   * Retires the shard: its keyspace is being dropped. Every later command and read of the shard answers
   * {@link KvResult.Retired}, so a node routing with stale metadata is fenced by the shard itself.
   */
  record Retire(RequestId requestId) implements KvCommand {
    @Override
    public byte[] key() {
      return new byte[0];
    }

    @Override
    public Condition condition() {
      return Condition.ALWAYS;
    }
  }
}
