package io.tutti.client;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/** Walks every page of a scan: fetches the next page (after the last key) only when the current one is used up. */
final class ScanIterator implements Iterator<Item> {
  private final Function<byte[], ScanPage> fetch;
  private Iterator<Item> page = java.util.Collections.emptyIterator();
  private byte[] next = new byte[0]; // null: no more pages

  ScanIterator(Function<byte[], ScanPage> fetch) {
    this.fetch = fetch;
  }

  @Override
  public boolean hasNext() {
    while (!page.hasNext() && next != null) {
      ScanPage fetched = fetch.apply(next);
      page = fetched.items().iterator();
      next = fetched.next();
    }
    return page.hasNext();
  }

  @Override
  public Item next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }
}
