/**
 * Cluster metadata, replicated by the metadata Raft group: members and their addresses, keyspaces and the placement
 * of their shards. {@link io.tutti.core.meta.MetaStateMachine} applies {@link io.tutti.core.meta.MetaCommand}s in log
 * order and is the only place that changes {@link io.tutti.core.meta.ClusterState}. Nodes watch the state and start or
 * stop the shard groups that placement assigns to them.
 */
package io.tutti.core.meta;
