package io.tutti.core.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.error.ErrorCode;
import io.tutti.core.limits.Limits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link MetaStateMachine}: bootstrap, keyspace creation and drop, as the metadata group applies them. */
class MetaStateMachineTest {
  private final MetaStateMachine machine = new MetaStateMachine(ClusterState.empty("cluster-1"), 0, Limits.defaults());
  private long index;

  private MetaResult apply(MetaCommand command) {
    return machine.apply(command, ++index, 1_000 * index);
  }

  private void register(String... nodes) {
    for (String node : nodes) {
      assertThat(apply(new MetaCommand.RegisterMember(new Member(node, node + ":7101", node + ":7201"))))
          .isInstanceOf(MetaResult.Done.class);
    }
  }

  private MetaResult create(String name, String mode, int shards, int replicas, boolean ifAbsent) {
    return apply(new MetaCommand.CreateKeyspace(name, mode, shards, replicas, ifAbsent));
  }

  private static Set<String> groupIds(Keyspace keyspace) {
    Set<String> ids = new HashSet<>();
    keyspace.placement().forEach(shard -> ids.add(shard.groupId()));
    return ids;
  }

  @Test
  void bootstrapCreatesTheDefaultKeyspaceOnceAndNeverAgainEvenAfterItIsDropped() {
    register("n1", "n2", "n3");

    assertThat(apply(new MetaCommand.Bootstrap(4, 3))).isInstanceOf(MetaResult.Done.class);
    Keyspace created = machine.state().keyspaces().get(Keyspace.DEFAULT);
    assertThat(created).isNotNull();
    assertThat(created.mode()).isEqualTo(Keyspace.MODE_CP);
    assertThat(created.shards()).isEqualTo(4);
    assertThat(created.placement()).hasSize(4).allSatisfy(shard -> assertThat(shard.replicas()).hasSize(3));
    assertThat(machine.state().bootstrapped()).isTrue();

    ClusterState afterFirst = machine.state();
    apply(new MetaCommand.Bootstrap(8, 1));
    assertThat(machine.state()).isEqualTo(afterFirst);

    apply(new MetaCommand.DropKeyspace(Keyspace.DEFAULT));
    assertThat(apply(new MetaCommand.Bootstrap(4, 3))).isInstanceOf(MetaResult.Done.class);
    assertThat(machine.state().keyspaces()).doesNotContainKey(Keyspace.DEFAULT);
  }

