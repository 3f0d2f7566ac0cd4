package io.tutti.jmh;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvStateMachine;
import io.tutti.core.kv.RequestId;
import io.tutti.server.storage.AppliedPosition;
import io.tutti.server.storage.NodeStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What a replica does per put when it applies a Raft entry of {@value #BATCH} puts, as under 100 writers: the state
 * machine's decisions with its reads of a real {@link NodeStore} (the request ids among the recorded results; the
 * key's current entry where the command needs it), then the entry's one write batch. {@value #KEYS} keys are written
 * beforehand, and every put is to one of them, with a new request id.
 */
@State(Scope.Thread)
public class ShardApplyBenchmark extends NanosPerOperation {
  static final int KEYS = 10_000;
  static final int BATCH = 13;
  private static final long TIME_MS = 1_700_000_000_000L;

  private TempShardStore store;
  private KvStateMachine machine;
  private final SplittableRandom random = new SplittableRandom(42);
  private final byte[] value = new byte[256];
  private long index;
  private long sequence;

  @Setup
  public void setUp() throws IOException {
    store = new TempShardStore(KEYS, i -> List.of());
    index = KEYS;
    machine = new KvStateMachine(index, TIME_MS);
  }

  @TearDown
  public void tearDown() throws IOException {
    store.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int applyAnEntryOfPuts() throws IOException {
    List<KvCommand> puts = new ArrayList<>(BATCH);
    int first = random.nextInt(KEYS - BATCH);
    for (int i = 0; i < BATCH; i++) {
      puts.add(new KvCommand.Put(store.keys[first + i], value, Condition.ALWAYS, new RequestId(3, 4, ++sequence)));
    }
    KvStateMachine.BatchApplied applied = machine.applyBatch(puts, ++index, TIME_MS, store.shard);
    store.shard.commit(applied.writes(), new AppliedPosition(1, index, TIME_MS));
    return applied.results().size();
  }
}
