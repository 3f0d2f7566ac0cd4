package io.tutti.core.kv;

import static io.tutti.core.kv.KvStateMachine.DEDUP_BUCKET_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key-value shard's semantics, example by example (the model test explores the combinations). */
class KvStateMachineTest {
  private static final long T0 = 1_700_000_000_000L;
  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

  private final InMemoryShard shard = new InMemoryShard();
  private final KvStateMachine machine = new KvStateMachine(0, T0);
  private long sequence;

  private RequestId nextId() {
    return new RequestId(1, 2, ++sequence);
  }

  private KvCommand put(String value, Condition condition) {
    return new KvCommand.Put(KEY, value.getBytes(StandardCharsets.UTF_8), condition, nextId());
  }

  private KvResult apply(KvCommand command, long index, long timestampMs) {
    return shard.apply(machine, command, index, timestampMs).result();
  }

  @Test
  void versionIsTheLogIndexOfTheWrite() {
    assertThat(apply(put("a", Condition.ALWAYS), 7, T0)).isEqualTo(new KvResult.Written(7, 7));
    assertThat(shard.get(KEY).version()).isEqualTo(7);
  }

  @Test
  void anUnconditionalPutDoesNotReadTheKeyButAConditionalOneAndADeleteDo() {
    apply(put("a", Condition.ALWAYS), 1, T0);
    List<String> read = new ArrayList<>();
    KvReader recording = new KvReader() {
      @Override
      public KvEntry get(byte[] key) {
        read.add(new String(key, StandardCharsets.UTF_8));
        return shard.get(key);
      }

      @Override
      public KvResult appliedResult(long bucket, RequestId requestId) {
        return shard.appliedResult(bucket, requestId);
      }
    };

    assertThat(applyReading(put("b", Condition.ALWAYS), 2, recording)).isEqualTo(new KvResult.Written(2, 2));
    assertThat(read).isEmpty();
    assertThat(applyReading(put("c", new Condition.VersionEquals(1)), 3, recording))
        .isEqualTo(new KvResult.ConditionFailed(2, 3));
    assertThat(applyReading(new KvCommand.Delete(KEY, Condition.ALWAYS, nextId()), 4, recording))
        .isEqualTo(new KvResult.Deleted(true, 4));
    assertThat(read).containsExactly("k", "k");
  }

  private KvResult applyReading(KvCommand command, long index, KvReader reader) {
    KvStateMachine.Applied applied = machine.apply(command, index, T0, reader);
    shard.persist(applied.writes());
    return applied.result();
  }

