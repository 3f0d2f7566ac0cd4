package io.tutti.server.node;

import io.tutti.core.meta.ClusterState;
import io.tutti.core.meta.Keyspace;
import io.tutti.core.meta.Member;
import io.tutti.core.meta.ShardPlacement;
import io.tutti.server.raft.RaftNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * Builds the cluster status: the metadata (read linearizably), each shard's leader and revision (from the local
 * replica when there is one, else by asking a replica), and which members answer right now. Asking is bounded: a
 * member that does not answer within {@link #PROBE_TIMEOUT_MS} is reported not live.
 */
public final class ClusterStatusReader implements AutoCloseable {
  static final long PROBE_TIMEOUT_MS = 1500;

  private final String selfId;
  private final RaftNode raft;
  private final NodeService service;
  private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
      .version(java.net.http.HttpClient.Version.HTTP_1_1)
      .connectTimeout(java.time.Duration.ofMillis(PROBE_TIMEOUT_MS)).build();
  private final ExecutorService probes = Executors.newFixedThreadPool(4, runnable -> {
    Thread thread = new Thread(runnable, "status-probe");
    thread.setDaemon(true);
    return thread;
  });

  public ClusterStatusReader(String selfId, RaftNode raft, NodeService service) {
    this.selfId = selfId;
    this.raft = raft;
    this.service = service;
  }

  public CompletableFuture<ClusterView> read() {
    return service.currentState().exceptionally(failure -> service.localState()).thenApply(this::view);
  }

  private ClusterView view(ClusterState state) {
    List<CompletableFuture<ClusterView.MemberView>> members = new ArrayList<>();
    for (Member member : state.members().values()) {
      members.add(probe(() -> memberLive(member), false)
          .thenApply(live -> new ClusterView.MemberView(member.nodeId(), member.clientAddress(),
              member.peerAddress(), live)));
    }
    List<CompletableFuture<ClusterView.ShardView>> shards = new ArrayList<>();
    for (Keyspace keyspace : state.keyspaces().values()) {
      for (ShardPlacement shard : keyspace.placement()) {
        shards.add(probe(() -> shardRole(shard), new String[] {"", "0"}).thenApply(role ->
            new ClusterView.ShardView(keyspace.name(), shard.shard(), shard.groupId(), shard.replicas(), role[0],
                Long.parseLong(role[1]))));
      }
    }
    String metadataLeader = localLeader(raft.metadataGroup().getGroupId());
    java.util.Map<String, String> voters = new java.util.TreeMap<>();
    raft.metadataGroup().getPeers().forEach(peer -> voters.put(peer.getId().toString(), peer.getAddress()));
    return new ClusterView(state.clusterId(), selfId, metadataLeader, voters,
        members.stream().map(CompletableFuture::join).toList(),
        List.copyOf(state.keyspaces().values()),
        shards.stream().map(CompletableFuture::join).toList());
  }

  private interface Probe<T> {
    T run() throws Exception;
  }

  private <T> CompletableFuture<T> probe(Probe<T> probe, T fallback) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return probe.run();
      } catch (Exception e) {
        return fallback;
      }
    }, probes).completeOnTimeout(fallback, PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  /** A member is live when its client port answers {@code /health/live} within the probe timeout. */
  private boolean memberLive(Member member) throws IOException, InterruptedException {
    if (member.nodeId().equals(selfId)) {
      return true;
    }
    var reply = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create("http://" + member.clientAddress() + "/health/live"))
        .timeout(java.time.Duration.ofMillis(PROBE_TIMEOUT_MS)).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
    return reply.statusCode() == 200;
  }

  /** {leader id, revision} of a shard. */
  private String[] shardRole(ShardPlacement shard) throws IOException {
    RaftGroupId groupId = RaftGroupId.valueOf(UUID.fromString(shard.groupId()));
    if (raft.localGroups().contains(groupId)) {
      RaftServer.Division division = raft.division(groupId);
      RaftPeerId leader = division.getInfo().getLeaderId();
      return new String[] {leader == null ? "" : leader.toString(),
          Long.toString(division.getInfo().getLastAppliedIndex())};
    }
    RaftGroup group = service.group(shard);
    for (String replica : shard.replicas()) {
      try {
        GroupInfoReply reply = raft.client(group).getGroupManagementApi(RaftPeerId.valueOf(replica)).info(groupId);
        String leader = leaderOf(replica, reply.getRoleInfoProto());
        if (!leader.isEmpty()) {
          return new String[] {leader, "0"};
        }
      } catch (IOException e) {
        // try the next replica
      }
    }
    return new String[] {"", "0"};
  }

  private static String leaderOf(String answering, RoleInfoProto role) {
    if (role.getRole() == RaftPeerRole.LEADER) {
      return answering;
    }
    if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
      return role.getFollowerInfo().getLeaderInfo().getId().getId().toStringUtf8();
    }
    return "";
  }

  private String localLeader(RaftGroupId groupId) {
    try {
      RaftPeerId leader = raft.division(groupId).getInfo().getLeaderId();
      return leader == null ? "" : leader.toString();
    } catch (IOException e) {
      return "";
    }
  }

  @Override
  public void close() {
    probes.shutdownNow();
  }
}
