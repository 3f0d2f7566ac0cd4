package io.tutti.client;

import io.tutti.core.placement.Sharding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * An immutable snapshot of the cluster, as far as routing needs it: member id to client address, keyspace to shard
 * count, and (keyspace, shard) to leader and replicas. Pure: it turns a {@link Target} into the endpoints to try, in
 * order, and never does I/O. An empty map (no status fetched yet) routes everything to the seed endpoints.
 */
final class ClusterMap {
  static final ClusterMap EMPTY = new ClusterMap(Map.of(), Map.of(), Map.of(), Map.of(), "");

  private record ShardKey(String keyspace, int shard) {}

  private record ShardRoute(String leader, List<String> replicas) {}

  private final Map<String, String> clientAddresses; // node id -> host:port
  private final Map<String, Boolean> live;           // node id -> live as seen by the answering node
  private final Map<String, Integer> shardCounts;    // keyspace -> shards (> 0)
  private final Map<ShardKey, ShardRoute> shards;
  private final String metadataLeader;

  private ClusterMap(Map<String, String> clientAddresses, Map<String, Boolean> live, Map<String, Integer> shardCounts,
      Map<ShardKey, ShardRoute> shards, String metadataLeader) {
    this.clientAddresses = clientAddresses;
    this.live = live;
    this.shardCounts = shardCounts;
    this.shards = shards;
    this.metadataLeader = metadataLeader;
  }

  static ClusterMap from(ClusterInfo info) {
    Map<String, String> addresses = new HashMap<>();
    Map<String, Boolean> live = new HashMap<>();
    for (ClusterInfo.Member member : info.members()) {
      if (!member.clientAddress().isEmpty()) {
        addresses.put(member.nodeId(), member.clientAddress());
        live.put(member.nodeId(), member.live());
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    for (KeyspaceInfo keyspace : info.keyspaces()) {
      if (keyspace.shards() > 0) {
        counts.put(keyspace.name(), keyspace.shards());
      }
    }
    Map<ShardKey, ShardRoute> shards = new HashMap<>();
    for (ClusterInfo.Shard shard : info.shards()) {
      shards.put(new ShardKey(shard.keyspace(), shard.shard()), new ShardRoute(shard.leader(), shard.replicas()));
    }
    return new ClusterMap(Map.copyOf(addresses), Map.copyOf(live), Map.copyOf(counts), Map.copyOf(shards),
        info.metadataLeader());
  }

  boolean isEmpty() {
    return clientAddresses.isEmpty();
  }

  /** The node id of the leader of the shard that owns {@code key}, or empty when unknown. */
  String leaderOf(String keyspace, byte[] key) {
    ShardRoute route = route(keyspace, key);
    return route == null ? "" : route.leader();
  }

  /** The client address of every member, in no particular order. */
  Collection<String> memberAddresses() {
    return clientAddresses.values();
  }

  /**
   * The endpoints to try for {@code target}, best first, without duplicates: the owner (shard leader or metadata
   * leader) when known, then the shard's other replicas, then live members, then the seed endpoints, then members
   * reported not live. Every node serves every request (it forwards), so any of them is correct; the order only
   * saves hops.
   */
  List<String> candidates(Target target, List<String> seeds) {
    SequencedSet<String> out = new LinkedHashSet<>();
    switch (target) {
      case Target.Key key -> {
        ShardRoute route = route(key.keyspace(), key.key());
        if (route != null) {
          addMember(out, route.leader());
          route.replicas().forEach(id -> addMember(out, id));
        }
      }
      case Target.Replica replica -> {
        ShardRoute route = route(replica.keyspace(), replica.key());
        if (route != null && !route.replicas().isEmpty()) {
          List<String> replicas = new ArrayList<>(route.replicas());
          java.util.Collections.rotate(replicas, -Math.floorMod(replica.spread(), replicas.size()));
          replicas.forEach(id -> addMember(out, id));
        }
      }
      case Target.Metadata metadata -> addMember(out, metadataLeader);
      case Target.Any any -> { }
    }
    List<String> liveMembers = new ArrayList<>();
    clientAddresses.forEach((id, address) -> {
      if (live.getOrDefault(id, false)) {
        liveMembers.add(address);
      }
    });
    liveMembers.sort(null);
    List<String> rest = new ArrayList<>(liveMembers);
    seeds.forEach(rest::add);
    clientAddresses.values().stream().sorted().forEach(rest::add);
    List<String> tail = new ArrayList<>(new LinkedHashSet<>(rest));
    tail.removeAll(out);
    if (target instanceof Target.Any any && !tail.isEmpty()) {
      java.util.Collections.rotate(tail, -Math.floorMod(any.spread(), tail.size()));
    }
    out.addAll(tail);
    return List.copyOf(out);
  }

  private void addMember(SequencedSet<String> out, String nodeId) {
    String address = nodeId == null || nodeId.isEmpty() ? null : clientAddresses.get(nodeId);
    if (address != null && live.getOrDefault(nodeId, true)) {
      out.add(address);
    }
  }

  private ShardRoute route(String keyspace, byte[] key) {
    Integer count = shardCounts.get(keyspace);
    return count == null ? null : shards.get(new ShardKey(keyspace, Sharding.shardOf(key, count)));
  }

  /**
   * Chooses the endpoint for the next attempt: the first candidate not yet tried in this request whose circuit lets
   * a request through; else the first untried one; else the one that failed longest ago. {@code failed} is ordered
   * oldest failure first. Never returns null when {@code candidates} is not empty.
   */
  static String pick(List<String> candidates, SequencedSet<String> failed, java.util.function.Predicate<String> open) {
    for (String candidate : candidates) {
      if (!failed.contains(candidate) && open.test(candidate)) {
        return candidate;
      }
    }
    for (String candidate : candidates) {
      if (!failed.contains(candidate)) {
        return candidate;
      }
    }
    for (String candidate : failed) {
      if (candidates.contains(candidate)) {
        return candidate;
      }
    }
    return candidates.isEmpty() ? null : candidates.getFirst();
  }
}
