/**
 * Where data lives: {@link io.tutti.core.placement.Sharding} maps a key to a hash shard of its keyspace (a fixed hash,
 * shared by server and client so that the client can route), and {@link io.tutti.core.placement.Placement} chooses
 * which nodes hold each shard's replicas and which one should lead, balancing replicas and leaders across nodes.
 */
package io.tutti.core.placement;
