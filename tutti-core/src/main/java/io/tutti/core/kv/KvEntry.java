package io.tutti.core.kv;

/** A stored value and its version: the log index of the write that produced it, so versions only grow. */
public record KvEntry(long version, byte[] value) {
  public KvEntry {
    if (version <= 0) {
      throw new IllegalArgumentException("version must be > 0, got " + version);
    }
  }
}
