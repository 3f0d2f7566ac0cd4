package io.tutti.core.meta;

import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the metadata group agrees on: the cluster id, its members, its keyspaces with their shard placement, and
 * whether the cluster has been bootstrapped (its {@code default} keyspace created once), and the group ids of
 * dropped keyspaces' shards ({@code retiredGroups}), which nodes remove from their disks. Immutable.
 */
public record ClusterState(String clusterId, SortedMap<String, Member> members,
    SortedMap<String, Keyspace> keyspaces, boolean bootstrapped, SortedSet<String> retiredGroups) {
  public ClusterState {
    members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    keyspaces = Collections.unmodifiableSortedMap(new TreeMap<>(keyspaces));
    retiredGroups = Collections.unmodifiableSortedSet(new TreeSet<>(retiredGroups));
  }

  public static ClusterState empty(String clusterId) {
    return new ClusterState(clusterId, new TreeMap<>(), new TreeMap<>(), false, new TreeSet<>());
  }

  ClusterState withMember(Member member) {
    TreeMap<String, Member> next = new TreeMap<>(members);
    next.put(member.nodeId(), member);
    return new ClusterState(clusterId, next, keyspaces, bootstrapped, retiredGroups);
  }

  ClusterState withKeyspace(Keyspace keyspace) {
    TreeMap<String, Keyspace> next = new TreeMap<>(keyspaces);
    next.put(keyspace.name(), keyspace);
    return new ClusterState(clusterId, members, next, bootstrapped, retiredGroups);
  }

  ClusterState withoutKeyspace(String name) {
    TreeMap<String, Keyspace> next = new TreeMap<>(keyspaces);
    Keyspace removed = next.remove(name);
    TreeSet<String> retired = new TreeSet<>(retiredGroups);
    if (removed != null) {
      removed.placement().forEach(shard -> retired.add(shard.groupId()));
    }
    return new ClusterState(clusterId, members, next, bootstrapped, retired);
  }

  ClusterState markBootstrapped() {
    return new ClusterState(clusterId, members, keyspaces, true, retiredGroups);
  }
}
