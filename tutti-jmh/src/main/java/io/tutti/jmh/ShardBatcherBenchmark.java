package io.tutti.jmh;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
import io.tutti.server.raft.ShardBatcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The leader-side batching of writes, per write: {@link #QUEUED} writes queue behind the entries in flight, then go
 * out as one batch entry whose reply is split back into one result per write. The "leader" is a fake that records
 * what is submitted and is answered with prepared replies, so this is the batcher's bookkeeping and the batch
 * encoding and reply decoding, not Raft.
 */
@State(Scope.Thread)
public class ShardBatcherBenchmark extends NanosPerOperation {
  static final int QUEUED = 64;
  private static final RaftGroupId GROUP = RaftGroupId.randomId();

  private final List<CompletableFuture<RaftClientReply>> submitted = new ArrayList<>();
  private ShardBatcher<KvResult> batcher;
  private List<byte[]> keys;
  private List<byte[]> commands;
  private RaftClientReply singleReply;
  private RaftClientReply batchReply;

  @Setup
  public void setUp() {
    batcher = ShardBatcher.forWrites((groupId, message) -> {
      CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
      submitted.add(reply);
      return reply;
    }, Runnable::run);
    keys = new ArrayList<>();
    commands = new ArrayList<>();
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX + QUEUED; i++) {
      byte[] key = ("key-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      keys.add(key);
      commands.add(KvCodec.encodeCommand(new KvCommand.Put(key, new byte[256], Condition.ALWAYS,
          new RequestId(1, 2, i))));
    }
    singleReply = reply(KvCodec.encodeResult(new KvResult.Written(1, 1)));
    batchReply = reply(KvCodec.encodeResults(Collections.nCopies(QUEUED, new KvResult.Written(2, 2))));
  }

  private static RaftClientReply reply(byte[] bytes) {
    return RaftClientReply.newBuilder().setClientId(ClientId.randomId()).setServerId(RaftPeerId.valueOf("n1"))
        .setGroupId(GROUP).setCallId(1).setSuccess(true)
        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(bytes))).build();
  }

  @Benchmark
  @OperationsPerInvocation(ShardBatcher.IN_FLIGHT_MAX + QUEUED)
  public int queueThenBatch() {
    submitted.clear();
    List<CompletableFuture<KvResult>> results = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      results.add(batcher.submit(GROUP, keys.get(i), commands.get(i)));
    }
    for (int i = 0; i < ShardBatcher.IN_FLIGHT_MAX; i++) {
      submitted.get(i).complete(singleReply); // the first completion sends the queued batch
    }
    submitted.get(ShardBatcher.IN_FLIGHT_MAX).complete(batchReply);
    int written = 0;
    for (CompletableFuture<KvResult> result : results) {
      written += result.join() instanceof KvResult.Written ? 1 : 0;
    }
    if (written != results.size() || submitted.size() != ShardBatcher.IN_FLIGHT_MAX + 1) {
      throw new IllegalStateException(written + " written, " + submitted.size() + " entries submitted");
    }
    return written;
  }
}
