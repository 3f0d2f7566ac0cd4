package io.tutti.server.raft;

import io.tutti.core.check.Check;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvStateMachine;
import io.tutti.core.kv.StorageWrite;
import io.tutti.server.storage.AppliedPosition;
import io.tutti.server.storage.NodeStore;
import io.tutti.server.storage.ShardStore;
import io.tutti.server.storage.SnapshotFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adapts one key-value shard to Ratis: decodes the entry, calls the core {@link KvStateMachine}, and persists the
 * writes and the applied position in one RocksDB batch. Reads run against RocksDB after Ratis has done ReadIndex.
 *
 * <p>Snapshots: the shard's records are written to a single checksummed file, atomically; Ratis then purges the log
 * behind it and sends the file to followers that fell behind the purged log. On start (and after a snapshot install)
 * the shard loads the newest snapshot into RocksDB if RocksDB is behind it, then Ratis replays the log after it.
 */
public final class KvShardStateMachine extends SnapshottingStateMachine implements LocalReplica {
  private static final Logger LOG = LoggerFactory.getLogger(KvShardStateMachine.class);
  private static final int LOAD_BATCH_RECORDS = 1024;
  /** A shard's scan reply stops after this many bytes of keys and values (the page then has more). */
  static final long SCAN_REPLY_BYTES_MAX = 4L << 20;

  private final NodeStore nodeStore;
  private final LongSupplier clockMs;
  private ShardStore store;
  // Written by the apply thread; read by query threads only through store (RocksDB is thread-safe).
  private volatile KvStateMachine core;
  /**
   * At least the index of every entry whose writes a RocksDB read may see: raised before an entry's writes are
   * committed to RocksDB, so a read that takes its revision after reading the data never names a revision older than
   * what it read (a session token built from it would otherwise let a later read go back in time).
   */
  private volatile long readRevision;
  private final AppliedWaiters appliedWaiters = new AppliedWaiters();

  public KvShardStateMachine(NodeStore nodeStore, LongSupplier clockMs) {
    this.nodeStore = nodeStore;
    this.clockMs = clockMs;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
    store = nodeStore.shard(groupId.getUuid());
    super.initialize(server, groupId, raftStorage); // loads the state
  }

  /** Brings RocksDB up to the newest snapshot if it is behind, and sets the applied position from RocksDB. */
  @Override
  protected void loadState() throws IOException {
    AppliedPosition applied = store.readApplied();
    SingleFileSnapshotInfo snapshot = storage.loadLatestSnapshot();
    if (snapshot != null && snapshot.getIndex() > applied.index()) {
      LOG.info("{}: loading snapshot {} (RocksDB applied index {})", getGroupId(), snapshot.getTermIndex(),
          applied.index());
      loadSnapshot(snapshot.getFile().getPath().toFile());
      applied = store.readApplied();
      Check.state(applied.index() == snapshot.getIndex(), "after loading snapshot %s applied index is %d",
          snapshot.getTermIndex(), applied.index());
    }
    core = new KvStateMachine(applied.index(), applied.timeMs(), store.isRetired());
    setLastAppliedTermIndex(TermIndex.valueOf(applied.term(), applied.index()));
    readRevision = Math.max(readRevision, applied.index());
    appliedWaiters.advance(applied.index());
  }

  private void loadSnapshot(File file) throws IOException {
    store.deleteAll();
    byte[][] appliedRecord = SnapshotFiles.read(file.toPath(), this::readRecords);
    Check.state(appliedRecord != null, "snapshot %s has no applied position", file);
    store.putRecords(List.<byte[][]>of(appliedRecord));
  }