  @Test
  void retriedWriteIsAppliedOnce() {
    KvCommand first = put("a", Condition.ALWAYS);
    apply(first, 1, T0);
    apply(put("b", Condition.ALWAYS), 2, T0 + 1);

    KvStateMachine.Applied retry = shard.apply(machine, first, 3, T0 + DEDUP_BUCKET_MS - 1);

    assertThat(retry.result()).isEqualTo(new KvResult.Written(1, 1));
    assertThat(retry.writes()).noneMatch(w -> !(w instanceof StorageWrite.ForgetResultsBefore));
    assertThat(shard.get(KEY).value()).isEqualTo("b".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void retryOfAFailedConditionReturnsTheFirstFailureEvenIfTheConditionNowHolds() {
    KvCommand create = put("a", Condition.ABSENT);
    apply(put("x", Condition.ALWAYS), 1, T0);
    assertThat(apply(create, 2, T0)).isEqualTo(new KvResult.ConditionFailed(1, 2));
    apply(new KvCommand.Delete(KEY, Condition.ALWAYS, nextId()), 3, T0);

    assertThat(apply(create, 4, T0)).isEqualTo(new KvResult.ConditionFailed(1, 2));
    assertThat(shard.get(KEY)).isNull();
  }

  @Test
  void retryAfterTheDedupWindowIsAppliedAsANewWrite() {
    KvCommand first = put("a", Condition.ALWAYS);
    apply(first, 1, T0);

    assertThat(apply(first, 2, T0 + 2 * DEDUP_BUCKET_MS)).isEqualTo(new KvResult.Written(2, 2));
  }

  @Test
  void deduplicationSurvivesARestartOfTheStateMachine() {
    KvCommand first = put("a", Condition.ALWAYS);
    apply(first, 1, T0);
    KvStateMachine restarted = new KvStateMachine(machine.appliedIndex(), machine.timeMs());

    assertThat(shard.apply(restarted, first, 2, T0 + 10).result()).isEqualTo(new KvResult.Written(1, 1));
  }

  @Test
  void compareAndSetOnAStaleVersionChangesNothing() {
    apply(put("a", Condition.ALWAYS), 1, T0);
    apply(put("b", Condition.ALWAYS), 2, T0);

    KvStateMachine.Applied stale = shard.apply(machine, put("c", new Condition.VersionEquals(1)), 3, T0);

    assertThat(stale.result()).isEqualTo(new KvResult.ConditionFailed(2, 3));
    assertThat(stale.writes()).noneMatch(w -> w instanceof StorageWrite.PutEntry);
    assertThat(shard.get(KEY).version()).isEqualTo(2);
    assertThat(apply(put("c", new Condition.VersionEquals(2)), 4, T0)).isEqualTo(new KvResult.Written(4, 4));
  }

  @Test
  void compareAndSetOnAnAbsentKeyFailsWithVersionZero() {
    assertThat(apply(put("a", new Condition.VersionEquals(1)), 1, T0)).isEqualTo(new KvResult.ConditionFailed(0, 1));
    assertThat(shard.get(KEY)).isNull();
  }

  @Test
  void deleteOfAnAbsentKeyReportsThatItDidNotExistAndWritesNoDeletion() {
    KvStateMachine.Applied applied = shard.apply(machine, new KvCommand.Delete(KEY, Condition.ALWAYS, nextId()), 1, T0);

    assertThat(applied.result()).isEqualTo(new KvResult.Deleted(false, 1));
    assertThat(applied.writes()).noneMatch(w -> w instanceof StorageWrite.DeleteEntry);
  }

  @Test
  void versionsGrowAcrossDeleteAndRecreate() {
    apply(put("a", Condition.ALWAYS), 5, T0);
    apply(new KvCommand.Delete(KEY, new Condition.VersionEquals(5), nextId()), 6, T0);
    assertThat(apply(put("b", Condition.ABSENT), 7, T0)).isEqualTo(new KvResult.Written(7, 7));
  }

  @Test
  void applyingAnIndexNotAboveTheAppliedIndexIsABrokenInvariant() {
    apply(put("a", Condition.ALWAYS), 5, T0);

    assertThatThrownBy(() -> machine.apply(put("b", Condition.ALWAYS), 5, T0, shard))
        .isInstanceOf(IllegalStateException.class).hasMessage("apply index 5 <= applied index 5");
    assertThatThrownBy(() -> machine.apply(put("b", Condition.ALWAYS), 4, T0, shard))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> machine.skip(5)).isInstanceOf(IllegalStateException.class);
    assertThat(machine.appliedIndex()).isEqualTo(5);
    assertThat(shard.get(KEY).value()).isEqualTo("a".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aNegativeAppliedIndexIsRejected() {
    assertThatThrownBy(() -> new KvStateMachine(-1, T0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void replicatedTimeIsTheLargestEntryTimestampSoFar() {
    apply(put("a", Condition.ALWAYS), 1, T0 + 100);
    apply(put("b", Condition.ALWAYS), 2, T0 + 50);
    assertThat(machine.timeMs()).isEqualTo(T0 + 100);
  }

  @Test
  void bucketsOlderThanThePreviousOneAreForgotten() {
    apply(put("a", Condition.ALWAYS), 1, T0);
    long firstBucket = Math.floorDiv(T0, DEDUP_BUCKET_MS);
    KvStateMachine.Applied later = shard.apply(machine, put("b", Condition.ALWAYS), 2, T0 + 2 * DEDUP_BUCKET_MS);

    assertThat(later.writes()).contains(new StorageWrite.ForgetResultsBefore(firstBucket + 1));
    assertThat(shard.buckets.keySet()).doesNotContain(firstBucket);
  }

  @Test
  void twoReplicasApplyingTheSameLogComputeTheSameWritesAndResults() {
    InMemoryShard otherShard = new InMemoryShard();
    KvStateMachine other = new KvStateMachine(0, T0);
    List<KvCommand> log = List.of(put("a", Condition.ABSENT), put("b", Condition.ABSENT),
        put("c", new Condition.VersionEquals(1)), new KvCommand.Delete(KEY, Condition.ALWAYS, nextId()));
    for (int i = 0; i < log.size(); i++) {
      long timestamp = T0 + i * DEDUP_BUCKET_MS;
      KvStateMachine.Applied mine = shard.apply(machine, log.get(i), i + 1, timestamp);
      KvStateMachine.Applied theirs = otherShard.apply(other, KvCodec.decodeCommand(KvCodec.encodeCommand(log.get(i))),
          i + 1, timestamp);
      assertThat(KvCodec.encodeResult(theirs.result())).isEqualTo(KvCodec.encodeResult(mine.result()));
      assertThat(theirs.writes()).usingRecursiveFieldByFieldElementComparator().isEqualTo(mine.writes());
    }
  }
}