  @Test
  void bootstrapBeforeAnyMemberIsRejectedAndCanBeRetried() {
    assertThat(apply(new MetaCommand.Bootstrap(4, 3)))
        .isEqualTo(new MetaResult.Rejected(ErrorCode.UNAVAILABLE, "the cluster has no registered members yet"));
    assertThat(machine.state().bootstrapped()).isFalse();

    register("n1");
    apply(new MetaCommand.Bootstrap(4, 3));
    assertThat(machine.state().bootstrapped()).isTrue();
    assertThat(machine.state().keyspaces().get(Keyspace.DEFAULT).replicas()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0} {1} shards={2} replicas={3} -> {4}")
  @CsvSource({
      "Orders,  cp,  1,   1, INVALID_ARGUMENT, Orders",
      "9lives,  cp,  1,   1, INVALID_ARGUMENT, 9lives",
      "orders,  ap,  1,   1, NOT_SUPPORTED,    'ap'",
      "orders,  CP,  1,   1, INVALID_ARGUMENT, 'CP'",
      "orders,  '',  1,   1, INVALID_ARGUMENT, mode",
      "orders,  cp,  0,   1, INVALID_ARGUMENT, got 0",
      "orders,  cp,  257, 1, INVALID_ARGUMENT, got 257",
      "orders,  cp,  1,   0, INVALID_ARGUMENT, got 0",
      "orders,  cp,  1,   6, INVALID_ARGUMENT, got 6"})
  void anInvalidCreateIsRejectedWithACodeAndAMessageNamingTheOffenderAndChangesNothing(String name, String mode,
      int shards, int replicas, ErrorCode code, String named) {
    register("n1", "n2", "n3");
    ClusterState before = machine.state();

    MetaResult result = create(name, mode, shards, replicas, false);

    assertThat(result).isInstanceOfSatisfying(MetaResult.Rejected.class, rejected -> {
      assertThat(rejected.code()).isEqualTo(code);
      assertThat(rejected.message()).contains(named);
    });
    assertThat(machine.state()).isEqualTo(before);
    assertThat(machine.appliedIndex()).isEqualTo(index);
  }

  @Test
  void replicasAreCappedByTheNumberOfMembers() {
    register("n1", "n2");

    create("orders", "cp", 3, 5, false);

    Keyspace orders = machine.state().keyspaces().get("orders");
    assertThat(orders.replicas()).isEqualTo(2);
    assertThat(orders.placement()).allSatisfy(shard -> assertThat(shard.replicas()).containsExactlyInAnyOrder("n1", "n2"));
  }

  @Test
  void creatingAnExistingKeyspaceIsRejectedUnlessIfAbsent() {
    register("n1", "n2", "n3");
    create("orders", "cp", 3, 3, false);
    ClusterState before = machine.state();

    assertThat(create("orders", "cp", 3, 3, false)).isInstanceOfSatisfying(MetaResult.Rejected.class,
        rejected -> assertThat(rejected.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
    assertThat(create("orders", "cp", 5, 1, true)).isEqualTo(new MetaResult.Done(before));
    assertThat(machine.state().keyspaces().get("orders").shards()).isEqualTo(3);
  }

  @Test
  void droppingAnAbsentKeyspaceIsNotFound() {
    assertThat(apply(new MetaCommand.DropKeyspace("nothing")))
        .isEqualTo(new MetaResult.Rejected(ErrorCode.NOT_FOUND, "keyspace 'nothing' does not exist"));
  }

  @Test
  void droppingAKeyspaceRetiresItsGroupsAndARecreatedKeyspaceGetsNewGroups() {
    register("n1", "n2", "n3");
    create("orders", "cp", 3, 3, false);
    create("users", "cp", 2, 3, false);
    Set<String> firstGroups = groupIds(machine.state().keyspaces().get("orders"));

    apply(new MetaCommand.DropKeyspace("orders"));

    assertThat(machine.state().keyspaces()).doesNotContainKey("orders");
    assertThat(machine.state().retiredGroups()).containsExactlyInAnyOrderElementsOf(firstGroups);
    create("orders", "cp", 3, 3, false);
    Set<String> secondGroups = groupIds(machine.state().keyspaces().get("orders"));
    assertThat(secondGroups).hasSize(3).doesNotContainAnyElementsOf(firstGroups)
        .doesNotContainAnyElementsOf(groupIds(machine.state().keyspaces().get("users")));
  }

  @Test
  void aMemberThatRegistersAgainKeepsItsIdentityWithItsNewAddresses() {
    register("n1");
    apply(new MetaCommand.RegisterMember(new Member("n1", "10.0.0.1:7101", "10.0.0.1:7201")));
    assertThat(machine.state().members()).containsOnlyKeys("n1");
    assertThat(machine.state().members().get("n1").clientAddress()).isEqualTo("10.0.0.1:7101");
  }

  @Test
  void applyingAnIndexNotAboveTheAppliedIndexIsABrokenInvariant() {
    register("n1");
    assertThatThrownBy(() -> machine.apply(new MetaCommand.DropKeyspace("x"), index, 0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("apply index " + index);
    assertThatThrownBy(() -> machine.skip(index - 1)).isInstanceOf(IllegalStateException.class);
    machine.skip(index + 1);
    assertThat(machine.appliedIndex()).isEqualTo(index + 1);
  }

  // ------------------------------------------------------------------ random histories

  @Provide
  Arbitrary<List<MetaCommand>> histories() {
    Arbitrary<String> names = Arbitraries.of("default", "orders", "users", "Bad");
    Arbitrary<MetaCommand> command = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.of("n1", "n2", "n3", "n4", "n5")
            .map(n -> new MetaCommand.RegisterMember(new Member(n, n + ":1", n + ":2")))),
        net.jqwik.api.Tuple.of(4, Combinators.combine(names, Arbitraries.of("cp", "ap"),
            Arbitraries.integers().between(0, 8), Arbitraries.integers().between(0, 6), Arbitraries.of(true, false))
            .as(MetaCommand.CreateKeyspace::new)),
        net.jqwik.api.Tuple.of(2, names.map(MetaCommand.DropKeyspace::new)),
        net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 3)).as(MetaCommand.Bootstrap::new)));
    return command.list().ofMaxSize(40);
  }

  @Property(tries = 200)
  void placementStaysValidAndGroupIdsAreNeverReused(@ForAll("histories") List<MetaCommand> history) {
    Set<String> everSeenGroups = new HashSet<>();
    TreeSet<String> retired = new TreeSet<>();
    boolean bootstrapped = false;
    for (MetaCommand command : history) {
      apply(command);
      ClusterState state = machine.state();
      assertThat(state.retiredGroups()).as("retired groups only grow").containsAll(retired);
      retired = new TreeSet<>(state.retiredGroups());
      assertThat(!bootstrapped || state.bootstrapped()).as("bootstrapped stays").isTrue();
      bootstrapped = state.bootstrapped();
      for (Keyspace keyspace : state.keyspaces().values()) {
        assertThat(keyspace.placement()).hasSize(keyspace.shards());
        assertThat(keyspace.replicas()).isBetween(1, state.members().size());
        for (int shard = 0; shard < keyspace.shards(); shard++) {
          ShardPlacement placement = keyspace.placement().get(shard);
          assertThat(placement.shard()).isEqualTo(shard);
          assertThat(placement.replicas()).hasSize(keyspace.replicas()).doesNotHaveDuplicates();
          assertThat(state.members().keySet()).containsAll(placement.replicas());
          assertThat(retired).doesNotContain(placement.groupId());
          everSeenGroups.add(placement.groupId());
        }
      }
      long live = state.keyspaces().values().stream().mapToLong(k -> k.placement().size()).sum();
      assertThat(everSeenGroups).as("every group id ever handed out is live or retired, never both or reused")
          .hasSize((int) live + (int) everSeenGroups.stream().filter(retired::contains).count());
    }
  }
}
