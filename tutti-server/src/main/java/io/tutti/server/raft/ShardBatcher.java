package io.tutti.server.raft;

import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvResult;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Groups the requests a leader receives for one shard so that Raft's cost is paid per group, not per request,
 * without making any request wait: at most {@link #IN_FLIGHT_MAX} groups of a shard are in Raft at a time, and
 * whatever arrives meanwhile goes into the next one, up to {@link #BATCH_REQUESTS_MAX} requests or
 * {@link #BATCH_BYTES_MAX} bytes. A lone request is sent at once, so batching costs no latency when the shard is
 * idle.
 * <ul>
 *   <li>{@link #forWrites}: many puts and deletes in one log entry: one append, one fsync on each replica and one
 *       state-machine write for all of them. A batch never holds two writes on the same key: they would share the
 *       entry's index as their version (see {@code KvStateMachine.applyBatch}). The second, and every later write
 *       on that key, waits for the next group; writes on other keys queued behind it still join this one, so one
 *       busy key does not hold back the whole queue for a round.
 *   <li>{@link #forReads}: many gets answered after one ReadIndex. Each get arrived before the ReadIndex was asked
 *       for, and is answered from state at least as new as it, so each stays linearizable.
 * </ul>
 * <p>Groups are submitted, and their replies handled, on the batcher's own {@code executor}: never on the caller's
 * thread (Ratis's submit blocks until the entry is appended, which must not hold up a network event loop) and never
 * on the Ratis thread that completes a reply (that thread may hold Ratis's locks, and submitting from it can
 * deadlock: it did, on the lock of ReadIndex's listeners).
 *
 * <p>When a group cannot be submitted here (this replica is not the leader any more) or fails, every request in it
 * fails with {@link NotSubmittedException} and the caller sends it again another way: safe for reads, and for
 * writes because each carries a request id that the state machine deduplicates.
 *
 * @param <R> the result of one request
 */
public final class ShardBatcher<R> {
  /**
   * Groups of one shard in Raft at once. One: the next group fills for the whole time the current one is in Raft,
   * so groups are larger and Raft's cost, which is paid per log entry far more than per request, is shared by more
   * requests. Measured with 100 writers on 3 shards (docs/benchmarks.md, session 8): 1 gave 13 puts per entry and
   * 37% more puts/s than 2, with a lower p99; linearizable gets were level.
   */
  public static final int IN_FLIGHT_MAX = 1;
  static final int BATCH_REQUESTS_MAX = 256;
  static final long BATCH_BYTES_MAX = 1L << 20;
  /** Queued writes a group passes over (their key is already in it) before it stops looking further. */
  static final int SKIPPED_MAX = BATCH_REQUESTS_MAX;

  /** Submits a message to this node's replica of a group if it leads it; {@code null} when it does not. */
  @FunctionalInterface
  public interface Submitter {
    CompletableFuture<RaftClientReply> submitIfLeader(RaftGroupId groupId, Message message);
  }

  /** How a group of requests travels: the message for one or many, and the results out of the reply. */
  interface Format<R> {
    byte[] encode(List<byte[]> requests);

    List<R> decode(byte[] reply, int requests);

    /** Whether two requests on the same key must go in different groups. */
    boolean distinctKeys();
  }

  /** The request was not answered through this batcher; send it another way. */
  public static final class NotSubmittedException extends RuntimeException {
    NotSubmittedException(String message) {
      super(message, null, false, false);
    }
  }

  /** Requests are encoded {@link KvCodec} puts and deletes; results are their {@link KvResult}s. */
  public static ShardBatcher<KvResult> forWrites(Submitter submitter, Executor executor) {
    return new ShardBatcher<>(submitter, executor, new Format<>() {
      @Override
      public byte[] encode(List<byte[]> requests) {
        return requests.size() == 1 ? requests.get(0) : KvCodec.encodeBatch(requests);
      }

      @Override
      public List<KvResult> decode(byte[] reply, int requests) {
        return requests == 1 ? List.of(KvCodec.decodeResult(reply)) : KvCodec.decodeResults(reply);
      }

      @Override
      public boolean distinctKeys() {
        return true;
      }
    });
  }

  /**
   * Requests are keys to get; results are encoded get replies, or {@link ShardMessages#encodeRetiredReply} for each
   * when the shard is retired.
   */
  public static ShardBatcher<byte[]> forReads(Submitter submitter, Executor executor) {
    return new ShardBatcher<>(submitter, executor, new Format<>() {
      @Override
      public byte[] encode(List<byte[]> keys) {
        return ShardMessages.encodeRead(keys.size() == 1 ? new ShardMessages.Read.Get(keys.get(0))
            : new ShardMessages.Read.MultiGet(keys));
      }

      @Override
      public List<byte[]> decode(byte[] reply, int requests) {
        if (requests == 1 || ShardMessages.isRetiredReply(reply)) {
          return java.util.Collections.nCopies(requests, reply);
        }
        return ShardMessages.decodeMultiGetReply(reply);
      }

      @Override
      public boolean distinctKeys() {
        return false;
      }
    });
  }

  private final Submitter submitter;
  private final Executor executor;
  private final Format<R> format;
  private final ConcurrentHashMap<RaftGroupId, Shard> shards = new ConcurrentHashMap<>();

  ShardBatcher(Submitter submitter, Executor executor, Format<R> format) {
    this.submitter = submitter;
    this.executor = executor;
    this.format = format;
  }

  /**
   * Queues one request on {@code key} for the shard {@code groupId}, which this node leads. Completes with its result
   * once the group holding it is answered, or with {@link NotSubmittedException}.
   */
  public CompletableFuture<R> submit(RaftGroupId groupId, byte[] key, byte[] request) {
    Pending<R> pending = new Pending<>(ByteBuffer.wrap(key), request, new CompletableFuture<>());
    shards.computeIfAbsent(groupId, Shard::new).add(pending);
    return pending.result();
  }

  /** Forgets a shard's queue (its group was removed from this node); queued requests fail over to another path. */
  public void remove(RaftGroupId groupId) {
    Shard shard = shards.remove(groupId);
    if (shard != null) {
      shard.failAll();
    }
  }

  private record Pending<R>(ByteBuffer key, byte[] request, CompletableFuture<R> result) {}

  private final class Shard {
    private final RaftGroupId groupId;
    // Guarded by this.
    private final ArrayDeque<Pending<R>> waiting = new ArrayDeque<>();
    private int inFlight;

    Shard(RaftGroupId groupId) {
      this.groupId = groupId;
    }

    void add(Pending<R> pending) {
      List<Pending<R>> batch;
      synchronized (this) {
        waiting.addLast(pending);
        batch = nextBatchLocked();
      }
      if (batch != null) {
        try {
          executor.execute(() -> send(batch));
        } catch (RejectedExecutionException e) { // the node is closing
          fail(batch, new NotSubmittedException("the node is closing"));
          answered();
        }
      }
    }

    private void answered() {
      List<Pending<R>> batch;
      synchronized (this) {
        inFlight--;
        batch = nextBatchLocked();
      }
      send(batch);
    }

    /** The next group to send, or null when the queue is empty or enough groups are in flight. */
    private List<Pending<R>> nextBatchLocked() {
      if (waiting.isEmpty() || inFlight >= IN_FLIGHT_MAX) {
        return null;
      }
      List<Pending<R>> batch = new ArrayList<>(Math.min(waiting.size(), BATCH_REQUESTS_MAX));
      Set<ByteBuffer> keys = format.distinctKeys() ? new HashSet<>() : null;
      Set<ByteBuffer> leftForLater = null;
      int leftForLaterCount = 0;
      long bytes = 0;
      for (Iterator<Pending<R>> queued = waiting.iterator(); queued.hasNext() && batch.size() < BATCH_REQUESTS_MAX;) {
        Pending<R> next = queued.next();
        if (!batch.isEmpty() && bytes + next.request().length > BATCH_BYTES_MAX) {
          break;
        }
        if (keys != null && (keys.contains(next.key()) || (leftForLater != null && leftForLater.contains(next.key())))) {
          // A second write on a key waits for the next group, and so does every later one on that key, so that
          // writes on one key are applied in the order they arrived. Writes on other keys behind it go on filling
          // this group: they are concurrent with it, so either order is linearizable.
          if (leftForLater == null) {
            leftForLater = new HashSet<>();
          }
          leftForLater.add(next.key());
          if (++leftForLaterCount >= SKIPPED_MAX) {
            break; // a queue of writes on a few hot keys: do not walk all of it for every group
          }
          continue;
        }
        queued.remove();
        batch.add(next);
        if (keys != null) {
          keys.add(next.key());
        }
        bytes += next.request().length;
      }
      inFlight++;
      return batch;
    }

    private void send(List<Pending<R>> batch) {
      if (batch == null) {
        return;
      }
      CompletableFuture<RaftClientReply> reply;
      try {
        byte[] message = format.encode(batch.stream().map(Pending::request).toList());
        reply = submitter.submitIfLeader(groupId, Message.valueOf(UnsafeByteOperations.unsafeWrap(message)));
      } catch (RuntimeException e) {
        reply = CompletableFuture.failedFuture(e);
      }
      if (reply == null) {
        reply = CompletableFuture.failedFuture(new NotSubmittedException("not the leader of " + groupId));
      }
      BiConsumer<RaftClientReply, Throwable> handler = (r, failure) -> {
        try {
          finish(batch, r, failure);
        } finally {
          answered();
        }
      };
      try {
        reply.whenCompleteAsync(handler, executor);
      } catch (RejectedExecutionException e) { // the node is closing
        handler.accept(null, new NotSubmittedException("the node is closing"));
      }
    }

    private void finish(List<Pending<R>> batch, RaftClientReply reply, Throwable failure) {
      if (failure != null || !reply.isSuccess()) {
        fail(batch, new NotSubmittedException("a group of " + batch.size() + " requests to " + groupId
            + " failed: " + (failure != null ? failure : reply.getException())));
        return;
      }
      try {
        List<R> results = format.decode(reply.getMessage().getContent().toByteArray(), batch.size());
        if (results.size() != batch.size()) {
          throw new IllegalStateException(results.size() + " results for a group of " + batch.size());
        }
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).result().complete(results.get(i));
        }
      } catch (RuntimeException e) {
        fail(batch, e);
      }
    }

    private void fail(List<Pending<R>> batch, RuntimeException failure) {
      batch.forEach(pending -> pending.result().completeExceptionally(failure));
    }

    void failAll() {
      List<Pending<R>> failed;
      synchronized (this) {
        failed = new ArrayList<>(waiting);
        waiting.clear();
      }
      NotSubmittedException removed = new NotSubmittedException("group " + groupId + " left this node");
      failed.forEach(pending -> pending.result().completeExceptionally(removed));
    }
  }
}
