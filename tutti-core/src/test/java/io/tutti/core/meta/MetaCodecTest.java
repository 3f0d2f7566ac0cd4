package io.tutti.core.meta;

import io.tutti.core.TestArbitraries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tutti.core.codec.ByteReader;
import io.tutti.core.codec.ByteWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@link MetaCodec}: metadata commands and whole cluster states (snapshots) round-trip; damage is rejected. */
class MetaCodecTest {
  /** Text that survives UTF-8: no unpaired surrogates. */
  private static Arbitrary<String> strings() {
    return Arbitraries.strings().alpha().numeric().withChars("-_/:.é€中").ofMaxLength(16);
  }

  private static Arbitrary<Integer> counts() {
    return Arbitraries.integers().greaterOrEqual(0);
  }

  private static Arbitrary<Member> members() {
    return Combinators.combine(strings(), strings(), strings()).as(Member::new);
  }

  @Provide
  Arbitrary<MetaCommand> commands() {
    return Arbitraries.oneOf(
        members().map(MetaCommand.RegisterMember::new),
        Combinators.combine(strings(), strings(), counts(), counts(), Arbitraries.of(true, false))
            .as(MetaCommand.CreateKeyspace::new),
        strings().map(MetaCommand.DropKeyspace::new),
        Combinators.combine(counts(), counts()).as(MetaCommand.Bootstrap::new));
  }

  @Provide
  Arbitrary<ClusterState> states() {
    Arbitrary<ShardPlacement> shards = Combinators.combine(counts(), strings(), strings().list().ofMaxSize(5))
        .as(ShardPlacement::new);
    Arbitrary<Keyspace> keyspaces = Combinators.combine(strings(), strings(), counts(), counts(),
        Arbitraries.longs().greaterOrEqual(0), shards.list().ofMaxSize(4)).as(Keyspace::new);
    Arbitrary<Map<String, Member>> memberMaps = members().list().ofMaxSize(5)
        .map(list -> list.stream().collect(Collectors.toMap(Member::nodeId, Function.identity(), (a, b) -> b)));
    Arbitrary<Map<String, Keyspace>> keyspaceMaps = keyspaces.list().ofMaxSize(3)
        .map(list -> list.stream().collect(Collectors.toMap(Keyspace::name, Function.identity(), (a, b) -> b)));
    return Combinators.combine(strings(), memberMaps, keyspaceMaps, Arbitraries.of(true, false),
        strings().set().ofMaxSize(4)).as((id, memberMap, keyspaceMap, bootstrapped, retired) ->
            new ClusterState(id, new TreeMap<>(memberMap), new TreeMap<>(keyspaceMap), bootstrapped,
                new TreeSet<>(retired)));
  }

  @Property(tries = 300)
  void commandsRoundTrip(@ForAll("commands") MetaCommand command) {
    assertThat(MetaCodec.decodeCommand(MetaCodec.encodeCommand(command))).isEqualTo(command);
  }

  @Property(tries = 200)
  void everyStrictPrefixOfACommandIsRejectedAndSoAreTrailingBytes(@ForAll("commands") MetaCommand command,
      @ForAll("trailing") byte[] extra) {
    byte[] bytes = MetaCodec.encodeCommand(command);
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> MetaCodec.decodeCommand(prefix)).as("prefix of %d bytes", length)
          .isInstanceOf(ByteReader.MalformedException.class);
    }
    byte[] longer = new ByteWriter(0).writeRaw(bytes).writeRaw(extra).toByteArray();
    assertThatThrownBy(() -> MetaCodec.decodeCommand(longer)).isInstanceOf(ByteReader.MalformedException.class);
  }

  @Property(tries = 300)
  void clusterStatesRoundTrip(@ForAll("states") ClusterState state) {
    assertThat(MetaCodec.decodeState(MetaCodec.encodeState(state))).isEqualTo(state);
  }

  @Property(tries = 100)
  void everyStrictPrefixOfAClusterStateIsRejectedAndSoAreTrailingBytes(@ForAll("states") ClusterState state,
      @ForAll("trailing") byte[] extra) {
    byte[] bytes = MetaCodec.encodeState(state);
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> MetaCodec.decodeState(prefix)).as("prefix of %d bytes", length)
          .isInstanceOf(ByteReader.MalformedException.class);
    }
    byte[] longer = new ByteWriter(0).writeRaw(bytes).writeRaw(extra).toByteArray();
    assertThatThrownBy(() -> MetaCodec.decodeState(longer)).isInstanceOf(ByteReader.MalformedException.class);
  }

  @Test
  void unknownTagsAndFormatsAreRejected() {
    assertThatThrownBy(() -> MetaCodec.decodeCommand(new byte[] {9}))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("tag 9");
    byte[] state = MetaCodec.encodeState(ClusterState.empty("c"));
    state[0] = 2;
    assertThatThrownBy(() -> MetaCodec.decodeState(state))
        .isInstanceOf(ByteReader.MalformedException.class).hasMessageContaining("format 2");
  }

  @Test
  void aStateBuiltByTheStateMachineRoundTrips() {
    MetaStateMachine machine = new MetaStateMachine(ClusterState.empty("cluster-1"), 0,
        io.tutti.core.limits.Limits.defaults());
    long index = 0;
    for (String node : List.of("n1", "n2", "n3")) {
      machine.apply(new MetaCommand.RegisterMember(new Member(node, node + ":7101", node + ":7201")), ++index, 0);
    }
    machine.apply(new MetaCommand.Bootstrap(4, 3), ++index, 0);
    machine.apply(new MetaCommand.CreateKeyspace("orders", "cp", 3, 2, false), ++index, 0);
    machine.apply(new MetaCommand.DropKeyspace("default"), ++index, 0);

    assertThat(MetaCodec.decodeState(MetaCodec.encodeState(machine.state()))).isEqualTo(machine.state());
  }

  @Provide
  Arbitrary<byte[]> trailing() {
    return TestArbitraries.bytes(1, 4);
  }
}
