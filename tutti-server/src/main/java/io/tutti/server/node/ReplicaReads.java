package io.tutti.server.node;

import io.tutti.server.raft.LocalReplica;
import io.tutti.server.raft.RaftNode;
import io.tutti.server.raft.ReplicaNotReadyException;
import io.tutti.server.raft.ShardMessages;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Reads this node answers from its own replica of a shard, without going through Raft: the session, bounded-staleness
 * and eventual levels. Each method completes with the reply, or with {@code null} when this replica may not answer
 * that read (the node has no replica of the shard; the replica is starting or installing a snapshot; it is behind
 * the session; it cannot prove its staleness): the caller then reads at the leader, linearizably, which satisfies
 * every level.
 *
 * <p>Bounded staleness is proven with this node's monotonic clock only, never by comparing clocks across machines.
 * A <em>probe</em> is a linearizable read through the local replica (ReadIndex on a leader, a follower read on a
 * follower): when it completes, the replica has applied every write acknowledged before the probe began. So if the
 * last probe began at local time {@code p}, every write acknowledged before {@code p} is visible here, and a read at
 * local time {@code t} is at most {@code t - p} stale. A read within its bound is answered at once (and starts the next
 * probe in the background once half the bound is used); otherwise it waits for a probe. One probe per shard is in
 * flight at a time, shared by every read that waits for it. During a partition a replica cut off from the leader
 * keeps answering bounded reads until its last proof is older than their bound, then refuses them.
 *
 * <p>A proof belongs to one replica <em>instance</em>, not to the shard: a replica removed and started again on this
 * node (re-registered after losing its configuration, or moved away and back) starts from its storage and replays
 * its log, so until it has been probed again it may be further behind than the old instance's proof says.
 */
final class ReplicaReads {
  /** How long a session read waits for a replica behind the session before asking the leader instead. */
  static final long SESSION_WAIT_MAX_MS = 200;

  private static final byte[] PROBE = ShardMessages.encodeRead(new ShardMessages.Read.Get(new byte[0]));

  /** This node's replicas, as far as these reads need them. */
  interface Replicas {
    /** This node's replica of {@code groupId}, or {@code null}. */
    LocalReplica local(RaftGroupId groupId);

    /**
     * A linearizable read through the local replica (see {@link RaftNode#readThroughReplica}): completes when it has
     * succeeded, fails when it has not; {@code null} when this node has no replica of the group.
     */
    CompletableFuture<Void> readThrough(RaftGroupId groupId, byte[] request);

    /** Where continuations that may call Raft again run (see {@link RaftNode#offRaftExecutor}). */
    Executor offRaftExecutor();
  }

  private final Replicas replicas;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<RaftGroupId, Proof> proofs = new ConcurrentHashMap<>();

  ReplicaReads(Replicas replicas, LongSupplier nanoTime) {
    this.replicas = replicas;
    this.nanoTime = nanoTime;
  }

  /** The reads of a node's {@link RaftNode}; a proof is dropped when its group's replica leaves the node. */
  static ReplicaReads of(RaftNode raft, LongSupplier nanoTime) {
    ReplicaReads reads = new ReplicaReads(new Replicas() {
      @Override
      public LocalReplica local(RaftGroupId groupId) {
        return raft.localKvReplica(groupId);
      }

      @Override
      public CompletableFuture<Void> readThrough(RaftGroupId groupId, byte[] request) {
        CompletableFuture<RaftClientReply> reply =
            raft.readThroughReplica(groupId, Message.valueOf(UnsafeByteOperations.unsafeWrap(request)));
        return reply == null ? null : reply.thenAccept(answer -> {
          if (!answer.isSuccess()) {
            throw new java.util.concurrent.CompletionException(answer.getException());
          }
        });
      }

      @Override
      public Executor offRaftExecutor() {
        return raft.offRaftExecutor();
      }
    }, nanoTime);
    raft.onGroupRemoved(reads::forget);
    return reads;
  }

  /** Drops what was proven about this node's replica of {@code groupId} (the replica left the node). */
  void forget(RaftGroupId groupId) {
    proofs.remove(groupId);
  }

  /** Whatever the local replica has applied, at once. */
  CompletableFuture<byte[]> eventual(RaftGroupId groupId, byte[] request) {
    LocalReplica replica = replicas.local(groupId);
    return CompletableFuture.completedFuture(replica == null ? null : readOrNull(replica, request));
  }

