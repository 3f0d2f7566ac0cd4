package io.tutti.server.node;

import io.tutti.core.check.Check;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCodec;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.RequestId;
import io.tutti.core.kv.ScanPage;
import io.tutti.core.limits.Limits;
import io.tutti.core.meta.ClusterState;
import io.tutti.core.meta.Keyspace;
import io.tutti.core.meta.MetaCodec;
import io.tutti.core.meta.MetaCommand;
import io.tutti.core.meta.MetaResult;
import io.tutti.core.meta.ShardPlacement;
import io.tutti.core.placement.Sharding;
import io.tutti.core.read.Consistency;
import io.tutti.core.read.SessionToken;
import io.tutti.server.raft.MetadataStateMachine;
import io.tutti.server.raft.RaftNode;
import io.tutti.server.raft.ShardBatcher;
import io.tutti.server.raft.ShardMessages;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * What every node serves, whatever the surface (HTTP, gRPC): key-value operations routed to the shard that owns the
 * key, keyspace management through the metadata group, and cluster status. A node that does not lead a shard reaches
 * its leader through Ratis (the Ratis client follows leader hints), so any node serves any request.
 *
 * <p>Every call has a deadline ({@code requestTimeoutMs}); a write that misses it is OUTCOME_UNKNOWN.
 */
public final class NodeService {
  /** The result of a put; {@code session} is the caller's session token with this write in it. */
  public record PutOutcome(long version, long revision, String servedBy, SessionToken session) {}

  /**
   * The result of a get; {@code value} is null when the key is absent. {@code servedAt} is the level the read was
   * actually served at (a read the local replica could not serve was answered by the leader, linearizably).
   */
  public record GetOutcome(byte[] value, long version, long revision, String servedBy, Consistency servedAt,
      SessionToken session) {}

  /** The result of a delete. */
  public record DeleteOutcome(boolean existed, long revision, String servedBy, SessionToken session) {}

  /** How one shard's part of a scan was served. */
  public record ShardRead(int shard, String servedBy, long revision, Consistency servedAt) {}

  /** The result of a scan: the page, how each shard was read (in shard order), and the session token. */
  public record ScanOutcome(ScanPage page, List<ShardRead> shards, SessionToken session) {
    /** The weakest level any shard was served at: what the page as a whole guarantees. */
    public Consistency servedAt() {
      Consistency weakest = Consistency.LINEARIZABLE;
      for (ShardRead shard : shards) {
        if (shard.servedAt().level().compareTo(weakest.level()) > 0) {
          weakest = shard.servedAt();
        }
      }
      return weakest;
    }
  }

  private static final long RETRY_PAUSE_MIN_MS = 20;
  private static final long RETRY_PAUSE_MAX_MS = 500;

  private final RaftNode raft;
  private final Limits limits;
  private final long requestTimeoutMs;
  private final int defaultShards;
  private final int defaultReplicas;
  private final long clientHigh;
  private final long clientLow;
  private final boolean unsafeLocalReads;
  private final AtomicLong sequence = new AtomicLong();
  private final ReplicaReads replicaReads;
  private volatile ClusterState followed;
  private volatile boolean closing;

  /**
   * @param unsafeLocalReads the debug switch of {@link io.tutti.server.config.NodeConfig#unsafeLocalReads}: reads are
   *     answered by this node's replica, when it has one, without ReadIndex (stale reads, on purpose)
   */
  public NodeService(RaftNode raft, Limits limits, long requestTimeoutMs, int defaultShards, int defaultReplicas,
      boolean unsafeLocalReads) {
    this.raft = raft;
    this.unsafeLocalReads = unsafeLocalReads;
    this.limits = limits;
    this.requestTimeoutMs = requestTimeoutMs;
    this.defaultShards = defaultShards;
    this.defaultReplicas = defaultReplicas;
    SecureRandom random = new SecureRandom();
    this.clientHigh = random.nextLong();
    this.clientLow = random.nextLong();
    this.replicaReads = ReplicaReads.of(raft, System::nanoTime);
  }

  public Limits limits() {
    return limits;
  }

  /** A fresh request id for a write that arrived without one. */
  public RequestId newRequestId() {
    return new RequestId(clientHigh, clientLow, sequence.incrementAndGet());
  }

