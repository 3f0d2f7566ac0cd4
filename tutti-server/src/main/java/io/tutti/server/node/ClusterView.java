package io.tutti.server.node;

import io.tutti.core.meta.Keyspace;
import java.util.List;

/** What {@code GET /v1/cluster} and {@code Cluster.Status} report: members, keyspaces and every shard's leader. */
public record ClusterView(String clusterId, String answeredBy, String metadataLeader,
    java.util.Map<String, String> metadataVoters, List<MemberView> members, List<Keyspace> keyspaces,
    List<ShardView> shards) {

  /** A member and whether the answering node heard from it just now. */
  public record MemberView(String nodeId, String clientAddress, String peerAddress, boolean live) {}

  /** A shard: {@code leader} is empty when unknown; {@code revision} is 0 when unknown. */
  public record ShardView(String keyspace, int shard, String groupId, List<String> replicas, String leader,
      long revision) {}
}
