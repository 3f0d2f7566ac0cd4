package io.tutti.core.meta;

import java.util.List;

/** One shard of a keyspace: its Raft group and its replicas; the first replica is the preferred leader. */
public record ShardPlacement(int shard, String groupId, List<String> replicas) {
  public ShardPlacement {
    replicas = List.copyOf(replicas);
  }

  public String preferredLeader() {
    return replicas.get(0);
  }
}