  /** From now on, new requests fail with UNAVAILABLE; requests in flight finish. */
  public void startClosing() {
    closing = true;
  }

  private void checkOpen() {
    if (closing) {
      throw new TuttiException(ErrorCode.UNAVAILABLE, "this node is shutting down; send the request to another node");
    }
  }

  // ------------------------------------------------------------------ key-value

  public CompletableFuture<PutOutcome> put(String keyspace, byte[] key, byte[] value, Condition condition,
      RequestId requestId, SessionToken session) {
    return guard(true, "put", () -> {
      limits.checkKey(key);
      limits.checkValue(value);
      KvCommand command = new KvCommand.Put(key, value, condition, requestId == null ? newRequestId() : requestId);
      return write(keyspace, command, session).thenApply(reply -> switch (reply.result()) {
        case KvResult.Written written -> new PutOutcome(written.version(), written.revision(), reply.servedBy(),
            reply.session());
        case KvResult.ConditionFailed failed -> throw conditionFailed(condition, failed);
        case KvResult.Deleted deleted -> throw new IllegalStateException("put answered with " + deleted);
        case KvResult.Retired retired -> throw new IllegalStateException("retired result reached put");
      });
    });
  }

  public CompletableFuture<DeleteOutcome> delete(String keyspace, byte[] key, Condition condition,
      RequestId requestId, SessionToken session) {
    return guard(true, "delete", () -> {
      limits.checkKey(key);
      KvCommand command = new KvCommand.Delete(key, condition, requestId == null ? newRequestId() : requestId);
      return write(keyspace, command, session).thenApply(reply -> switch (reply.result()) {
        case KvResult.Deleted deleted -> new DeleteOutcome(deleted.existed(), deleted.revision(), reply.servedBy(),
            reply.session());
        case KvResult.ConditionFailed failed -> throw conditionFailed(condition, failed);
        case KvResult.Written written -> throw new IllegalStateException("delete answered with " + written);
        case KvResult.Retired retired -> throw new IllegalStateException("retired result reached delete");
      });
    });
  }

  /** Reads {@code key} at {@code consistency}, with the caller's session (the empty token when it has none). */
  public CompletableFuture<GetOutcome> get(String keyspace, byte[] key, Consistency consistency,
      SessionToken session) {
    return guard(false, "get", () -> {
      limits.checkKey(key);
      return withPlacement(keyspace, key, shard -> getFromShard(shard, key, consistency, session)
          .thenApply(reply -> {
            ShardMessages.GetReply get = ShardMessages.decodeGetReply(reply.bytes());
            return new GetOutcome(get.value(), get.version(), get.revision(), reply.servedBy(), reply.servedAt(),
                session.with(shard.groupId(), get.revision()));
          }));
    });
  }

