package io.tutti.core.kv;

/** What applying a {@link KvCommand} did. Deterministic: every replica computes the same result. */
public sealed interface KvResult {
  /** The revision of the shard after the command (its log index). */
  long revision();

  /** The key now has {@code version}. */
  record Written(long version, long revision) implements KvResult {}

  /** The key was removed ({@code existed}) or was already absent. */
  record Deleted(boolean existed, long revision) implements KvResult {}

  /** The condition did not hold; nothing changed. {@code currentVersion} is 0 when the key is absent. */
  record ConditionFailed(long currentVersion, long revision) implements KvResult {}

  /** The shard is retired (its keyspace was dropped); nothing changed. */
  record Retired(long revision) implements KvResult {}
}
