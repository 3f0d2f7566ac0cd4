package io.tutti.client;

/** A keyspace: its name, CAP mode ({@code cp} or {@code ap}), number of hash shards and replicas per shard. */
public record KeyspaceInfo(String name, String mode, int shards, int replicas) {
  static KeyspaceInfo fromProto(io.tutti.proto.v1.KeyspaceInfo info) {
    return new KeyspaceInfo(info.getName(), info.getMode(), info.getShards(), info.getReplicas());
  }
}
