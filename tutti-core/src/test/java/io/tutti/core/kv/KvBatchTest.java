package io.tutti.core.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link KvStateMachine#applyBatch}: a batch of commands on distinct keys does what the same commands applied one
 * entry each would do, except that every write of the batch gets the batch's index as its version; and the codec
 * round-trips batches and result lists.
 */
class KvBatchTest {
  private static final long TIME_MS = 1_700_000_000_000L;
  private static final int KEYS = 6;

  record Cmd(boolean put, int key, int condition, long expectedVersion, int client, int value) {}

  @Provide
  Arbitrary<List<Cmd>> commands() {
    Arbitrary<Cmd> cmd = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, KEYS - 1),
        Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1, 12),
        Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 99)).as(Cmd::new);
    return cmd.list().ofMinSize(1).ofMaxSize(30);
  }

  private static KvCommand command(Cmd c, long sequence) {
    byte[] key = ("k" + c.key()).getBytes(StandardCharsets.UTF_8);
    Condition condition = switch (c.condition()) {
      case 0 -> Condition.ALWAYS;
      case 1 -> Condition.ABSENT;
      default -> new Condition.VersionEquals(c.expectedVersion());
    };
    RequestId id = new RequestId(7, c.client(), sequence);
    return c.put() ? new KvCommand.Put(key, ("v" + c.value()).getBytes(StandardCharsets.UTF_8), condition, id)
        : new KvCommand.Delete(key, condition, id);
  }

  /** A result with the batch-dependent figures (the version and revision a write got) left out. */
  private static String shape(KvResult result) {
    return switch (result) {
      case KvResult.Written written -> "written";
      case KvResult.Deleted deleted -> "deleted existed=" + deleted.existed();
      case KvResult.ConditionFailed failed -> "condition failed current=" + failed.currentVersion();
      case KvResult.Retired retired -> "retired";
    };
  }

  @Property(tries = 300, seed = "20261124")
  void aBatchOnDistinctKeysActsLikeItsCommandsOneByOne(@ForAll("commands") List<Cmd> history,
      @ForAll("commands") List<Cmd> batchCandidates) {
    // The same history on two shards, then the batch: one entry on shard A, one entry per command on shard B.
    InMemoryShard a = new InMemoryShard();
    InMemoryShard b = new InMemoryShard();
    KvStateMachine machineA = new KvStateMachine(0, TIME_MS);
    KvStateMachine machineB = new KvStateMachine(0, TIME_MS);
    long index = 0;
    long sequence = 0;
    for (Cmd c : history) {
      KvCommand command = command(c, ++sequence);
      index++;
      a.apply(machineA, command, index, TIME_MS);
      b.apply(machineB, command, index, TIME_MS);
    }
    List<KvCommand> batch = new ArrayList<>();
    Set<Integer> keys = new HashSet<>();
    for (Cmd c : batchCandidates) {
      if (keys.add(c.key())) {
        batch.add(command(c, ++sequence));
      }
    }
    long batchIndex = index + 1;
    KvStateMachine.BatchApplied applied = machineA.applyBatch(batch, batchIndex, TIME_MS, a);
    a.persist(applied.writes());
    List<String> oneByOne = new ArrayList<>();
    for (KvCommand command : batch) {
      oneByOne.add(shape(b.apply(machineB, command, ++index, TIME_MS).result()));
    }

    assertThat(applied.results()).hasSize(batch.size());
    assertThat(applied.results().stream().map(KvBatchTest::shape).toList()).isEqualTo(oneByOne);
    assertThat(a.entries.keySet()).containsExactlyElementsOf(b.entries.keySet());
    for (byte[] key : a.entries.keySet()) {
      assertThat(a.entries.get(key).value()).isEqualTo(b.entries.get(key).value());
    }
    for (int i = 0; i < batch.size(); i++) {
      if (applied.results().get(i) instanceof KvResult.Written written) {
        assertThat(written.version()).isEqualTo(batchIndex);
        assertThat(a.entries.get(batch.get(i).key()).version()).isEqualTo(batchIndex);
      }
    }
    assertThat(machineA.appliedIndex()).isEqualTo(batchIndex);
  }

  @Test
  void aCommandSeesTheWritesOfTheCommandsBeforeItInItsBatch() {
    InMemoryShard shard = new InMemoryShard();
    KvStateMachine machine = new KvStateMachine(0, TIME_MS);
    byte[] key = "k".getBytes(StandardCharsets.UTF_8);
    RequestId first = new RequestId(1, 1, 1);
    List<KvCommand> batch = List.of(
        new KvCommand.Put(key, "a".getBytes(StandardCharsets.UTF_8), Condition.ABSENT, first),
        new KvCommand.Put(key, "a".getBytes(StandardCharsets.UTF_8), Condition.ABSENT, first), // a retry
        new KvCommand.Put(key, "b".getBytes(StandardCharsets.UTF_8), Condition.ABSENT, new RequestId(1, 1, 2)),
        new KvCommand.Delete(key, new Condition.VersionEquals(5), new RequestId(1, 1, 3)),
        new KvCommand.Put(key, "c".getBytes(StandardCharsets.UTF_8), Condition.ABSENT, new RequestId(1, 1, 4)));

    KvStateMachine.BatchApplied applied = machine.applyBatch(batch, 5, TIME_MS, shard);
    shard.persist(applied.writes());

    assertThat(applied.results()).containsExactly(new KvResult.Written(5, 5), new KvResult.Written(5, 5),
        new KvResult.ConditionFailed(5, 5), new KvResult.Deleted(true, 5), new KvResult.Written(5, 5));
    assertThat(new String(shard.get(key).value(), StandardCharsets.UTF_8)).isEqualTo("c");
  }

  @Test
  void batchesAndResultListsRoundTrip() {
    List<KvCommand> commands = List.of(
        new KvCommand.Put("x".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2}, Condition.ALWAYS,
            new RequestId(1, 2, 3)),
        new KvCommand.Delete("y".getBytes(StandardCharsets.UTF_8), new Condition.VersionEquals(9),
            new RequestId(4, 5, 6)));
    byte[] encoded = KvCodec.encodeBatch(commands.stream().map(KvCodec::encodeCommand).toList());

    assertThat(KvCodec.isBatch(encoded)).isTrue();
    assertThat(KvCodec.isBatch(KvCodec.encodeCommand(commands.get(0)))).isFalse();
    List<KvCommand> decoded = KvCodec.decodeBatch(encoded);
    assertThat(decoded).hasSize(2);
    assertThat(KvCodec.encodeCommand(decoded.get(0))).isEqualTo(KvCodec.encodeCommand(commands.get(0)));
    assertThat(KvCodec.encodeCommand(decoded.get(1))).isEqualTo(KvCodec.encodeCommand(commands.get(1)));

    List<KvResult> results = List.of(new KvResult.Written(3, 3), new KvResult.Deleted(false, 3),
        new KvResult.ConditionFailed(2, 3));
    assertThat(KvCodec.decodeResults(KvCodec.encodeResults(results))).isEqualTo(results);
  }

  @Test
  void aBatchRefusesARetireAndTruncation() {
    byte[] retire = KvCodec.encodeCommand(new KvCommand.Retire(new RequestId(1, 1, 1)));
    byte[] batch = KvCodec.encodeBatch(List.of(retire));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KvCodec.decodeBatch(batch))
        .hasMessageContaining("retire inside a batch");
    byte[] good = KvCodec.encodeBatch(List.of(KvCodec.encodeCommand(new KvCommand.Put(new byte[] {1}, new byte[0],
        Condition.ALWAYS, new RequestId(1, 1, 2)))));
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> KvCodec.decodeBatch(truncated))
        .isInstanceOf(io.tutti.core.codec.ByteReader.MalformedException.class);
  }
}
