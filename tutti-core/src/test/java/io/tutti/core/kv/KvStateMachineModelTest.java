package io.tutti.core.kv;

import io.tutti.core.TestArbitraries;
import static io.tutti.core.kv.KvStateMachine.DEDUP_BUCKET_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Model-based test of {@link KvStateMachine}: random histories of puts, deletes (unconditional, compare-and-set,
 * create-only), exact retries, non-kv entries, restarts and time jumps, checked against a plain reference model
 * after every step. The state machine is driven the way the server drives it: writes are persisted into an
 * {@link InMemoryShard} that is also the reader of the next command.
 */
class KvStateMachineModelTest {
  private static final int KEYS = 4;
  private static final long EPOCH_MS = 1_700_000_000_000L;

  /** How the condition of a fresh write is chosen, resolved against the model when the step runs. */
  enum ConditionKind { ALWAYS, ABSENT, CURRENT_VERSION, OTHER_VERSION }

  sealed interface Step {}

  /** A new write, {@code advanceMs} after the previous step (negative: the new leader's clock is behind). */
  record Write(boolean put, int key, ConditionKind condition, long otherVersion, byte[] value, int client,
      long advanceMs) implements Step {}

  /** An exact retry (same request id, decoded from the wire again) of an earlier write. */
  record Retry(int pick, long advanceMs) implements Step {}

  /** A log entry that is not a kv command (configuration change, leader's empty entry). */
  record Skip() implements Step {}

  /** The node restarts: a new state machine from the persisted applied index and replicated time. */
  record Restart() implements Step {}

