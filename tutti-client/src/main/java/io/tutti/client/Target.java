package io.tutti.client;

/** What a request is about, which decides where the client sends it first. */
sealed interface Target {
  /** One key: the leader of the shard that owns it. */
  record Key(String keyspace, byte[] key) implements Target {}

  /**
   * One key, for a read below linearizable: any replica of its shard may answer, so {@code spread} picks which one
   * comes first (rotating over the replicas shares the load); the leader is tried after a replica that failed.
   */
  record Replica(String keyspace, byte[] key, int spread) implements Target {}

  /** The cluster metadata (keyspace changes): the metadata group's leader. */
  record Metadata() implements Target {}

  /** Any node (scans over all shards, cluster status); {@code spread} rotates the start to share load. */
  record Any(int spread) implements Target {}
}
