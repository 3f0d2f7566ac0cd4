package io.tutti.jmh;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvCommand;
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
 * Encoding and decoding of the key-value commands that go into the Raft log: one put alone, and a batch of
 * {@link #BATCH} puts (the shape {@code ShardBatcher} sends under load). Times are per command.
 */
@State(Scope.Thread)
public class KvCodecBenchmark extends NanosPerOperation {
  static final int BATCH = 32;
  static final int KEY_BYTES = 16;
  static final int VALUE_BYTES = 256;

  private KvCommand put;
  private byte[] encodedPut;
  private List<byte[]> encodedPuts;
  private byte[] encodedBatch;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    List<KvCommand> puts = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      byte[] key = new byte[KEY_BYTES];
      byte[] value = new byte[VALUE_BYTES];
      random.nextBytes(key);
      random.nextBytes(value);
      puts.add(new KvCommand.Put(key, value, Condition.ALWAYS, new RequestId(random.nextLong(), random.nextLong(), i)));
    }
    put = puts.get(0);
    encodedPut = KvCodec.encodeCommand(put);
    encodedPuts = puts.stream().map(KvCodec::encodeCommand).toList();
    encodedBatch = KvCodec.encodeBatch(encodedPuts);
  }

  @Benchmark
  public byte[] encodePut() {
    return KvCodec.encodeCommand(put);
  }

  @Benchmark
  public KvCommand decodePut() {
    return KvCodec.decodeCommand(encodedPut);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public byte[] encodeBatchOfEncodedPuts() {
    return KvCodec.encodeBatch(encodedPuts);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<KvCommand> decodeBatch() {
    return KvCodec.decodeBatch(encodedBatch);
  }
}
