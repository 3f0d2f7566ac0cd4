package io.tutti.jmh;

import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.StorageWrite;
import io.tutti.server.storage.AppliedPosition;
import io.tutti.server.storage.NodeStore;
import io.tutti.server.storage.ShardStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * A real {@link NodeStore} in a temporary directory with one shard holding {@code keys} keys ({@code key-0} ...) of
 * 256-byte values, each at version {@code i + 1}, plus any {@code extra} writes in the same batch; deleted on close.
 */
final class TempShardStore implements AutoCloseable {
  final ShardStore shard;
  final byte[][] keys;
  private final Path directory;
  private final NodeStore node;

  TempShardStore(int keys, IntFunction<List<StorageWrite>> extra) throws IOException {
    directory = Files.createTempDirectory("tutti-jmh-store");
    node = NodeStore.open(directory, 64L << 20);
    shard = node.shard(UUID.nameUUIDFromBytes("jmh".getBytes()));
    this.keys = new byte[keys][];
    List<StorageWrite> writes = new ArrayList<>();
    for (int i = 0; i < keys; i++) {
      this.keys[i] = ("key-" + i).getBytes();
      writes.add(new StorageWrite.PutEntry(this.keys[i], new KvEntry(i + 1, new byte[256])));
      writes.addAll(extra.apply(i));
    }
    shard.commit(writes, new AppliedPosition(1, keys, 0));
  }

  @Override
  public void close() throws IOException {
    node.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }
}
