package io.tutti.server;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.meta.ClusterState;
import io.tutti.core.meta.MetaCodec;
import io.tutti.core.meta.MetaCommand;
import io.tutti.core.meta.Member;
import io.tutti.server.api.ApiServer;
import io.tutti.server.config.NodeConfig;
import io.tutti.server.node.ClusterStatusReader;
import io.tutti.server.node.NodeIdentity;
import io.tutti.server.node.NodeService;
import io.tutti.server.node.ShardManager;
import io.tutti.server.raft.KvShardStateMachine;
import io.tutti.server.raft.MetadataStateMachine;
import io.tutti.server.raft.RaftNode;
import io.tutti.server.storage.NodeStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Tutti node: storage, the Raft server with its groups, the shard manager, and the client API. Start-up order:
 * lock the data directory, check the node's identity, open RocksDB, start Raft, serve the API, then register with the
 * metadata group and (the first time the cluster forms) create the {@code default} keyspace.
 */
public final class TuttiNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TuttiNode.class);
  private static final long PROBE_TIMEOUT_MS = 3000;
  private static final long FORMED_READ_TIMEOUT_MS = 30_000;
  private static final long BACKGROUND_PERIOD_MS = 500;
  /** A node that follows the metadata is ready only while its last read is at most this old. */
  private static final long FOLLOWED_FRESH_MS = 5_000;

  private final NodeConfig config;
  private String clusterId;
  private volatile long followedAtNanos;
  private final LongSupplier clockMs = System::currentTimeMillis;
  private FileChannel lockChannel;
  private FileLock lock;
  private NodeStore store;
  private RaftNode raft;
  private NodeService service;
  private ShardManager shardManager;
  private ClusterStatusReader statusReader;
  private ApiServer api;
  private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "node-background");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean registered;
  private volatile boolean closed;

  private TuttiNode(NodeConfig config) {
    this.config = config;
    this.clusterId = config.join() == null ? clusterId(config) : null;
  }

  /**
   * The cluster id: the cluster name and a digest of the initial members, so that every initial member derives the
   * same id and a data directory of another cluster is recognised.
   */
  public static String clusterId(NodeConfig config) {
    StringBuilder text = new StringBuilder(config.clusterName());
    new TreeMap<>(config.initialMembers()).forEach((id, address) -> text.append('|').append(id).append('=')
        .append(address));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return config.clusterName() + "-" + HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  public static TuttiNode start(NodeConfig config) throws IOException {
    TuttiNode node = new TuttiNode(config);
    try {
      node.startComponents();
      return node;
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startComponents() throws IOException {
    Files.createDirectories(config.dataDir());
    lockDataDir();
    NodeIdentity identity = NodeIdentity.read(config.dataDir());
    Map<String, String> metadataVoters;
    if (config.join() != null) {
      if (identity == null) {
        identity = askToJoin();
        identity.write(config.dataDir());
      } else {
        identity.checkMatches(config.dataDir(), null, config.nodeId());
        if (identity.metadataVoters() == null) {
          throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "data directory %s belongs to an initial member of "
              + "cluster '%s': start it with --initial-members, not --join", config.dataDir(), identity.clusterId());
        }
      }
      clusterId = identity.clusterId();
      metadataVoters = identity.metadataVoters();
    } else {
      if (identity == null) {
        refuseIfClusterKnowsThisNode();
        new NodeIdentity(clusterId, config.nodeId(), null).write(config.dataDir());
      } else {
        identity.checkMatches(config.dataDir(), clusterId, config.nodeId());
      }
      metadataVoters = new TreeMap<>();
      for (var member : config.initialMembers().entrySet()) {
        metadataVoters.put(member.getKey(), member.getValue().toString());
      }
    }
    store = NodeStore.open(config.dataDir().resolve("kv"), config.blockCacheBytes());
    raft = new RaftNode(config, clusterId, metadataVoters);
    service = new NodeService(raft, config.limits(), config.requestTimeoutMs(), config.defaultShards(),
        config.defaultReplicas(), config.unsafeLocalReads());
    shardManager = new ShardManager(config.nodeId(), raft, service);
    statusReader = new ClusterStatusReader(config.nodeId(), raft, service);
    raft.start(groupId -> groupId.equals(raft.metadataGroup().getGroupId())
        ? new MetadataStateMachine(clusterId, config.limits(), clockMs, shardManager::onState)
        : new KvShardStateMachine(store, clockMs));
    api = ApiServer.start(config.clientAddress(), service, statusReader::read, this::isReady);
    shardManager.start();
    background.scheduleWithFixedDelay(this::registerAndBootstrap, 0, BACKGROUND_PERIOD_MS, TimeUnit.MILLISECONDS);
    LOG.info("node {} of cluster {} serving clients on {}", config.nodeId(), clusterId, config.clientAddress());
  }

  private void lockDataDir() throws IOException {
    lockChannel = FileChannel.open(config.dataDir().resolve("LOCK"), StandardOpenOption.CREATE,
        StandardOpenOption.WRITE);
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
          "data directory %s is in use by another Tutti process", config.dataDir());
    }
  }

  /**
   * A node with an empty data directory must not vote as its old self (it lost its promises and its log). Before
   * starting, it asks the other initial members whether the cluster has formed: a peer whose metadata group has
   * committed anything past its first entry says so, without needing a quorum. A formed cluster's membership must
   * then be read (retried up to {@link #FORMED_READ_TIMEOUT_MS}); if it lists this node, its data was lost and it
   * refuses to start, and if it cannot be read, it refuses too rather than guess. No peer with committed metadata
   * means the cluster is still forming (the peers are starting as well), and the node goes on.
   */
  private void refuseIfClusterKnowsThisNode() throws IOException {
    List<RaftPeer> others = config.initialMembers().entrySet().stream()
        .filter(e -> !e.getKey().equals(config.nodeId()))
        .map(e -> RaftPeer.newBuilder().setId(e.getKey()).setAddress(e.getValue().toString()).build())
        .toList();
    if (others.isEmpty()) {
      return;
    }
    RaftGroup group = RaftGroup.valueOf(RaftNode.metadataGroupId(clusterId), others);
    try (RaftClient client = RaftClient.newBuilder().setRaftGroup(group)
        .setProperties(new org.apache.ratis.conf.RaftProperties())
        .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(3,
            TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
        .build()) {
      if (!anyPeerHasCommittedMetadata(client, group, others)) {
        LOG.info("no other initial member has committed metadata: the cluster is forming");
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(FORMED_READ_TIMEOUT_MS);
      while (true) {
        try {
          RaftClientReply reply = client.async().sendReadOnly(org.apache.ratis.protocol.Message.EMPTY)
              .get(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
          if (reply.isSuccess()) {
            ClusterState state = MetaCodec.decodeState(reply.getMessage().getContent().toByteArray());
            if (state.members().containsKey(config.nodeId())) {
              throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
                  "node '%s' has an empty data directory %s but cluster %s already has a member '%s': its data "
                      + "was lost, and it must not vote as its old self; start it under a new node id",
                  config.nodeId(), config.dataDir(), clusterId, config.nodeId());
            }
            return;
          }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
          LOG.info("reading the formed cluster's members: {}", e.getClass().getSimpleName());
        }
        if (System.nanoTime() > deadline) {
          throw TuttiException.of(ErrorCode.UNAVAILABLE, "cluster %s has formed but its members could not be read "
              + "within %d s to check that node '%s' (empty data directory) is new; start it again when the cluster "
              + "answers", clusterId, FORMED_READ_TIMEOUT_MS / 1000, config.nodeId());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while probing the cluster", e);
    }
  }

  /** Whether any peer's metadata replica has committed past its first (configuration) entry. */
  private static boolean anyPeerHasCommittedMetadata(RaftClient client, RaftGroup group, List<RaftPeer> peers) {
    for (RaftPeer peer : peers) {
      try {
        var info = client.getGroupManagementApi(peer.getId()).info(group.getGroupId());
        if (info.getCommitInfos().stream().anyMatch(commit -> commit.getCommitIndex() > 0)) {
          return true;
        }
      } catch (IOException | RuntimeException e) {
        // Unreachable (the transport throws unchecked status errors), or no metadata replica yet: no evidence of
        // a formed cluster.
      }
    }
    return false;
  }


  /**
   * A node joining a formed cluster asks any member for the cluster id and the metadata group's voters. It refuses to
   * join under an id the cluster already has: that node's data would be lost (or it is another node).
   */
  private NodeIdentity askToJoin() throws IOException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .connectTimeout(java.time.Duration.ofSeconds(3)).build();
    String url = "http://" + config.join() + "/v1/cluster";
    com.fasterxml.jackson.databind.JsonNode cluster;
    try {
      var reply = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
          .timeout(java.time.Duration.ofSeconds(15)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      if (reply.statusCode() != 200) {
        throw TuttiException.of(ErrorCode.UNAVAILABLE, "cannot join through %s: it answered %d", config.join(),
            reply.statusCode());
      }
      cluster = new com.fasterxml.jackson.databind.ObjectMapper().readTree(reply.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while joining", e);
    } catch (IOException e) {
      throw TuttiException.of(ErrorCode.UNAVAILABLE, "cannot join through %s: %s", config.join(),
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }
    String joinedClusterId = cluster.path("clusterId").asText();
    Map<String, String> voters = new TreeMap<>();
    cluster.path("metadataVoters").fields().forEachRemaining(e -> voters.put(e.getKey(), e.getValue().asText()));
    if (joinedClusterId.isEmpty() || voters.isEmpty()) {
      throw TuttiException.of(ErrorCode.UNAVAILABLE, "%s did not describe its cluster", config.join());
    }
    for (var member : cluster.path("members")) {
      if (member.path("nodeId").asText().equals(config.nodeId())) {
        throw TuttiException.of(ErrorCode.INVALID_ARGUMENT,
            "cluster %s already has a member '%s': a node that lost its data must not vote as its old self; join "
                + "under a new node id", joinedClusterId, config.nodeId());
      }
    }
    LOG.info("joining cluster {} (metadata voters {})", joinedClusterId, voters);
    return new NodeIdentity(joinedClusterId, config.nodeId(), voters);
  }

  /** Registers this node's addresses, and bootstraps the cluster once every initial member has registered. */
  private void registerAndBootstrap() {
    if (closed) {
      return;
    }
    try {
      if (!raft.isMetadataVoter()) {
        // Not a metadata voter: follow the metadata with linearizable reads.
        ClusterState followed = service.currentState().get(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        service.follow(followed);
        shardManager.onState(followed);
        followedAtNanos = System.nanoTime();
      }
      ClusterState state = service.localState();
      Member self = new Member(config.nodeId(), config.clientAddress().toString(), config.peerAddress().toString());
      if (!self.equals(state.members().get(config.nodeId()))) {
        service.submitMeta(new MetaCommand.RegisterMember(self)).get(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        return;
      }
      registered = true;
      if (raft.isMetadataVoter() && !state.bootstrapped()
          && state.members().keySet().containsAll(config.initialMembers().keySet())) {
        service.submitMeta(new MetaCommand.Bootstrap(config.defaultShards(), config.defaultReplicas()))
            .get(config.requestTimeoutMs(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.debug("registration pending: {}", e.toString());
    }
  }

  /** Ready: registered, the cluster bootstrapped, a metadata leader known, and every local shard started. */
  public boolean isReady() {
    if (closed || !registered) {
      return false;
    }
    try {
      ClusterState state = service.localState();
      boolean metadataKnown = raft.isMetadataVoter()
          ? raft.division(raft.metadataGroup().getGroupId()).getInfo().getLeaderId() != null
          : System.nanoTime() - followedAtNanos < TimeUnit.MILLISECONDS.toNanos(FOLLOWED_FRESH_MS);
      return state.bootstrapped() && metadataKnown && shardManager.allShardsStarted();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }


  public String clusterIdValue() {
    return clusterId;
  }

  public NodeService service() {
    return service;
  }


  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (service != null) {
      service.startClosing();
    }
    background.shutdownNow();
    if (api != null) {
      api.close();
    }
    if (shardManager != null) {
      shardManager.close();
    }
    if (statusReader != null) {
      statusReader.close();
    }
    if (raft != null) {
      try {
        raft.close();
      } catch (IOException e) {
        LOG.warn("closing Raft: {}", e.toString());
      }
    }
    if (store != null) {
      store.close();
    }
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      LOG.warn("releasing data directory lock: {}", e.toString());
    }
  }
}
