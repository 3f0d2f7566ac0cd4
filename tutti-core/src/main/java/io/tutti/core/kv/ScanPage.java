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
   * Merges the pages of every shard of a keyspace, each holding keys after the same start, into one page of at most
   * {@code limit} keys in order. A shard page that has more may stop before {@code limit} keys (a byte budget), so
   * the merged page never goes past the smallest last key of such a page: keys beyond it might be missing. The result
   * has more when any shard has more or when keys were cut; a following page started at {@link #next()} misses
   * nothing.
   */
  public static ScanPage merge(List<ScanPage> shardPages, int limit) {
    List<KvItem> all = new ArrayList<>();
    boolean anyMore = false;
    byte[] cutoff = null;
    for (ScanPage page : shardPages) {
      all.addAll(page.items());
      if (page.hasMore()) {
        anyMore = true;
        byte[] last = page.items().get(page.items().size() - 1).key();
        cutoff = cutoff == null || KEY_ORDER.compare(last, cutoff) < 0 ? last : cutoff;
      }
    }
    if (cutoff != null) {
      byte[] bound = cutoff;
      all.removeIf(item -> KEY_ORDER.compare(item.key(), bound) > 0);
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
