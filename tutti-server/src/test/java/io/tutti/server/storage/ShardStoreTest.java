package io.tutti.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.core.kv.Condition;
import io.tutti.core.kv.KvCommand;
import io.tutti.core.kv.KvEntry;
import io.tutti.core.kv.KvItem;
import io.tutti.core.kv.KvResult;
import io.tutti.core.kv.KvStateMachine;
import io.tutti.core.kv.RequestId;
import io.tutti.core.kv.ScanPage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RocksDB layout of shard replicas, driven through the core state machine as the server drives it. */
class ShardStoreTest {
  @TempDir
  Path dir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void apply(ShardStore store, KvStateMachine machine, KvCommand command, long index)
      throws Exception {
    KvStateMachine.Applied applied = machine.apply(command, index, 1_000 + index, store);
    store.commit(applied.writes(), new AppliedPosition(1, index, machine.timeMs()));
  }

  @Test
  void shardsOfOneNodeDoNotSeeEachOthersKeys() throws Exception {
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore a = node.shard(UUID.randomUUID());
      ShardStore b = node.shard(UUID.randomUUID());
      apply(a, new KvStateMachine(0, 0), new KvCommand.Put(bytes("k"), bytes("in a"), Condition.ALWAYS,
          new RequestId(1, 1, 1)), 1);
      assertThat(a.get(bytes("k")).value()).isEqualTo(bytes("in a"));
      assertThat(b.get(bytes("k"))).isNull();
      assertThat(b.scan(new byte[0], new byte[0], 10, Long.MAX_VALUE).items()).isEmpty();
      b.deleteAll();
      assertThat(a.get(bytes("k"))).isNotNull();
    }
  }

  @Test
  void recordedResultsAreFoundInTheMemtableAndAfterAFlushAndNewRequestIdsAreNot() throws Exception {
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore store = node.shard(UUID.randomUUID());
      KvStateMachine machine = new KvStateMachine(0, 0);
      RequestId first = new RequestId(1, 1, 1);
      apply(store, machine, new KvCommand.Put(bytes("k"), bytes("v"), Condition.ALWAYS, first), 1);
      long bucket = Math.floorDiv(1_001L, KvStateMachine.DEDUP_BUCKET_MS);
      KvResult recorded = store.appliedResult(bucket, first);
      assertThat(recorded).isInstanceOf(KvResult.Written.class);
      assertThat(store.appliedResult(bucket, new RequestId(1, 1, 2))).isNull();

      node.flush(); // now only in an SST file: keyMayExist cannot hand back the value, the get must
      assertThat(store.appliedResult(bucket, first)).isEqualTo(recorded);
      assertThat(store.appliedResult(bucket, new RequestId(1, 1, 2))).isNull();
      assertThat(store.appliedResult(bucket, new RequestId(2, 2, 1))).isNull();
    }
  }

  @Test
  void appliedPositionAndDataSurviveReopening() throws Exception {
    UUID group = UUID.randomUUID();
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore store = node.shard(group);
      KvStateMachine machine = new KvStateMachine(0, 0);
      apply(store, machine, new KvCommand.Put(bytes("a"), bytes("1"), Condition.ALWAYS, new RequestId(1, 1, 1)), 5);
      apply(store, machine, new KvCommand.Put(bytes("b"), bytes("2"), Condition.ABSENT, new RequestId(1, 1, 2)), 6);
      node.flush();
    }
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore store = node.shard(group);
      assertThat(store.readApplied()).isEqualTo(new AppliedPosition(1, 6, 1_006));
      assertThat(store.get(bytes("b"))).extracting(KvEntry::version).isEqualTo(6L);
      // The dedup record answers a retry of request 2 with its first result, without applying it again.
      KvStateMachine machine = new KvStateMachine(6, 1_006);
      KvStateMachine.Applied retry = machine.apply(new KvCommand.Put(bytes("b"), bytes("2"), Condition.ABSENT,
          new RequestId(1, 1, 2)), 7, 1_007, store);
      assertThat(retry.result()).isEqualTo(new KvResult.Written(6, 6));
    }
  }

  @Test
  void scanStopsAtTheByteBudgetAndSaysThereIsMore() throws Exception {
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore store = node.shard(UUID.randomUUID());
      KvStateMachine machine = new KvStateMachine(0, 0);
      for (int i = 0; i < 20; i++) {
        apply(store, machine, new KvCommand.Put(bytes(String.format("k%02d", i)), new byte[100], Condition.ALWAYS,
            new RequestId(2, 2, i)), i + 1);
      }
      ScanPage page = store.scan(bytes("k"), new byte[0], 100, 350);
      assertThat(page.items()).hasSize(4);
      assertThat(page.hasMore()).isTrue();
      ScanPage rest = store.scan(bytes("k"), page.next(), 100, Long.MAX_VALUE);
      List<String> keys = new ArrayList<>();
      page.items().forEach(i -> keys.add(new String(i.key(), StandardCharsets.UTF_8)));
      rest.items().forEach(i -> keys.add(new String(i.key(), StandardCharsets.UTF_8)));
      assertThat(keys).hasSize(20).isSorted();
      assertThat(rest.hasMore()).isFalse();
    }
  }

  @Test
  void recordsCopiedFromOneReplicaRebuildIdenticalState() throws Exception {
    try (NodeStore node = NodeStore.open(dir, 8 << 20)) {
      ShardStore source = node.shard(UUID.randomUUID());
      KvStateMachine machine = new KvStateMachine(0, 0);
      for (int i = 0; i < 50; i++) {
        apply(source, machine, new KvCommand.Put(bytes("key" + i), bytes("v" + i), Condition.ALWAYS,
            new RequestId(3, 3, i)), i + 1);
      }
      List<byte[][]> records = new ArrayList<>();
      source.forEachRecord((key, value) -> records.add(new byte[][] {key, value}));
      ShardStore copy = node.shard(UUID.randomUUID());
      copy.putRecords(records);
      assertThat(copy.readApplied()).isEqualTo(source.readApplied());
      List<KvItem> expected = source.scan(new byte[0], new byte[0], 1000, Long.MAX_VALUE).items();
      List<KvItem> actual = copy.scan(new byte[0], new byte[0], 1000, Long.MAX_VALUE).items();
      assertThat(actual).usingRecursiveFieldByFieldElementComparator().isEqualTo(expected);
    }
  }
}
