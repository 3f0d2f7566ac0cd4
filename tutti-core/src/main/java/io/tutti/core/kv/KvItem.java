package io.tutti.core.kv;

/** One key of a scan page. */
public record KvItem(byte[] key, byte[] value, long version) {}
