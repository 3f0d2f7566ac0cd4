package io.tutti.server.raft;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.limits.Limits;
import io.tutti.core.meta.ClusterState;
import io.tutti.core.meta.MetaCodec;
import io.tutti.core.meta.MetaCommand;
import io.tutti.core.meta.MetaResult;
import io.tutti.core.meta.MetaStateMachine;
import io.tutti.server.storage.SnapshotFiles;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Adapts the metadata group to Ratis. The metadata is small, so it lives in memory and is persisted by the Raft log
 * plus snapshots of the whole {@link ClusterState}. Every change is handed to a listener (the node's shard manager).
 * A query returns the encoded state.
 */
public final class MetadataStateMachine extends SnapshottingStateMachine {
  private final String clusterId;
  private final Limits limits;
  private final LongSupplier clockMs;
  private final Consumer<ClusterState> listener;
  private volatile MetaStateMachine core;

  public MetadataStateMachine(String clusterId, Limits limits, LongSupplier clockMs, Consumer<ClusterState> listener) {
    this.clusterId = clusterId;
    this.limits = limits;
    this.clockMs = clockMs;
    this.listener = listener;
    this.core = new MetaStateMachine(ClusterState.empty(clusterId), 0, limits);
  }

  @Override
  protected void loadState() throws IOException {
    SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
    if (snapshot == null) {
      core = new MetaStateMachine(ClusterState.empty(clusterId), 0, limits);
      setLastAppliedTermIndex(TermIndex.valueOf(0, 0));
    } else {
      ClusterState state = SnapshotFiles.read(snapshot.getFile().getPath(), in -> {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return MetaCodec.decodeState(bytes);
      });
      core = new MetaStateMachine(state, snapshot.getIndex(), limits);
      setLastAppliedTermIndex(snapshot.getTermIndex());
    }
    listener.accept(core.state());
  }

  /** The state as this replica has applied it (may lag the leader). */
  public ClusterState state() {
    return core.state();
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    var content = request.getMessage().getContent();
    try {
      MetaCodec.decodeCommand(content.toByteArray());
    } catch (RuntimeException e) {
      throw new IOException("malformed metadata command: " + e.getMessage(), e);
    }
    return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
        .setLogData(EntryData.encode(clockMs.getAsLong(), content)).build();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    MetaStateMachine machine = core;
    if (entry.getIndex() <= machine.appliedIndex()) {
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    EntryData data = EntryData.decode(entry.getStateMachineLogEntry().getLogData());
    MetaCommand command = MetaCodec.decodeCommand(data.command());
    MetaResult result = machine.apply(command, entry.getIndex(), data.timestampMs());
    updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
    if (result instanceof MetaResult.Done) {
      listener.accept(machine.state());
    }
    return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(encodeResult(result))));
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    MetaStateMachine machine = core;
    if (index > machine.appliedIndex()) {
      machine.skip(index);
    }
    super.notifyTermIndexUpdated(term, index);
  }

  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(
        Message.valueOf(UnsafeByteOperations.unsafeWrap(MetaCodec.encodeState(core.state()))));
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last.getIndex() <= 0) {
      return last.getIndex();
    }
    byte[] state = MetaCodec.encodeState(core.state());
    return writeSnapshot(last, out -> {
      out.writeInt(state.length);
      out.write(state);
    });
  }

  static byte[] encodeResult(MetaResult result) {
    return switch (result) {
      case MetaResult.Done done -> new ByteWriter(1).writeByte(0).toByteArray();
      case MetaResult.Rejected rejected -> new ByteWriter(64).writeByte(1).writeString(rejected.code().name())
          .writeString(rejected.message()).toByteArray();
    };
  }

  /** Decodes a reply to a metadata command; a {@code Done} carries no state (read it separately). */
  public static MetaResult decodeResult(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    return switch (in.readByte()) {
      case 0 -> new MetaResult.Done(null);
      case 1 -> new MetaResult.Rejected(ErrorCode.valueOf(in.readString()), in.readString());
      default -> throw new ByteReader.MalformedException("unknown metadata result");
    };
  }
}
