package io.tutti.core.placement;

/**
 * Maps a key to one of a keyspace's hash shards. The hash is fixed forever (it decides where data lives):
 * 64-bit FNV-1a over the key bytes, then the MurmurHash3 finaliser for avalanche, reduced modulo the shard count.
 */
public final class Sharding {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Sharding() {}

  public static long hash(byte[] key) {
    long h = FNV_OFFSET;
    for (byte b : key) {
      h ^= b & 0xFF;
      h *= FNV_PRIME;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }

  /** The shard, in {@code [0, shards)}, that owns {@code key}. */
  public static int shardOf(byte[] key, int shards) {
    if (shards <= 0) {
      throw new IllegalArgumentException("shards must be > 0, got " + shards);
    }
    return (int) Long.remainderUnsigned(hash(key), shards);
  }
}
