package io.tutti.server.raft;

import io.tutti.server.config.NodeConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.AlreadyExistsException;
import org.apache.ratis.protocol.exceptions.GroupMismatchException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's one Ratis server (multi-Raft: the metadata group and every shard replica the node holds) and the Ratis
 * clients it uses to reach any group, local or not. All Ratis settings live here; see DESIGN.md "Ratis settings that
 * are not optional".
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);

  private final NodeConfig config;
  private final RaftPeerId selfId;
  private final RaftGroup metadataGroup;
  private final RaftProperties serverProperties;
  private final RaftProperties clientProperties;
  private final ClientId adminClientId = ClientId.randomId();
  private final AtomicLong adminCallIds = new AtomicLong();
  private final ConcurrentHashMap<RaftGroupId, CachedClient> clients = new ConcurrentHashMap<>();
  /** Submits the batchers' groups to Ratis and handles their replies (see {@link ShardBatcher}). */
  private final java.util.concurrent.ExecutorService batchExecutor = java.util.concurrent.Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()),
      Thread.ofPlatform().name("shard-batcher-", 0).daemon().factory());
  private final ShardBatcher<io.tutti.core.kv.KvResult> writeBatcher = ShardBatcher.forWrites(
      (groupId, message) -> submitIfLeader(groupId, message, false), batchExecutor);
  private final ShardBatcher<byte[]> readBatcher = ShardBatcher.forReads(
      (groupId, message) -> submitIfLeader(groupId, message, true), batchExecutor);
  private final java.util.List<java.util.function.Consumer<RaftGroupId>> groupRemovedListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private RaftServer server;

  /**
   * @param metadataVoters node id to peer address of the metadata group's voters (the initial members); this node
   *     hosts a metadata replica only if it is one of them
   */
  public RaftNode(NodeConfig config, String clusterId, java.util.Map<String, String> metadataVoters) {
    this.config = config;
    this.selfId = RaftPeerId.valueOf(config.nodeId());
    List<RaftPeer> peers = metadataVoters.entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue()).build())
        .toList();
    this.metadataGroup = RaftGroup.valueOf(metadataGroupId(clusterId), peers);
    this.serverProperties = serverProperties(config);
    this.clientProperties = clientProperties(config);
  }

  public static RaftGroupId metadataGroupId(String clusterId) {
    return RaftGroupId.valueOf(UUID.nameUUIDFromBytes(("metadata/" + clusterId).getBytes(StandardCharsets.UTF_8)));
  }

  static final String LOG_SEGMENT_SIZE_MAX = "8MB";
  static final int LOG_SEGMENT_CACHE_NUM_MAX = 2;

  static RaftProperties serverProperties(NodeConfig config) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(config.dataDir().resolve("raft").toFile()));
    GrpcConfigKeys.Server.setHost(p, config.peerAddress().host());
    GrpcConfigKeys.Server.setPort(p, config.peerAddress().port());
    // Linearizable reads: ReadIndex (the default option, DEFAULT, is not linearizable). Leader-lease reads stay off.
    RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, false);
    // Acknowledge only after fsync: never unsafe or asynchronous flush.
    RaftServerConfigKeys.Log.setUnsafeFlushEnabled(p, false);
    RaftServerConfigKeys.Log.setAsyncFlushEnabled(p, false);
    // Ratis appends a metadata entry (the commit index) after commits: one more log write and fsync per commit. The
    // commit index is not needed for safety (it is re-learned from the leader), and each shard keeps its applied
    // index in RocksDB, so restart replay does not depend on it.
    RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
    // The retry cache must outlive the whole retry window of a request (requestTimeoutMs) several times over.
    RaftServerConfigKeys.RetryCache.setExpiryTime(p,
        TimeDuration.valueOf(Math.max(60_000L, 6L * config.requestTimeoutMs()), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMin(p, TimeDuration.valueOf(config.electionTimeoutMinMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, TimeDuration.valueOf(config.electionTimeoutMaxMs(), TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(3, TimeUnit.SECONDS));
    // Snapshots and log compaction behind them.
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, config.snapshotThresholdEntries());
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
    RaftServerConfigKeys.Log.setPurgeGap(p, (int) Math.min(Integer.MAX_VALUE,
        Math.max(1, config.snapshotThresholdEntries() / 4)));
    RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(LOG_SEGMENT_SIZE_MAX));
    // Each group keeps this many log segments' entries on the heap (Ratis's default is 6, up to 48 MiB a group here).
    // Appenders read from it while followers keep up; one further behind is sent entries read from the segment
    // files. With 6, the nodes under 100-client puts ran about 20% more young collections (docs/benchmarks.md).
    RaftServerConfigKeys.Log.setSegmentCacheNumMax(p, LOG_SEGMENT_CACHE_NUM_MAX);
    RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
    // Ratis's default backs off to 5 s between attempts once a follower has failed 30 times (it was down), which
    // is longer than an election timeout: a returning follower then waits seconds per round trip to catch up.
    RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, "1ms,10, 100ms,50, 500ms,1000000");
    // The leader's appender waits this long to batch entries before sending them to followers (default 10 ms, which
    // is the latency floor of every write). Batching still happens: whatever queued while the previous append was
    // in flight goes in the next one.
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(p, TimeDuration.valueOf(0, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf("4MB"));
    RaftServerConfigKeys.Write.setElementLimit(p, 8192);
    // Append-entries "compose" stays on (Ratis's default): a follower checks an append's term under a lock and
    // appends after releasing it, and compose puts the appends through one chain, in order. With it off, each append
    // runs on the gRPC thread that received it and nothing orders them after the lock, so entries from a deposed
    // leader's stream could be appended after a new leader's and truncate them (the race RATIS-2235 closed).
    RaftServerConfigKeys.Log.setAppendEntriesComposeEnabled(p, true);
    return p;
  }

  static RaftProperties clientProperties(NodeConfig config) {
    RaftProperties p = new RaftProperties();
    // A peer that has not answered within an election timeout is most likely not the leader any more (dead, paused,
    // cut off): try another. Retries are safe (Ratis's retry cache, and our request ids).
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, TimeDuration.valueOf(config.electionTimeoutMinMs(),
        TimeUnit.MILLISECONDS));
    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, 4096);
    return p;
  }

  /** Starts the Ratis server with the metadata group plus every group found in the storage directory. */
  public void start(StateMachine.Registry registry) throws IOException {
    boolean metadataExists = hasStorage(metadataGroup.getGroupId());
    RaftServer.Builder builder = RaftServer.newBuilder()
        .setServerId(selfId)
        .setProperties(serverProperties)
        .setStateMachineRegistry(registry);
    if (isMetadataVoter()) {
      builder.setGroup(metadataGroup)
          .setOption(metadataExists ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT);
    }
    server = builder.build();
    String metricsEvery = System.getProperty("tutti.ratis.metrics.seconds");
    if (metricsEvery != null) {
      org.apache.ratis.metrics.MetricRegistries.global().enableConsoleReporter(
          TimeDuration.valueOf(Long.parseLong(metricsEvery), TimeUnit.SECONDS));
    }
    server.start();
    LOG.info("node {}: Raft server started on {} with groups {}", selfId, config.peerAddress(),
        server.getGroupIds());
  }

  /** Whether this node holds a replica of the metadata group (it is one of the initial members). */
  public boolean isMetadataVoter() {
    return metadataGroup.getPeer(selfId) != null;
  }

  public RaftGroup metadataGroup() {
    return metadataGroup;
  }

  public RaftPeerId selfId() {
    return selfId;
  }

  public MetadataStateMachine metadata() throws IOException {
    return (MetadataStateMachine) server.getDivision(metadataGroup.getGroupId()).getStateMachine();
  }

  public Set<RaftGroupId> localGroups() {
    Set<RaftGroupId> groups = new HashSet<>();
    server.getGroupIds().forEach(groups::add);
    return groups;
  }

  /** Batches the writes to the shards this node leads; see {@link ShardBatcher}. */
  public ShardBatcher<io.tutti.core.kv.KvResult> writeBatcher() {
    return writeBatcher;
  }

  /** Batches the linearizable gets on the shards this node leads; see {@link ShardBatcher}. */
  public ShardBatcher<byte[]> readBatcher() {
    return readBatcher;
  }

  /** Whether this node's replica of {@code groupId} is its leader (false when there is no replica here). */
  public boolean isLeader(RaftGroupId groupId) {
    try {
      return server.getDivision(groupId).getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  private final AtomicLong localCallIds = new AtomicLong();
  private final ClientId localClientId = ClientId.randomId();

  /**
   * Submits a request straight to this node's replica of {@code groupId} when that replica is the leader, skipping
   * the Ratis client (a loopback RPC and its ordered window); {@code null} when this node does not lead the group.
   */
  public java.util.concurrent.CompletableFuture<RaftClientReply> submitIfLeader(RaftGroupId groupId,
      org.apache.ratis.protocol.Message message, boolean readOnly) {
    RaftServer.Division division;
    try {
      division = server.getDivision(groupId);
    } catch (IOException e) {
      return null;
    }
    if (!division.getInfo().isLeader()) {
      return null;
    }
    return submitLocal(groupId, message, readOnly ? org.apache.ratis.protocol.RaftClientRequest.readRequestType()
        : org.apache.ratis.protocol.RaftClientRequest.writeRequestType());
  }

  private java.util.concurrent.CompletableFuture<RaftClientReply> submitLocal(RaftGroupId groupId,
      org.apache.ratis.protocol.Message message, org.apache.ratis.protocol.RaftClientRequest.Type type) {
    org.apache.ratis.protocol.RaftClientRequest request = org.apache.ratis.protocol.RaftClientRequest.newBuilder()
        .setClientId(localClientId)
        .setServerId(selfId)
        .setGroupId(groupId)
        .setCallId(localCallIds.incrementAndGet())
        .setMessage(message)
        .setType(type)
        .build();
    try {
      // The replica itself, not the server: RaftServer.submitClientRequestAsync hands every request to a Ratis
      // thread pool and blocks the caller until that thread has appended it, a thread hand-off per request for
      // nothing (our callers are already off the network threads).
      if (server.getDivision(groupId) instanceof org.apache.ratis.protocol.RaftClientAsynchronousProtocol replica) {
        return replica.submitClientRequestAsync(request);
      }
      return server.submitClientRequestAsync(request);
    } catch (IOException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /**
   * This node's replica of key-value shard {@code groupId}, or {@code null} when the node has none (or it has not
   * started yet). For local reads; whether the replica may answer a given read is the caller's decision.
   */
  public KvShardStateMachine localKvReplica(RaftGroupId groupId) {
    try {
      return server.getDivision(groupId).getStateMachine() instanceof KvShardStateMachine replica ? replica : null;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * A linearizable read through this node's own replica of {@code groupId}, whatever its role: a leader does
   * ReadIndex, a follower asks the leader for its commit index (Ratis follower read) and answers once it has applied
   * that far. Either way the answer reflects every write acknowledged before this call. {@code null} when this node
   * has no replica of the group.
   */
  public java.util.concurrent.CompletableFuture<RaftClientReply> readThroughReplica(RaftGroupId groupId,
      org.apache.ratis.protocol.Message message) {
    return submitIfReplica(groupId, message, org.apache.ratis.protocol.RaftClientRequest.readRequestType());
  }

  /**
   * Runs the continuations of Ratis futures that may call Ratis again: never on a Ratis thread, which may hold locks
   * the new call needs (a deadlock seen with the batcher).
   */
  public java.util.concurrent.Executor offRaftExecutor() {
    return batchExecutor;
  }

  /**
   * Answers a read from this node's replica of {@code groupId} as it is, without asking the leader (a Ratis stale
   * read): NOT linearizable. Only for the {@code --unsafe-local-reads} debug switch; {@code null} when this node has
   * no replica of the group.
   */
  public java.util.concurrent.CompletableFuture<RaftClientReply> submitStaleRead(RaftGroupId groupId,
      org.apache.ratis.protocol.Message message) {
    return submitIfReplica(groupId, message, org.apache.ratis.protocol.RaftClientRequest.staleReadRequestType(0));
  }

  /** Submits to this node's replica of {@code groupId} whatever its role; {@code null} when there is none here. */
  private java.util.concurrent.CompletableFuture<RaftClientReply> submitIfReplica(RaftGroupId groupId,
      org.apache.ratis.protocol.Message message, org.apache.ratis.protocol.RaftClientRequest.Type type) {
    try {
      server.getDivision(groupId);
    } catch (IOException e) {
      return null;
    }
    return submitLocal(groupId, message, type);
  }

  /**
   * Asks this node's replica of {@code groupId}, the leader, to hand leadership to {@code target} once the target
   * has caught up, within {@code timeoutMs}. Completes with the reply; never blocks.
   */
  public java.util.concurrent.CompletableFuture<RaftClientReply> transferLeadership(RaftGroupId groupId,
      String target, long timeoutMs) {
    try {
      return server.transferLeadershipAsync(new org.apache.ratis.protocol.TransferLeadershipRequest(adminClientId,
          selfId, groupId, adminCallIds.incrementAndGet(), RaftPeerId.valueOf(target), timeoutMs));
    } catch (IOException e) {
      return java.util.concurrent.CompletableFuture.failedFuture(e);
    }
  }

  /** Whether this node has Raft storage for {@code groupId} (running or not). */
  public boolean hasStorage(RaftGroupId groupId) {
    return java.nio.file.Files.isDirectory(config.dataDir().resolve("raft").resolve(groupId.getUuid().toString()));
  }

  public RaftServer.Division division(RaftGroupId groupId) throws IOException {
    return server.getDivision(groupId);
  }

  /**
   * Adds a replica of {@code group} on this node. With {@code format}, a new, empty replica; without, the replica's
   * existing storage (term, vote, log) is recovered and {@code group}'s peers are its configuration until the log
   * says otherwise. Adding a group that is already running is a no-op.
   */
  public void addGroup(RaftGroup group, boolean format) throws IOException {
    RaftClientReply reply;
    try {
      reply = server.groupManagement(GroupManagementRequest.newAdd(
          adminClientId, selfId, adminCallIds.incrementAndGet(), group, format));
    } catch (AlreadyExistsException e) {
      return;
    }
    if (!reply.isSuccess()) {
      throw new IOException("cannot add group " + group.getGroupId() + ": " + reply.getException());
    }
  }

  /** Removes this node's replica of {@code groupId}; with {@code deleteStorage}, also its Raft log and snapshots. */
  public void removeGroup(RaftGroupId groupId, boolean deleteStorage) throws IOException {
    RaftClientReply reply;
    try {
      reply = server.groupManagement(GroupManagementRequest.newRemove(
          adminClientId, selfId, adminCallIds.incrementAndGet(), groupId, deleteStorage, false));
    } catch (GroupMismatchException e) {
      return;
    }
    if (!reply.isSuccess()) {
      throw new IOException("cannot remove group " + groupId + ": " + reply.getException());
    }
    CachedClient cached = clients.remove(groupId);
    if (cached != null) {
      closeQuietly(cached.client());
    }
    writeBatcher.remove(groupId);
    readBatcher.remove(groupId);
    groupRemovedListeners.forEach(listener -> listener.accept(groupId));
  }

  /** Runs {@code listener} with the id of each group whose replica {@link #removeGroup} removes from this node. */
  public void onGroupRemoved(java.util.function.Consumer<RaftGroupId> listener) {
    groupRemovedListeners.add(listener);
  }

  private record CachedClient(Set<String> peers, RaftClient client) {}

  private static Set<String> peerSet(RaftGroup group) {
    Set<String> peers = new HashSet<>();
    group.getPeers().forEach(peer -> peers.add(peer.getId() + "@" + peer.getAddress()));
    return peers;
  }

  /**
   * The Ratis client for {@code group}, shared by every request to it; rebuilt when the group's peers change.
   * Each Ratis client has its own client id, under which Ratis's retry cache deduplicates its retries.
   */
  public RaftClient client(RaftGroup group) {
    Set<String> peers = peerSet(group);
    return clients.compute(group.getGroupId(), (id, cached) -> {
      if (cached != null && cached.peers().equals(peers)) {
        return cached;
      }
      if (cached != null) {
        closeQuietly(cached.client());
      }
      return new CachedClient(peers, RaftClient.newBuilder()
          .setRaftGroup(group)
          .setLeaderId(knownLeader(group))
          .setProperties(clientProperties)
          .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(
              Math.max(3, config.requestTimeoutMs() / 200), TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
          .build());
    }).client();
  }

  /**
   * The leader of {@code group} as this node's replica knows it, or null (no replica here, or no leader known).
   * Without it a new Ratis client starts at the highest-priority peer, the preferred leader, which after a failover
   * is the very node that died or froze: every request would first wait out a timeout there.
   */
  private RaftPeerId knownLeader(RaftGroup group) {
    try {
      RaftPeerId leader = server.getDivision(group.getGroupId()).getInfo().getLeaderId();
      return leader != null && group.getPeer(leader) != null ? leader : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Drops the cached client of {@code groupId} (after it failed in a way that may have broken its ordering). */
  public void resetClient(RaftGroupId groupId, RaftClient failed) {
    CachedClient cached = clients.get(groupId);
    if (cached != null && cached.client() == failed && clients.remove(groupId, cached)) {
      closeQuietly(failed);
    }
  }

  private static void closeQuietly(RaftClient client) {
    try {
      client.close();
    } catch (IOException e) {
      LOG.debug("closing Raft client: {}", e.toString());
    }
  }

  @Override
  public void close() throws IOException {
    clients.values().forEach(cached -> closeQuietly(cached.client()));
    clients.clear();
    batchExecutor.shutdown();
    if (server != null) {
      server.close();
    }
  }
}