  /** From the local replica once it has applied {@code position} (waiting up to {@link #SESSION_WAIT_MAX_MS}). */
  CompletableFuture<byte[]> session(RaftGroupId groupId, long position, byte[] request) {
    LocalReplica replica = replicas.local(groupId);
    if (replica == null) {
      return CompletableFuture.completedFuture(null);
    }
    if (replica.appliedIndex() >= position) {
      return CompletableFuture.completedFuture(readOrNull(replica, request));
    }
    CompletableFuture<Boolean> reached = new CompletableFuture<>();
    replica.awaitApplied(position).thenRun(() -> reached.complete(true));
    reached.completeOnTimeout(false, SESSION_WAIT_MAX_MS, TimeUnit.MILLISECONDS);
    // The applied-index future completes on Ratis's apply thread: read (or forward) off it.
    return reached.thenApplyAsync(ok -> ok ? readOrNull(replica, request) : null, replicas.offRaftExecutor());
  }

  /** From the local replica if it can prove it is at most {@code staleMaxMs} behind (see the class comment). */
  CompletableFuture<byte[]> bounded(RaftGroupId groupId, long staleMaxMs, byte[] request) {
    LocalReplica replica = replicas.local(groupId);
    if (replica == null) {
      return CompletableFuture.completedFuture(null);
    }
    long boundNanos = TimeUnit.MILLISECONDS.toNanos(staleMaxMs);
    Proof proof = proofs.get(groupId);
    if (proof == null || proof.replica != replica) {
      proof = proofs.compute(groupId, (id, old) -> old != null && old.replica == replica ? old : new Proof(replica));
    }
    long ageNanos = nanoTime.getAsLong() - proof.provenAtNanos;
    if (proof.proven && ageNanos <= boundNanos) {
      if (ageNanos > boundNanos / 2) {
        probe(groupId, proof); // keep the proof fresh for the reads to come; this one needs no wait
      }
      return CompletableFuture.completedFuture(readOrNull(replica, request));
    }
    return probe(groupId, proof).handleAsync((provenAt, failure) -> {
      boolean fresh = failure == null && nanoTime.getAsLong() - provenAt <= boundNanos;
      return fresh ? readOrNull(replica, request) : null;
    }, replicas.offRaftExecutor());
  }

  /** The probe in flight for the shard, or a new one; completes with the local time it began. */
  private CompletableFuture<Long> probe(RaftGroupId groupId, Proof proof) {
    CompletableFuture<Long> started;
    synchronized (proof) {
      if (proof.inFlight != null) {
        return proof.inFlight;
      }
      started = new CompletableFuture<>();
      proof.inFlight = started;
    }
    long beganNanos = nanoTime.getAsLong();
    CompletableFuture<Void> read = replicas.readThrough(groupId, PROBE);
    if (read == null) {
      finish(proof, started, null, new ReplicaNotReadyException(groupId + " has no replica here"));
      return started;
    }
    read.whenComplete((ignored, failure) -> finish(proof, started, failure == null ? beganNanos : null, failure));
    return started;
  }

  private static void finish(Proof proof, CompletableFuture<Long> probe, Long beganNanos, Throwable failure) {
    synchronized (proof) {
      if (beganNanos != null && (!proof.proven || beganNanos - proof.provenAtNanos > 0)) {
        proof.provenAtNanos = beganNanos;
        proof.proven = true;
      }
      proof.inFlight = null;
    }
    if (failure != null) {
      probe.completeExceptionally(failure);
    } else {
      probe.complete(beganNanos);
    }
  }

  private static byte[] readOrNull(LocalReplica replica, byte[] request) {
    try {
      return replica.readLocal(request);
    } catch (ReplicaNotReadyException e) {
      return null; // installing a snapshot or starting: the leader answers instead
    }
  }

  /**
   * What this node has proven about one instance of its replica of a shard. Fields guarded by the instance, read
   * racily.
   */
  private static final class Proof {
    final LocalReplica replica;
    volatile boolean proven;
    volatile long provenAtNanos;
    CompletableFuture<Long> inFlight;

    Proof(LocalReplica replica) {
      this.replica = replica;
    }
  }
}
