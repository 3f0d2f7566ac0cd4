package io.tutti.core.meta;

import io.tutti.core.check.Check;
import io.tutti.core.error.ErrorCode;
import io.tutti.core.error.TuttiException;
import io.tutti.core.limits.Limits;
import io.tutti.core.placement.Placement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The metadata group's state machine: members, keyspaces and shard placement. Deterministic; the caller feeds it
 * committed commands in log order and persists {@link #state()} in snapshots.
 */
public final class MetaStateMachine {
  private final Limits limits;
  private ClusterState state;
  // Invariant: appliedIndex only grows.
  private long appliedIndex;

  public MetaStateMachine(ClusterState state, long appliedIndex, Limits limits) {
    this.state = state;
    this.appliedIndex = appliedIndex;
    this.limits = limits;
  }

  public ClusterState state() {
    return state;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  /** Records that entry {@code index} carried no metadata command (configuration change, leader's empty entry). */
  public void skip(long index) {
    Check.state(index > appliedIndex, "skip index %d <= applied index %d", index, appliedIndex);
    appliedIndex = index;
  }

  public MetaResult apply(MetaCommand command, long index, long timestampMs) {
    Check.state(index > appliedIndex, "apply index %d <= applied index %d", index, appliedIndex);
    appliedIndex = index;
    try {
      state = switch (command) {
        case MetaCommand.RegisterMember register -> state.withMember(register.member());
        case MetaCommand.CreateKeyspace create -> createKeyspace(create, index);
        case MetaCommand.DropKeyspace drop -> dropKeyspace(drop);
        case MetaCommand.Bootstrap bootstrap -> bootstrap(bootstrap, index);
      };
      return new MetaResult.Done(state);
    } catch (TuttiException e) {
      return new MetaResult.Rejected(e.code(), e.getMessage());
    }
  }

  private ClusterState bootstrap(MetaCommand.Bootstrap bootstrap, long index) {
    if (state.bootstrapped()) {
      return state;
    }
    ClusterState next = state.keyspaces().containsKey(Keyspace.DEFAULT) ? state : createKeyspace(
        new MetaCommand.CreateKeyspace(Keyspace.DEFAULT, Keyspace.MODE_CP, bootstrap.defaultShards(),
            bootstrap.defaultReplicas(), true), index);
    return next.markBootstrapped();
  }

  private ClusterState createKeyspace(MetaCommand.CreateKeyspace create, long index) {
    Limits.checkKeyspaceName(create.name());
    if (Keyspace.MODE_AP.equals(create.mode())) {
      throw new TuttiException(ErrorCode.NOT_SUPPORTED,
          "mode 'ap' is not supported yet: only 'cp' keyspaces can be created in this version");
    }
    if (!Keyspace.MODE_CP.equals(create.mode())) {
      throw TuttiException.of(ErrorCode.INVALID_ARGUMENT, "mode must be 'cp' or 'ap', got '%s'", create.mode());
    }
    limits.checkShards(create.shards());
    limits.checkReplicas(create.replicas());
    Keyspace existing = state.keyspaces().get(create.name());
    if (existing != null) {
      if (create.ifAbsent()) {
        return state;
      }
      throw TuttiException.of(ErrorCode.ALREADY_EXISTS, "keyspace '%s' already exists", create.name());
    }
    List<String> nodes = new ArrayList<>(state.members().keySet());
    if (nodes.isEmpty()) {
      throw new TuttiException(ErrorCode.UNAVAILABLE, "the cluster has no registered members yet");
    }
    int replicas = Math.min(create.replicas(), nodes.size());
    List<List<String>> chosen = Placement.place(nodes, currentLoad(), create.shards(), replicas);
    List<ShardPlacement> placement = new ArrayList<>(chosen.size());
    for (int shard = 0; shard < chosen.size(); shard++) {
      placement.add(new ShardPlacement(shard, groupId(create.name(), index, shard), chosen.get(shard)));
    }
    return state.withKeyspace(
        new Keyspace(create.name(), create.mode(), create.shards(), replicas, index, placement));
  }

  private ClusterState dropKeyspace(MetaCommand.DropKeyspace drop) {
    if (!state.keyspaces().containsKey(drop.name())) {
      throw TuttiException.of(ErrorCode.NOT_FOUND, "keyspace '%s' does not exist", drop.name());
    }
    return state.withoutKeyspace(drop.name());
  }

  private Map<String, Placement.Load> currentLoad() {
    Map<String, int[]> counts = new HashMap<>();
    for (Keyspace keyspace : state.keyspaces().values()) {
      for (ShardPlacement shard : keyspace.placement()) {
        for (String node : shard.replicas()) {
          counts.computeIfAbsent(node, n -> new int[2])[0]++;
        }
        counts.computeIfAbsent(shard.preferredLeader(), n -> new int[2])[1]++;
      }
    }
    Map<String, Placement.Load> load = new HashMap<>();
    counts.forEach((node, c) -> load.put(node, new Placement.Load(c[0], c[1])));
    return load;
  }

  /** The Raft group id of a shard: a name-based UUID, unique per cluster, keyspace incarnation and shard. */
  public String groupId(String keyspace, long createdIndex, int shard) {
    String name = state.clusterId() + "/" + keyspace + "/" + createdIndex + "/" + shard;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
