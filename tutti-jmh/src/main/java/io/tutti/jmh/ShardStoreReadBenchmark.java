package io.tutti.jmh;

import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
import io.tutti.core.kv.StorageWrite;
import io.tutti.server.storage.NodeStore;
import java.io.IOException;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The two RocksDB reads the state machine makes when it applies a write, on a real {@link NodeStore} in a temporary
 * directory ({@link TempShardStore}): the key's current entry, for a conditional put or a delete (present here:
 * {@value #KEYS} keys written beforehand, all in the memtable), and, for every write, its request id among the
 * recorded results (absent: every new request is looked up before it is recorded).
 */
@State(Scope.Thread)
public class ShardStoreReadBenchmark extends NanosPerOperation {
  static final int KEYS = 10_000;

  private TempShardStore store;
  private long sequence;
  private int next;

  @Setup
  public void setUp() throws IOException {
    store = new TempShardStore(KEYS, i -> List.of(
        new StorageWrite.RecordResult(1, new RequestId(7, 7, i), new KvResult.Written(i + 1, i + 1))));
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
  }

  @Benchmark
  public KvEntry getPresentKey() {
    next = next + 1 == KEYS ? 0 : next + 1;
    return store.shard.get(store.keys[next]);
  }

  @Benchmark
  public KvResult lookUpNewRequestId() {
    return store.shard.appliedResult(1, new RequestId(9, 9, ++sequence));
  }
}
