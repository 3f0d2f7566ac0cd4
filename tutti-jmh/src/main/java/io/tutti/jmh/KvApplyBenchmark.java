package io.tutti.jmh;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvReader;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.KvStateMachine;
import io.tutti.core.kv.RequestId;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The state machine's own cost per write, without storage: {@link #BATCH} puts applied one entry each against
 * applied together as one batch entry. The reader answers from nothing (every key absent, no recorded result), so
 * this is the decision logic and the allocation of writes and results, not RocksDB.
 */
@State(Scope.Thread)
public class KvApplyBenchmark extends NanosPerOperation {
  static final int BATCH = 32;
  private static final long TIME_MS = 1_700_000_000_000L;
  private static final KvReader EMPTY = new KvReader() {
    @Override
    public KvEntry get(byte[] key) {
      return null;
    }

    @Override
    public KvResult appliedResult(long bucket, RequestId requestId) {
      return null;
    }
  };

  private List<KvCommand> puts;
  private KvStateMachine machine;
  private long index;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    puts = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      byte[] key = new byte[16];
      random.nextBytes(key);
      puts.add(new KvCommand.Put(key, new byte[256], Condition.ALWAYS, new RequestId(1, 2, i)));
    }
    machine = new KvStateMachine(0, TIME_MS);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int applyOneEntryPerPut() {
    int writes = 0;
    for (KvCommand put : puts) {
      writes += machine.apply(put, ++index, TIME_MS, EMPTY).writes().size();
    }
    return writes;
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int applyOneBatchEntry() {
    return machine.applyBatch(puts, ++index, TIME_MS, EMPTY).writes().size();
  }
}
