package io.tutti.core.kv;

import io.tutti.core.TestArbitraries;
import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.core.placement.Sharding;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** {@link ScanPage#merge}: a scan over all shards of a keyspace returns the union's keys in order, missing none. */
class ScanPageTest {
  private static final Arbitrary<Byte> ALPHABET =
      Arbitraries.of((byte) 0x01, (byte) 0x41, (byte) 0x7f, (byte) 0x80, (byte) 0xff);

  /** Scan starts, chosen by index: generating them as a second byte[] trips jqwik 1.9.3's shrinker. */
  private static final List<byte[]> STARTS = List.of(new byte[0], new byte[] {0x01}, new byte[] {0x41, 0x7f},
      new byte[] {0x7f}, new byte[] {(byte) 0x80}, new byte[] {(byte) 0x80, (byte) 0xff}, new byte[] {(byte) 0xff},
      new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x00});

  @Provide
  Arbitrary<Set<byte[]>> keySets() {
    // Short keys over a small alphabet that includes bytes >= 0x80, so signed and unsigned order differ.
    Arbitrary<byte[]> keys = TestArbitraries.bytes(ALPHABET, 1, 4);
    return keys.list().ofMaxSize(60).map(list -> {
      TreeSet<byte[]> set = new TreeSet<>(ScanPage.KEY_ORDER);
      set.addAll(list);
      return set;
    });
  }

  /** What one shard answers: its first {@code limit} keys after {@code after}, and whether it has more. */
  private static ScanPage shardPage(NavigableSet<byte[]> shardKeys, byte[] after, int limit) {
    List<KvItem> items = new ArrayList<>();
    NavigableSet<byte[]> rest = shardKeys.tailSet(after, false);
    for (byte[] key : rest) {
      if (items.size() == limit) {
        break;
      }
      items.add(new KvItem(key, key, key.length));
    }
    return new ScanPage(items, rest.size() > items.size());
  }

  private static ScanPage scanAllShards(List<NavigableSet<byte[]>> shards, byte[] after, int limit) {
    List<ScanPage> pages = new ArrayList<>();
    shards.forEach(shard -> pages.add(shardPage(shard, after, limit)));
    return ScanPage.merge(pages, limit);
  }

  private static List<NavigableSet<byte[]>> split(Set<byte[]> keys, int shardCount) {
    List<NavigableSet<byte[]>> shards = new ArrayList<>();
    for (int i = 0; i < shardCount; i++) {
      shards.add(new TreeSet<>(ScanPage.KEY_ORDER));
    }
    keys.forEach(key -> shards.get(Sharding.shardOf(key, shardCount)).add(key));
    return shards;
  }

  @Property(tries = 500)
  void aMergedPageIsTheFirstKeysOfTheUnionAfterTheStart(@ForAll("keySets") Set<byte[]> keys,
      @ForAll @IntRange(min = 1, max = 6) int shardCount, @ForAll @IntRange(min = 1, max = 8) int limit,
      @ForAll @IntRange(min = 0, max = 7) int start) {
    byte[] after = STARTS.get(start);
    NavigableSet<byte[]> union = new TreeSet<>(ScanPage.KEY_ORDER);
    union.addAll(keys);
    List<byte[]> expected = new ArrayList<>(union.tailSet(after, false));

    ScanPage page = scanAllShards(split(keys, shardCount), after, limit);

    List<byte[]> got = page.items().stream().map(KvItem::key).toList();
    assertThat(got).containsExactlyElementsOf(expected.subList(0, Math.min(limit, expected.size())));
    assertThat(page.hasMore()).as("has more when keys remain").isEqualTo(expected.size() > got.size());
    if (page.hasMore()) {
      assertThat(page.next()).isEqualTo(got.get(got.size() - 1));
    } else {
      assertThat(page.next()).isNull();
    }
  }

  @Property(tries = 300)
  void followingNextPagesVisitsEveryKeyOnceInOrder(@ForAll("keySets") Set<byte[]> keys,
      @ForAll @IntRange(min = 1, max = 6) int shardCount, @ForAll @IntRange(min = 1, max = 5) int limit) {
    List<NavigableSet<byte[]>> shards = split(keys, shardCount);
    List<byte[]> visited = new ArrayList<>();
    byte[] after = new byte[0];
    for (int pages = 0; ; pages++) {
      assertThat(pages).as("pages needed").isLessThanOrEqualTo(keys.size() / limit + 1);
      ScanPage page = scanAllShards(shards, after, limit);
      page.items().forEach(item -> visited.add(item.key()));
      if (!page.hasMore()) {
        break;
      }
      after = page.next();
    }
    TreeSet<byte[]> sorted = new TreeSet<>(ScanPage.KEY_ORDER);
    sorted.addAll(keys);
    assertThat(visited).containsExactlyElementsOf(sorted);
  }

  @Test
  void keysAreOrderedAsUnsignedBytes() {
    byte[] low = {0x7f};
    byte[] high = {(byte) 0x80};
    ScanPage merged = ScanPage.merge(List.of(new ScanPage(List.of(new KvItem(high, high, 1)), false),
        new ScanPage(List.of(new KvItem(low, low, 1)), false)), 10);
    assertThat(merged.items()).extracting(KvItem::key).containsExactly(low, high);
    assertThat(merged.hasMore()).isFalse();
  }

  @Test
  void hasPrefixComparesTheLeadingBytes() {
    assertThat(ScanPage.hasPrefix(new byte[] {1, 2, 3}, new byte[] {1, 2})).isTrue();
    assertThat(ScanPage.hasPrefix(new byte[] {1, 2, 3}, new byte[0])).isTrue();
    assertThat(ScanPage.hasPrefix(new byte[] {1}, new byte[] {1, 2})).isFalse();
    assertThat(ScanPage.hasPrefix(new byte[] {1, 3}, new byte[] {1, 2})).isFalse();
  }
}
