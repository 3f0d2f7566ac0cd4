package io.tutti.client;

import java.util.List;

/**
 * A page of a scan in key byte order. {@code next} is null on the last page; otherwise pass it as {@code after} to
 * continue. Each shard is read linearizably; a page is not one atomic snapshot across shards.
 */
public record ScanPage(List<Item> items, byte[] next) {
  public ScanPage {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return next != null;
  }
}
