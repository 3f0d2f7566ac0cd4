/**
 * The key-value shard: commands ({@link io.tutti.core.kv.KvCommand}) with conditions for compare-and-set and
 * create-only, the deterministic {@link io.tutti.core.kv.KvStateMachine} that turns a command at a log index into
 * storage writes and a result, and the binary {@link io.tutti.core.kv.KvCodec}.
 *
 * <p>Versions are log indexes: a key's version is the index of the entry that last wrote it, so versions only grow,
 * even across delete and re-create. The shard's revision is its applied index. Exactly-once application of retried
 * writes comes from request ids recorded in time buckets of replicated (leader-stamped) time.
 */
package io.tutti.core.kv;
