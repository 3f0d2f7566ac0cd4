package io.tutti.client;

import io.tutti.proto.v1.ClusterStatus;
import java.util.List;

/**
 * The cluster as one node sees it: members with their client addresses and liveness (as heard by
 * {@code answeredBy}), keyspaces, and each shard's replicas and leader (empty when unknown).
 */
public record ClusterInfo(String clusterId, String answeredBy, String metadataLeader, List<Member> members,
    List<KeyspaceInfo> keyspaces, List<Shard> shards) {
  public ClusterInfo {
    members = List.copyOf(members);
    keyspaces = List.copyOf(keyspaces);
    shards = List.copyOf(shards);
  }

  /** A node of the cluster. */
  public record Member(String nodeId, String clientAddress, String peerAddress, boolean live) {}

  /** One shard of a keyspace; {@code leader} is a node id, empty when unknown. */
  public record Shard(String keyspace, int shard, String groupId, List<String> replicas, String leader,
      long revision) {
    public Shard {
      replicas = List.copyOf(replicas);
    }
  }

  static ClusterInfo fromProto(ClusterStatus status) {
    return new ClusterInfo(status.getClusterId(), status.getAnsweredBy(), status.getMetadataLeader(),
        status.getMembersList().stream().map(m -> new Member(m.getNodeId(), m.getClientAddress(),
            m.getPeerAddress(), m.getLive())).toList(),
        status.getKeyspacesList().stream().map(KeyspaceInfo::fromProto).toList(),
        status.getShardsList().stream().map(s -> new Shard(s.getKeyspace(), s.getShard(), s.getGroupId(),
            s.getReplicasList(), s.getLeader(), s.getRevision())).toList());
  }
}