  /** A broken caller applies an index that is not above the applied index. */
  record StaleApply(int back) implements Step {}

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Long> advance = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.just(0L)),
        Tuple.of(6, Arbitraries.longs().between(1, 60_000)),
        Tuple.of(2, Arbitraries.longs().between(DEDUP_BUCKET_MS - 2, DEDUP_BUCKET_MS + 2)),
        Tuple.of(1, Arbitraries.longs().between(2 * DEDUP_BUCKET_MS, 3 * DEDUP_BUCKET_MS)),
        Tuple.of(1, Arbitraries.longs().between(-60_000, -1)));
    Arbitrary<Step> write = Combinators.combine(
        Arbitraries.of(true, false),
        Arbitraries.integers().between(0, KEYS - 1),
        Arbitraries.of(ConditionKind.class),
        Arbitraries.longs().between(1, 40),
        TestArbitraries.bytes(0, 3),
        Arbitraries.integers().between(0, 2),
        advance).as(Write::new);
    Arbitrary<Step> retry = Combinators.combine(Arbitraries.integers().between(0, 1000), advance).as(Retry::new);
    Arbitrary<Step> step = Arbitraries.frequencyOf(
        Tuple.of(10, write),
        Tuple.of(5, retry),
        Tuple.of(1, Arbitraries.just(new Skip())),
        Tuple.of(1, Arbitraries.just(new Restart())),
        Tuple.of(1, Arbitraries.integers().between(0, 3).map(StaleApply::new)));
    return step.list().ofMinSize(1).ofMaxSize(120);
  }

  @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
  void everyStepMatchesTheReferenceModel(@ForAll("histories") List<Step> history,
      @ForAll("startTimes") long startMs) {
    new Run(startMs).play(history);
  }

  @Provide
  Arbitrary<Long> startTimes() {
    return Arbitraries.oneOf(Arbitraries.just(0L), Arbitraries.longs().between(EPOCH_MS, EPOCH_MS + DEDUP_BUCKET_MS));
  }

  /** What the model remembers of a recorded request: its result and the bucket and time it was first applied in. */
  record Recorded(KvResult result, long bucket, long timeMs) {}

  /** One history played against the state machine and the reference model side by side. */
  private static final class Run {
    private final InMemoryShard shard = new InMemoryShard();
    private KvStateMachine machine;
    // The reference model.
    private final Map<Integer, KvEntry> model = new TreeMap<>();
    private final Map<RequestId, Recorded> recorded = new HashMap<>();
    private final Map<Integer, Long> highestVersionEver = new HashMap<>();
    private final List<KvCommand> issued = new ArrayList<>();
    private long index;
    private long timeMs;
    private long sequence;

    Run(long startMs) {
      this.timeMs = startMs;
      this.machine = new KvStateMachine(0, startMs);
    }

    void play(List<Step> history) {
      for (Step step : history) {
        switch (step) {
          case Write write -> applyAndCheck(fresh(write), write.advanceMs());
          case Retry retry -> {
            if (!issued.isEmpty()) {
              KvCommand original = issued.get(retry.pick() % issued.size());
              applyAndCheck(KvCodec.decodeCommand(KvCodec.encodeCommand(original)), retry.advanceMs());
            }
          }
          case Skip skip -> {
            machine.skip(++index);
            assertThat(machine.appliedIndex()).isEqualTo(index);
          }
          case Restart restart -> {
            assertThat(machine.timeMs()).isEqualTo(timeMs);
            machine = new KvStateMachine(machine.appliedIndex(), machine.timeMs());
          }
          case StaleApply stale -> {
            long staleIndex = index - stale.back();
            KvCommand command = new KvCommand.Put(key(0), new byte[] {1}, Condition.ALWAYS, nextRequestId(0));
            assertThatThrownBy(() -> machine.apply(command, staleIndex, timeMs, shard))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apply index " + staleIndex);
            assertThatThrownBy(() -> machine.skip(staleIndex)).isInstanceOf(IllegalStateException.class);
            assertThat(machine.appliedIndex()).isEqualTo(index);
          }
        }
        checkStore();
      }
    }

    private KvCommand fresh(Write write) {
      KvEntry current = model.get(write.key());
      Condition condition = switch (write.condition()) {
        case ALWAYS -> Condition.ALWAYS;
        case ABSENT -> Condition.ABSENT;
        case CURRENT_VERSION -> new Condition.VersionEquals(current == null ? write.otherVersion() : current.version());
        case OTHER_VERSION -> new Condition.VersionEquals(write.otherVersion());
      };
      RequestId id = nextRequestId(write.client());
      KvCommand command = write.put()
          ? new KvCommand.Put(key(write.key()), write.value(), condition, id)
          : new KvCommand.Delete(key(write.key()), condition, id);
      issued.add(command);
      return command;
    }

    private RequestId nextRequestId(int client) {
      return new RequestId(0x7475747469L, client, ++sequence);
    }

    private void applyAndCheck(KvCommand command, long advanceMs) {
      long timestampMs = timeMs + advanceMs;
      long applyIndex = ++index;
      // The model.
      timeMs = Math.max(timeMs, timestampMs);
      long bucket = Math.floorDiv(timeMs, DEDUP_BUCKET_MS);
      int key = keyNumber(command.key());
      Recorded earlier = recorded.get(command.requestId());
      boolean duplicate = earlier != null && bucket - earlier.bucket() <= 1;
      if (earlier != null && timeMs - earlier.timeMs() < DEDUP_BUCKET_MS) {
        assertThat(duplicate).as("a retry within DEDUP_BUCKET_MS of the first attempt is deduplicated").isTrue();
      }
      KvEntry before = model.get(key);
      KvResult expected;
      if (duplicate) {
        expected = earlier.result();
      } else {
        expected = modelApply(command, key, applyIndex);
        recorded.put(command.requestId(), new Recorded(expected, bucket, timeMs));
      }

      // The state machine, persisting into the shard.
      Map<Long, Map<RequestId, KvResult>> bucketsBefore = copyBuckets();
      KvStateMachine.Applied applied = shard.apply(machine, command, applyIndex, timestampMs);

      assertThat(applied.result()).as("result of %s at %d", command, applyIndex).isEqualTo(expected);
      assertThat(machine.appliedIndex()).isEqualTo(applyIndex);
      assertThat(machine.timeMs()).as("replicated time never goes back").isEqualTo(timeMs);
      for (StorageWrite write : applied.writes()) {
        switch (write) {
          case StorageWrite.PutEntry put -> {
            assertThat(duplicate || expected instanceof KvResult.ConditionFailed).as("put by %s", expected).isFalse();
            assertThat(put.entry().version()).as("version is the log index of the write").isEqualTo(applyIndex);
            Long highest = highestVersionEver.put(key, applyIndex);
            assertThat(highest == null || highest < applyIndex).as("versions only grow").isTrue();
          }
          case StorageWrite.DeleteEntry delete ->
              assertThat(duplicate || expected instanceof KvResult.ConditionFailed).as("delete by %s", expected)
                  .isFalse();
          case StorageWrite.RecordResult record -> {
            assertThat(duplicate).as("a deduplicated retry records nothing new").isFalse();
            assertThat(record.bucket()).isEqualTo(bucket);
            assertThat(record.requestId()).isEqualTo(command.requestId());
          }
          case StorageWrite.ForgetResultsBefore forget ->
              assertThat(forget.bucket()).as("only buckets older than the previous one are forgotten")
                  .isLessThanOrEqualTo(bucket - 1);
          case StorageWrite.MarkRetired retire -> throw new AssertionError("this model never retires the shard");
        }
      }
      if (duplicate || expected instanceof KvResult.ConditionFailed) {
        assertThat(model.get(key)).isSameAs(before);
      }
      if (duplicate) {
        // Nothing but forgetting old buckets: the current and previous buckets are exactly as they were.
        assertThat(applied.writes()).allMatch(w -> w instanceof StorageWrite.ForgetResultsBefore);
        assertThat(shard.buckets.get(bucket)).isEqualTo(bucketsBefore.get(bucket));
        assertThat(shard.buckets.get(bucket - 1)).isEqualTo(bucketsBefore.get(bucket - 1));
      }
      assertThat(shard.buckets.keySet()).as("buckets kept at bucket %d", bucket)
          .allMatch(b -> b >= bucket - 1 && b <= bucket);
    }

    /** The reference semantics of a fresh (not deduplicated) write. */
    private KvResult modelApply(KvCommand command, int key, long applyIndex) {
      KvEntry current = model.get(key);
      boolean holds = switch (command.condition()) {
        case Condition.Always always -> true;
        case Condition.Absent absent -> current == null;
        case Condition.VersionEquals equals -> current != null && current.version() == equals.version();
      };
      if (!holds) {
        return new KvResult.ConditionFailed(current == null ? 0 : current.version(), applyIndex);
      }
      return switch (command) {
        case KvCommand.Put put -> {
          model.put(key, new KvEntry(applyIndex, put.value()));
          yield new KvResult.Written(applyIndex, applyIndex);
        }
        case KvCommand.Delete delete -> {
          model.remove(key);
          yield new KvResult.Deleted(current != null, applyIndex);
        }
        case KvCommand.Retire retire -> throw new AssertionError("this model never retires the shard");
      };
    }

    private void checkStore() {
      assertThat(shard.entries).hasSameSizeAs(model);
      model.forEach((key, entry) -> {
        KvEntry stored = shard.entries.get(key(key));
        assertThat(stored).as("key %d", key).isNotNull();
        assertThat(stored.version()).as("version of key %d", key).isEqualTo(entry.version());
        assertThat(stored.value()).as("value of key %d", key).isEqualTo(entry.value());
      });
    }

    private Map<Long, Map<RequestId, KvResult>> copyBuckets() {
      Map<Long, Map<RequestId, KvResult>> copy = new HashMap<>();
      shard.buckets.forEach((b, results) -> copy.put(b, new HashMap<>(results)));
      return copy;
    }
  }

  static byte[] key(int n) {
    return ("key-" + n).getBytes(StandardCharsets.UTF_8);
  }

  private static int keyNumber(byte[] key) {
    return Integer.parseInt(new String(key, StandardCharsets.UTF_8).substring("key-".length()));
  }
}
