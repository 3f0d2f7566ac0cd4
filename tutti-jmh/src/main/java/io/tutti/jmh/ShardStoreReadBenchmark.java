package io.tutti.jmh;

import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
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
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two RocksDB reads the state machine makes for every write it applies, on a real {@link NodeStore} in a temporary
 * directory: the key's current entry (present here: {@value #KEYS} keys written beforehand, all in the memtable) and
 * the write's request id among the recorded results (absent: every new request is looked up before it is recorded).
 */
@State(Scope.Thread)
public class ShardStoreReadBenchmark extends NanosPerOperation {
  static final int KEYS = 10_000;

  private Path directory;
  private NodeStore node;
  private ShardStore shard;
  private byte[][] keys;
  private long sequence;
  private int next;

  @Setup
  public void setUp() throws IOException {
    directory = Files.createTempDirectory("tutti-jmh-store");
    node = NodeStore.open(directory, 64L << 20);
    shard = node.shard(UUID.nameUUIDFromBytes("jmh".getBytes()));
    keys = new byte[KEYS][];
    List<StorageWrite> writes = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = ("key-" + i).getBytes();
      writes.add(new StorageWrite.PutEntry(keys[i], new KvEntry(i + 1, new byte[256])));
      writes.add(new StorageWrite.RecordResult(1, new RequestId(7, 7, i), new KvResult.Written(i + 1, i + 1)));
    }
    shard.commit(writes, new AppliedPosition(1, KEYS, 0));
  }

  @TearDown
  public void tearDown() throws IOException {
    node.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Benchmark
  public KvEntry getPresentKey() {
    next = next + 1 == KEYS ? 0 : next + 1;
    return shard.get(keys[next]);
  }

  @Benchmark
  public KvResult lookUpNewRequestId() {
    return shard.appliedResult(1, new RequestId(9, 9, ++sequence));
  }
}
