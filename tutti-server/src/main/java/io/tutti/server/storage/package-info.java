/**
 * Persistent state of a node. One RocksDB per node ({@link io.tutti.server.storage.NodeStore}) holds every shard
 * replica's data under its group id ({@link io.tutti.server.storage.ShardStore}); writes skip RocksDB's WAL because
 * the Raft log already is one, and each apply stores its applied index in the same atomic batch.
 * {@link io.tutti.server.storage.SnapshotFiles} writes snapshots atomically: temp file, fsync, rename, fsync directory.
 */
package io.tutti.server.storage;