  /** Writes every record except the applied position; returns the applied position record, to be written last. */
  private byte[][] readRecords(DataInputStream in) throws IOException {
    List<byte[][]> batch = new ArrayList<>(LOAD_BATCH_RECORDS);
    byte[][] applied = null;
    while (in.readBoolean()) {
      byte[] key = new byte[in.readInt()];
      in.readFully(key);
      byte[] value = new byte[in.readInt()];
      in.readFully(value);
      if (ShardStore.isAppliedRecord(key)) {
        applied = new byte[][] {key, value};
        continue;
      }
      batch.add(new byte[][] {key, value});
      if (batch.size() == LOAD_BATCH_RECORDS) {
        store.putRecords(batch);
        batch.clear();
      }
    }
    store.putRecords(batch);
    return applied;
  }

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
    var content = request.getMessage().getContent();
    try {
      byte[] bytes = content.toByteArray();
      if (KvCodec.isBatch(bytes)) {
        checkDistinctKeys(KvCodec.decodeBatch(bytes));
      } else {
        KvCodec.decodeCommand(bytes);
      }
    } catch (RuntimeException e) {
      throw new IOException("malformed key-value command: " + e.getMessage(), e);
    }
    return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request)
        .setLogData(EntryData.encode(clockMs.getAsLong(), content)).build();
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    KvStateMachine machine = core;
    if (index <= machine.appliedIndex()) {
      // Already in RocksDB (the log was replayed from before RocksDB's applied position); nobody waits for it.
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    EntryData data = EntryData.decode(entry.getStateMachineLogEntry().getLogData());
    byte[] reply;
    List<StorageWrite> writes;
    if (KvCodec.isBatch(data.command())) {
      KvStateMachine.BatchApplied applied = machine.applyBatch(KvCodec.decodeBatch(data.command()), index,
          data.timestampMs(), store);
      writes = applied.writes();
      reply = KvCodec.encodeResults(applied.results());
    } else {
      KvStateMachine.Applied applied = machine.apply(KvCodec.decodeCommand(data.command()), index,
          data.timestampMs(), store);
      writes = applied.writes();
      reply = KvCodec.encodeResult(applied.result());
    }
    readRevision = index;
    try {
      store.commit(writes, new AppliedPosition(entry.getTerm(), index, machine.timeMs()));
    } catch (IOException e) {
      // The node cannot persist what it applied: stop this replica rather than diverge from the others.
      throw new UncheckedIOException("shard " + getGroupId() + " cannot persist entry " + index, e);
    }
    updateLastAppliedTermIndex(entry.getTerm(), index);
    return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply)));
  }

  /**
   * A batch must not write one key twice: both writes would get the entry's index as their version, and a
   * compare-and-set on that version could not tell them apart. The leader's batcher never builds such a batch.
   */
  private static void checkDistinctKeys(List<KvCommand> commands) {
    java.util.Set<java.nio.ByteBuffer> keys = new java.util.HashSet<>();
    for (KvCommand command : commands) {
      if (!keys.add(java.nio.ByteBuffer.wrap(command.key()))) {
        throw new IllegalArgumentException("a batch writes one key twice");
      }
    }
  }

  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    KvStateMachine machine = core;
    if (machine != null && index > machine.appliedIndex()) {
      machine.skip(index);
      readRevision = Math.max(readRevision, index);
    }
    super.notifyTermIndexUpdated(term, index);
  }

  @Override
  protected boolean updateLastAppliedTermIndex(long term, long index) {
    boolean updated = super.updateLastAppliedTermIndex(term, index);
    appliedWaiters.advance(getLastAppliedTermIndex().getIndex());
    return updated;
  }

  /** Ratis's read path, after ReadIndex (linearizable) or for its stale reads. */
  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(
          answer(request.getContent().toByteArray()))));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Answers a read from this replica as it is now, without Raft (session, bounded and eventual reads; the caller
   * decides whether this replica is recent enough). Throws {@link ReplicaNotReadyException} while the replica is not
   * running: starting, or installing a snapshot from the leader, when its RocksDB holds a state being replaced.
   */
  @Override
  public byte[] readLocal(byte[] request) {
    if (getLifeCycleState() != LifeCycle.State.RUNNING || core == null) {
      throw new ReplicaNotReadyException(getGroupId() + " is " + getLifeCycleState());
    }
    byte[] reply = answer(request);
    if (getLifeCycleState() != LifeCycle.State.RUNNING) {
      throw new ReplicaNotReadyException(getGroupId() + " was paused while reading");
    }
    return reply;
  }

  @Override
  public long appliedIndex() {
    return getLastAppliedTermIndex().getIndex();
  }

  @Override
  public CompletableFuture<Void> awaitApplied(long index) {
    return appliedWaiters.await(index, appliedIndex());
  }

  private byte[] answer(byte[] request) {
    ShardMessages.Read read = ShardMessages.decodeRead(request);
    if (core.retired()) {
      return ShardMessages.encodeRetiredReply();
    }
    return switch (read) {
      case ShardMessages.Read.Get get -> {
        KvEntry entry = store.get(get.key());
        yield ShardMessages.encodeGetReply(getReply(entry, revisionAfterRead()));
      }
      case ShardMessages.Read.MultiGet multi -> {
        List<KvEntry> entries = multi.keys().stream().map(store::get).toList();
        long revision = revisionAfterRead();
        yield ShardMessages.encodeMultiGetReply(entries.stream().map(entry -> getReply(entry, revision)).toList());
      }
      case ShardMessages.Read.Scan scan -> {
        var page = store.scan(scan.prefix(), scan.after(), scan.limit(), SCAN_REPLY_BYTES_MAX);
        yield ShardMessages.encodeScanReply(new ShardMessages.ScanReply(page, revisionAfterRead()));
      }
    };
  }

  /** The revision a read reflects, taken after the read: never older than anything the read saw. */
  private long revisionAfterRead() {
    return Math.max(readRevision, getLastAppliedTermIndex().getIndex());
  }

  private static ShardMessages.GetReply getReply(KvEntry entry, long revision) {
    return entry == null ? new ShardMessages.GetReply(null, 0, revision)
        : new ShardMessages.GetReply(entry.value(), entry.version(), revision);
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex last = getLastAppliedTermIndex();
    if (last.getIndex() <= 0) {
      return last.getIndex();
    }
    AppliedPosition position = new AppliedPosition(last.getTerm(), last.getIndex(), core.timeMs());
    return writeSnapshot(last, out -> writeRecords(out, position));
  }

  private void writeRecords(DataOutputStream out, AppliedPosition position) throws IOException {
    IOException[] failure = new IOException[1];
    store.forEachRecord((key, value) -> {
      if (failure[0] != null || ShardStore.isAppliedRecord(key)) {
        return;
      }
      try {
        writeRecord(out, key, value);
      } catch (IOException e) {
        failure[0] = e;
      }
    });
    if (failure[0] != null) {
      throw failure[0];
    }
    byte[][] applied = ShardStore.appliedRecord(position);
    writeRecord(out, applied[0], applied[1]);
    out.writeBoolean(false);
  }

  private static void writeRecord(DataOutputStream out, byte[] key, byte[] value) throws IOException {
    out.writeBoolean(true);
    out.writeInt(key.length);
    out.write(key);
    out.writeInt(value.length);
    out.write(value);
  }

  /** Removes this replica's data from RocksDB (the group was removed from this node). */
  public void deleteData() throws IOException {
    store.deleteAll();
  }
}