  /**
   * A page of keys starting with {@code prefix}, after {@code after}, in byte order across all shards; each shard is
   * read at {@code consistency} (the page as a whole is not one snapshot across shards).
   */
  public CompletableFuture<ScanOutcome> scan(String keyspace, byte[] prefix, byte[] after, long requestedLimit,
      Consistency consistency, SessionToken session) {
    return guard(false, "scan", () -> {
      limits.checkPrefix(prefix);
      if (after.length > limits.keySizeMaxBytes()) {
        throw TuttiException.of(ErrorCode.TOO_LARGE, "'after' is %d bytes; the limit is %d", after.length,
            limits.keySizeMaxBytes());
      }
      int limit = limits.checkScanLimit(requestedLimit);
      return keyspace(keyspace).thenCompose(ks -> {
        List<CompletableFuture<ReadReply>> replies = new ArrayList<>();
        byte[] request = ShardMessages.encodeRead(new ShardMessages.Read.Scan(prefix, after, limit));
        for (ShardPlacement shard : ks.placement()) {
          replies.add(readShard(shard, request, consistency, session, () -> sendReadOnly(shard, request)
              .thenApply(reply -> new ReadReply(replyBytes(reply), servedBy(reply), leaderPathLevel()))));
        }
        return CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).thenApply(done -> {
          List<ScanPage> pages = new ArrayList<>();
          List<ShardRead> shards = new ArrayList<>();
          SessionToken merged = session;
          for (int i = 0; i < replies.size(); i++) {
            ReadReply reply = replies.get(i).join();
            if (ShardMessages.isRetiredReply(reply.bytes())) {
              throw TuttiException.of(ErrorCode.NOT_FOUND, "keyspace '%s' was dropped", keyspace);
            }
            ShardMessages.ScanReply scanned = ShardMessages.decodeScanReply(reply.bytes());
            ShardPlacement shard = ks.placement().get(i);
            pages.add(scanned.page());
            shards.add(new ShardRead(shard.shard(), reply.servedBy(), scanned.revision(), reply.servedAt()));
            merged = merged.with(shard.groupId(), scanned.revision());
          }
          return new ScanOutcome(ScanPage.merge(pages, limit), shards, merged);
        });
      });
    });
  }

  /** What a shard answered to a write, which node's replica answered, and the session with the write in it. */
  private record WriteReply(KvResult result, String servedBy, SessionToken session) {}

  private CompletableFuture<WriteReply> write(String keyspace, KvCommand command, SessionToken session) {
    byte[] encoded = KvCodec.encodeCommand(command);
    return withPlacement(keyspace, command.key(), shard -> {
      session.requireRoomFor(shard.groupId());
      return send(shard, command.key(), encoded).thenApply(reply -> {
        if (reply.result() instanceof KvResult.Retired) {
          throw RaftErrors.StalePlacementException.retired("shard " + shard.groupId() + " is retired");
        }
        return new WriteReply(reply.result(), reply.servedBy(), session.with(shard.groupId(), revision(reply.result())));
      });
    });
  }

  private static long revision(KvResult result) {
    return switch (result) {
      case KvResult.Written written -> written.revision();
      case KvResult.Deleted deleted -> deleted.revision();
      case KvResult.ConditionFailed failed -> failed.revision();
      case KvResult.Retired retired -> retired.revision();
    };
  }

  /** What a shard answered to a read, which node's replica answered, and at which level. */
  private record ReadReply(byte[] bytes, String servedBy, Consistency servedAt) {}

  /**
   * What a read through {@link #sendReadOnly} guarantees: linearizable, except under the {@code --unsafe-local-reads}
   * debug switch, which answers from the local replica without ReadIndex.
   */
  private Consistency leaderPathLevel() {
    return unsafeLocalReads ? Consistency.EVENTUAL : Consistency.LINEARIZABLE;
  }

  /** A get of {@code key} from its shard at {@code consistency}. */
  private CompletableFuture<ReadReply> getFromShard(ShardPlacement shard, byte[] key, Consistency consistency,
      SessionToken session) {
    byte[] request = ShardMessages.encodeRead(new ShardMessages.Read.Get(key));
    return readShard(shard, request, consistency, session, () -> sendGet(shard, key)).thenApply(reply -> {
      if (ShardMessages.isRetiredReply(reply.bytes())) {
        throw RaftErrors.StalePlacementException.retired("the shard is retired");
      }
      return reply;
    });
  }

  /**
   * A read of one shard at {@code consistency}: below linearizable, this node's own replica answers when it may
   * ({@link ReplicaReads}); otherwise, and for linearizable reads, {@code linearizable} reads at the leader.
   */
  private CompletableFuture<ReadReply> readShard(ShardPlacement shard, byte[] request, Consistency consistency,
      SessionToken session, java.util.function.Supplier<CompletableFuture<ReadReply>> linearizable) {
    if (consistency.level() == Consistency.Level.LINEARIZABLE) {
      return linearizable.get();
    }
    RaftGroupId groupId = RaftGroupId.valueOf(UUID.fromString(shard.groupId()));
    CompletableFuture<byte[]> local = switch (consistency.level()) {
      case EVENTUAL -> replicaReads.eventual(groupId, request);
      case SESSION -> replicaReads.session(groupId, session.position(shard.groupId()), request);
      case BOUNDED -> replicaReads.bounded(groupId, consistency.staleMaxMs(), request);
      case LINEARIZABLE -> throw new IllegalStateException("handled above");
    };
    String self = raft.selfId().toString();
    return local.thenCompose(bytes -> bytes != null
        ? CompletableFuture.completedFuture(new ReadReply(bytes, self, consistency))
        : linearizable.get());
  }

  /**
   * A linearizable get. When this node leads the shard it joins the shard's next read batch (one ReadIndex for many
   * gets); otherwise, or if that fails, it goes through the Ratis client to the leader.
   */
  private CompletableFuture<ReadReply> sendGet(ShardPlacement shard, byte[] key) {
    RaftGroupId groupId = RaftGroupId.valueOf(UUID.fromString(shard.groupId()));
    byte[] request = ShardMessages.encodeRead(new ShardMessages.Read.Get(key));
    Consistency level = leaderPathLevel();
    if (unsafeLocalReads || !raft.isLeader(groupId)) {
      return sendReadOnly(shard, request).thenApply(r -> new ReadReply(replyBytes(r), servedBy(r), level));
    }
    return batchedOr(raft.readBatcher(), groupId, key, key,
        bytes -> new ReadReply(bytes, raft.selfId().toString(), level),
        () -> sendReadOnly(shard, request).thenApply(r -> new ReadReply(replyBytes(r), servedBy(r), level)));
  }

  /**
   * Runs {@code call} against the shard that owns {@code key}. If the shard is retired or gone from its replicas
   * (this node's metadata was stale: the keyspace was dropped, perhaps re-created), reads the metadata
   * linearizably: the keyspace is gone (NOT_FOUND), or the call goes once more to its new shard.
   */
  private <T> CompletableFuture<T> withPlacement(String keyspace, byte[] key,
      Function<ShardPlacement, CompletableFuture<T>> call) {
    long deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs);
    return keyspace(keyspace).thenCompose(ks -> routed(keyspace, key, call,
        ks.placement().get(Sharding.shardOf(key, ks.shards())), deadlineNanos, 0));
  }

  private <T> CompletableFuture<T> routed(String keyspace, byte[] key,
      Function<ShardPlacement, CompletableFuture<T>> call, ShardPlacement shard, long deadlineNanos,
      int attempt) {
    return call.apply(shard).exceptionallyCompose(failure -> {
      if (!(RaftErrors.unwrap(failure) instanceof RaftErrors.StalePlacementException stale)) {
        return CompletableFuture.failedFuture(failure);
      }
      return refreshedKeyspace(keyspace).thenCompose(ks -> {
        ShardPlacement current = ks.placement().get(Sharding.shardOf(key, ks.shards()));
        if (!current.groupId().equals(shard.groupId())) {
          return routed(keyspace, key, call, current, deadlineNanos, attempt + 1);
        }
        if (stale.retired()) {
          throw TuttiException.of(ErrorCode.NOT_FOUND, "keyspace '%s' is being dropped", keyspace);
        }
        // The shard's group is not running on its replicas yet (a keyspace just created): wait and try again.
        long pauseMs = Math.min(RETRY_PAUSE_MAX_MS, RETRY_PAUSE_MIN_MS << Math.min(attempt, 8));
        if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) >= deadlineNanos) {
          throw TuttiException.of(ErrorCode.UNAVAILABLE, "keyspace '%s': shard %d is not running on its "
              + "replicas yet", keyspace, shard.shard());
        }
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pauseMs,
            TimeUnit.MILLISECONDS)).thenCompose(ignored -> routed(keyspace, key, call, current, deadlineNanos,
            attempt + 1));
      });
    });
  }

  /**
   * A write. When this node leads the shard it joins the shard's next batch (one log entry for many writes);
   * otherwise, or if that fails, it goes through the Ratis client to the leader. The request id inside the command
   * makes every resend safe (the shard applies it once).
   */
  private CompletableFuture<WriteReply> send(ShardPlacement shard, byte[] key, byte[] request) {
    RaftGroupId groupId = RaftGroupId.valueOf(UUID.fromString(shard.groupId()));
    if (!raft.isLeader(groupId)) {
      return sendToLeader(shard, request);
    }
    return batchedOr(raft.writeBatcher(), groupId, key, request,
        result -> new WriteReply(result, raft.selfId().toString(), null), () -> sendToLeader(shard, request));
  }

  /**
   * Sends {@code request} through this leader's {@code batcher}; if the batch fails (leadership moved, the group left
   * this node), sends it again through {@code otherwise}. Safe for reads, and for writes by their request id.
   */
  private static <R, T> CompletableFuture<T> batchedOr(ShardBatcher<R> batcher, RaftGroupId groupId, byte[] key,
      byte[] request, Function<R, T> answered, java.util.function.Supplier<CompletableFuture<T>> otherwise) {
    return batcher.submit(groupId, key, request)
        .handle((result, failure) -> failure == null ? answered.apply(result) : null)
        .thenCompose(reply -> reply != null ? CompletableFuture.completedFuture(reply) : otherwise.get());
  }

  private CompletableFuture<WriteReply> sendToLeader(ShardPlacement shard, byte[] request) {
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(request));
    return withRetries(() -> group(shard), client -> client.async().send(message))
        .thenApply(reply -> new WriteReply(decodeResult(reply), servedBy(reply), null));
  }

  /** A linearizable read (ReadIndex); unordered, so one slow read never holds up or fails the others. */
  private CompletableFuture<RaftClientReply> sendReadOnly(ShardPlacement shard, byte[] request) {
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(request));
    if (unsafeLocalReads) {
      CompletableFuture<RaftClientReply> stale = raft.submitStaleRead(
          RaftGroupId.valueOf(UUID.fromString(shard.groupId())), message);
      if (stale != null) {
        return stale.thenApply(reply -> {
          if (!reply.isSuccess()) {
            throw new java.util.concurrent.CompletionException(reply.getException());
          }
          return reply;
        });
      }
    }
    return local(shard, message, true,
        () -> withRetries(() -> group(shard), client -> client.async().sendReadOnlyUnordered(message)));
  }

  /**
   * When this node leads the shard, submits to the local replica directly; if that is refused (leadership moved) or
   * this node does not lead, uses {@code remote}. A write refused by a replica that is no longer leader was not
   * appended, and the request id makes a resend safe in any case.
   */
  private CompletableFuture<RaftClientReply> local(ShardPlacement shard, Message message, boolean readOnly,
      java.util.function.Supplier<CompletableFuture<RaftClientReply>> remote) {
    CompletableFuture<RaftClientReply> direct = raft.submitIfLeader(
        RaftGroupId.valueOf(UUID.fromString(shard.groupId())), message, readOnly);
    if (direct == null) {
      return remote.get();
    }
    return direct.handle((reply, failure) -> failure == null && reply.isSuccess() ? reply : null)
        .thenCompose(reply -> reply != null ? CompletableFuture.completedFuture(reply) : remote.get());
  }

  /**
   * Calls a group through its Ratis client, and after a failure that may be transient (no leader yet, the leader
   * died, the client was closed because an earlier request on it failed) calls again through a fresh client, with a
   * growing pause, until the request deadline. Ratis's ordered client fails every request queued behind one that
   * failed, so without this one lost request could fail its neighbours.
   */
  private CompletableFuture<RaftClientReply> withRetries(java.util.function.Supplier<RaftGroup> group,
      Function<RaftClient, CompletableFuture<RaftClientReply>> call) {
    return attempt(group, call, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(requestTimeoutMs), 0);
  }

  private CompletableFuture<RaftClientReply> attempt(java.util.function.Supplier<RaftGroup> group,
      Function<RaftClient, CompletableFuture<RaftClientReply>> call, long deadlineNanos, int attempt) {
    RaftClient client = raft.client(group.get());
    return checked(client, call.apply(client)).exceptionallyCompose(failure -> {
      long pauseMs = Math.min(RETRY_PAUSE_MAX_MS, RETRY_PAUSE_MIN_MS << Math.min(attempt, 8));
      if (!RaftErrors.transientFailure(failure)
          || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMs) >= deadlineNanos) {
        return CompletableFuture.failedFuture(failure);
      }
      return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(pauseMs, TimeUnit.MILLISECONDS))
          .thenCompose(ignored -> attempt(group, call, deadlineNanos, attempt + 1));
    });
  }

  /** Turns an unsuccessful reply into an exception and resets the Ratis client after transport failures. */
  private CompletableFuture<RaftClientReply> checked(RaftClient client, CompletableFuture<RaftClientReply> future) {
    RaftGroupId groupId = client.getGroupId();
    return future.handle((reply, failure) -> {
      if (failure != null) {
        raft.resetClient(groupId, client);
        Throwable cause = RaftErrors.unwrap(failure);
        if (cause instanceof GroupMismatchException
            || cause.getCause() instanceof GroupMismatchException) {
          throw RaftErrors.StalePlacementException.notRunning(cause);
        }
        throw failure instanceof RuntimeException r ? r : new java.util.concurrent.CompletionException(failure);
      }
      if (!reply.isSuccess()) {
        if (reply.getException() instanceof GroupMismatchException mismatch) {
          throw RaftErrors.StalePlacementException.notRunning(mismatch);
        }
        throw new java.util.concurrent.CompletionException(reply.getException());
      }
      return reply;
    });
  }

  RaftGroup group(ShardPlacement shard) {
    ClusterState state = localState();
    List<RaftPeer> peers = new ArrayList<>();
    for (String nodeId : shard.replicas()) {
      var member = state.members().get(nodeId);
      if (member == null) {
        throw TuttiException.of(ErrorCode.UNAVAILABLE, "replica %s of shard %s is not a known member", nodeId,
            shard.groupId());
      }
      // No Ratis priorities: with one, a candidate waits out a whole election round for the higher-priority peer's
      // vote, so a dead or frozen preferred leader made every failover seconds slower (seen in tutti verify).
      // ShardManager hands leadership back to the preferred leader instead.
      peers.add(RaftPeer.newBuilder().setId(nodeId).setAddress(member.peerAddress()).build());
    }
    return RaftGroup.valueOf(RaftGroupId.valueOf(UUID.fromString(shard.groupId())), peers);
  }

  private static KvResult decodeResult(RaftClientReply reply) {
    return KvCodec.decodeResult(replyBytes(reply));
  }

  private static byte[] replyBytes(RaftClientReply reply) {
    return reply.getMessage().getContent().toByteArray();
  }

  private static String servedBy(RaftClientReply reply) {
    return reply.getServerId().toString();
  }

  private static TuttiException conditionFailed(Condition condition, KvResult.ConditionFailed failed) {
    return switch (condition) {
      case Condition.Absent absent -> TuttiException.of(ErrorCode.VERSION_MISMATCH,
          "the key already exists (version %d)", failed.currentVersion());
      case Condition.VersionEquals equals -> failed.currentVersion() == 0
          ? TuttiException.of(ErrorCode.VERSION_MISMATCH, "expected version %d but the key does not exist",
              equals.version())
          : TuttiException.of(ErrorCode.VERSION_MISMATCH, "expected version %d but the key has version %d",
              equals.version(), failed.currentVersion());
      case Condition.Always always -> throw new IllegalStateException("unconditional write failed its condition");
    };
  }

  // ------------------------------------------------------------------ metadata

  /**
   * The metadata as this node knows it (possibly behind the leader): its metadata replica's state on a metadata
   * voter, the state it last read on a node that joined later ({@link #follow}).
   */
  public ClusterState localState() {
    ClusterState followed = this.followed;
    if (followed != null) {
      return followed;
    }
    if (!raft.isMetadataVoter()) {
      throw new TuttiException(ErrorCode.UNAVAILABLE, "this node has not read the cluster metadata yet");
    }
    try {
      return raft.metadata().state();
    } catch (java.io.IOException e) {
      throw new TuttiException(ErrorCode.UNAVAILABLE, "metadata is not available on this node yet");
    }
  }

  /** On a node that is not a metadata voter: the metadata it read last, which {@link #localState} answers with. */
  public void follow(ClusterState state) {
    Check.state(!raft.isMetadataVoter(), "a metadata voter follows its own replica");
    this.followed = state;
  }

  /** The metadata as of now: a linearizable read through the metadata group. */
  public CompletableFuture<ClusterState> currentState() {
    return guard(false, "metadata read", () -> {
      return withRetries(raft::metadataGroup, client -> client.async().sendReadOnlyUnordered(Message.EMPTY))
          .thenApply(reply -> MetaCodec.decodeState(replyBytes(reply)));
    });
  }

  private CompletableFuture<Keyspace> keyspace(String name) {
    Limits.checkKeyspaceName(name);
    Keyspace local = localState().keyspaces().get(name);
    return local != null ? CompletableFuture.completedFuture(local) : refreshedKeyspace(name);
  }

  private CompletableFuture<Keyspace> refreshedKeyspace(String name) {
    return currentState().thenApply(state -> {
      Keyspace keyspace = state.keyspaces().get(name);
      if (keyspace == null) {
        throw TuttiException.of(ErrorCode.NOT_FOUND, "keyspace '%s' does not exist", name);
      }
      return keyspace;
    });
  }

  /**
   * Creates a keyspace. {@code mode} null means {@code cp}; {@code shards} or {@code replicas} 0 means the node's
   * configured default.
   */
  public CompletableFuture<Keyspace> createKeyspace(String name, String mode, int requestedShards,
      int requestedReplicas) {
    String chosenMode = mode == null || mode.isEmpty() ? Keyspace.MODE_CP : mode;
    int shards = requestedShards == 0 ? defaultShards : requestedShards;
    int replicas = requestedReplicas == 0 ? defaultReplicas : requestedReplicas;
    return guard(true, "create keyspace", () -> {
      Limits.checkKeyspaceName(name);
      limits.checkShards(shards);
      limits.checkReplicas(replicas);
      return submitMeta(new MetaCommand.CreateKeyspace(name, chosenMode, shards, replicas, false))
          .thenCompose(done -> refreshedKeyspace(name));
    });
  }

  /**
   * Drops a keyspace: first retires every shard through its own Raft log (from then on each shard answers only
   * "retired", so a node routing with stale metadata is fenced by the shard itself), then removes the keyspace from
   * the metadata. If retiring fails part way, the drop fails and can be retried; a partly retired keyspace answers
   * NOT_FOUND on its retired shards.
   */
  public CompletableFuture<Void> dropKeyspace(String name) {
    return guard(true, "drop keyspace", () -> {
      Limits.checkKeyspaceName(name);
      return currentState().thenCompose(state -> {
        Keyspace keyspace = state.keyspaces().get(name);
        if (keyspace == null) {
          throw TuttiException.of(ErrorCode.NOT_FOUND, "keyspace '%s' does not exist", name);
        }
        List<CompletableFuture<WriteReply>> retired = new ArrayList<>();
        for (ShardPlacement shard : keyspace.placement()) {
          // Not batched: a retire is its own log entry.
          retired.add(sendToLeader(shard, KvCodec.encodeCommand(new KvCommand.Retire(newRequestId()))));
        }
        return CompletableFuture.allOf(retired.toArray(CompletableFuture[]::new));
      }).thenCompose(done -> submitMeta(new MetaCommand.DropKeyspace(name))).thenApply(done -> null);
    });
  }

  /** Submits a metadata command; a rejection becomes the matching {@link TuttiException}. */
  public CompletableFuture<Void> submitMeta(MetaCommand command) {
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(MetaCodec.encodeCommand(command)));
    // Metadata commands are not retried here: a create resent after its first attempt was applied would answer
    // ALREADY_EXISTS. The caller decides (registration and bootstrap are idempotent and retried by the node).
    RaftClient client = raft.client(raft.metadataGroup());
    return checked(client, client.async().send(message)).thenApply(reply -> {
          MetaResult result = MetadataStateMachine.decodeResult(replyBytes(reply));
          if (result instanceof MetaResult.Rejected rejected) {
            throw new TuttiException(rejected.code(), rejected.message());
          }
          return null;
        });
  }

  // ------------------------------------------------------------------ plumbing

  /** Runs {@code call} with the shutdown check, a deadline, and every failure mapped to the error table. */
  private <T> CompletableFuture<T> guard(boolean write, String what, CallSupplier<T> call) {
    CompletableFuture<T> future;
    try {
      checkOpen();
      future = call.get();
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    return Deadlines.within(future, requestTimeoutMs).handle((value, failure) -> {
      if (failure != null) {
        throw RaftErrors.toTutti(failure, write, what);
      }
      return value;
    });
  }

  @FunctionalInterface
  private interface CallSupplier<T> {
    CompletableFuture<T> get();
  }
}
