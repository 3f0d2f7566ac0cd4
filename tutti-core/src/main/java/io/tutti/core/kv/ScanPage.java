package io.tutti.core.kv;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A page of a prefix scan: keys in unsigned byte order. {@code next} is the last key returned, to pass as the
 * exclusive start of the following page; it is {@code null} when there is no more.
 */
public record ScanPage(List<KvItem> items, boolean hasMore) {
  public static final Comparator<byte[]> KEY_ORDER = Arrays::compareUnsigned;

  public byte[] next() {
    return hasMore ? items.get(items.size() - 1).key() : null;
  }

  /**
   * Merges the pages of every shard of a keyspace, each holding at most {@code limit} keys after the same start,
   * into one page of at most {@code limit} keys in order. The result has more when any shard has more or when keys
   * were cut; a following page started at {@link #next()} misses nothing.
   */
  public static ScanPage merge(List<ScanPage> shardPages, int limit) {
    List<KvItem> all = new ArrayList<>();
    boolean anyMore = false;
    for (ScanPage page : shardPages) {
      all.addAll(page.items());
      anyMore |= page.hasMore();
    }
    all.sort(Comparator.comparing(KvItem::key, KEY_ORDER));
    if (all.size() > limit) {
      return new ScanPage(List.copyOf(all.subList(0, limit)), true);
    }
    return new ScanPage(List.copyOf(all), anyMore && !all.isEmpty());
  }

  /** Whether {@code key} starts with {@code prefix}. */
  public static boolean hasPrefix(byte[] key, byte[] prefix) {
    return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}
