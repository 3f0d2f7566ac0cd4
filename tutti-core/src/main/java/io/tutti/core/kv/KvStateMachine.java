package io.tutti.core.kv;

import io.tutti.core.check.Check;
import java.util.ArrayList;
import java.util.List;

/**
 * The replicated state machine of one key-value shard: {@code apply(command, index, timestampMs)} decides what the
 * command does and returns the storage writes and the result; the caller persists the writes atomically together
 * with the applied position. No I/O, no clock, no threads: every replica applying the same log computes the same
 * writes and results.
 *
 * <p>Exactly-once: each write carries a {@link RequestId}. Its result is recorded in a dedup bucket of width
 * {@link #DEDUP_BUCKET_MS}; a command whose request id is found in the current or the previous bucket is not applied
 * again, and the recorded result is returned. So a retry is deduplicated for at least {@code DEDUP_BUCKET_MS} after
 * the first attempt was applied (and at most twice that). Buckets older than the previous one are forgotten.
 *
 * <p>Time is the leader's timestamp carried in the entry, made monotonic here ({@link #timeMs()}), so replay after a
 * restart and every replica see the same buckets.
 */
public final class KvStateMachine {
  /** Width of a dedup bucket: the guaranteed dedup window for retried writes. */
  public static final long DEDUP_BUCKET_MS = 5 * 60_000L;

  // Invariant: appliedIndex only grows; every applied command has index > appliedIndex.
  private long appliedIndex;
  // Invariant: timeMs only grows; it is the maximum entry timestamp applied so far.
  private long timeMs;
  private long forgottenBeforeBucket;
  // Invariant: once true, stays true; a retired shard changes nothing and answers Retired.
  private volatile boolean retired;

  /** A state machine that has applied everything up to {@code appliedIndex}, at replicated time {@code timeMs}. */
  public KvStateMachine(long appliedIndex, long timeMs) {
    this(appliedIndex, timeMs, false);
  }

  /** As {@link #KvStateMachine(long, long)}, for a shard that may already be retired. */
  public KvStateMachine(long appliedIndex, long timeMs, boolean retired) {
    Check.argument(appliedIndex >= 0, "appliedIndex %d < 0", appliedIndex);
    this.appliedIndex = appliedIndex;
    this.timeMs = timeMs;
    this.retired = retired;
  }

  /** Whether the shard is retired: reads must answer that, not data. */
  public boolean retired() {
    return retired;
  }

  /** The writes to persist and the result to reply with. */
  public record Applied(List<StorageWrite> writes, KvResult result) {}

  public Applied apply(KvCommand command, long index, long timestampMs, KvReader reader) {
    Check.state(index > appliedIndex, "apply index %d <= applied index %d", index, appliedIndex);
    appliedIndex = index;
    timeMs = Math.max(timeMs, timestampMs);
    long bucket = Math.floorDiv(timeMs, DEDUP_BUCKET_MS);
    List<StorageWrite> writes = new ArrayList<>(3);
    if (retired) {
      return new Applied(writes, new KvResult.Retired(index));
    }
    if (command instanceof KvCommand.Retire) {
      retired = true;
      writes.add(new StorageWrite.MarkRetired());
      return new Applied(writes, new KvResult.Retired(index));
    }
    if (bucket - 1 > forgottenBeforeBucket) {
      forgottenBeforeBucket = bucket - 1;
      writes.add(new StorageWrite.ForgetResultsBefore(forgottenBeforeBucket));
    }

    KvResult previous = reader.appliedResult(bucket, command.requestId());
    if (previous == null) {
      previous = reader.appliedResult(bucket - 1, command.requestId());
    }
    if (previous != null) {
      return new Applied(writes, previous);
    }

    KvEntry current = reader.get(command.key());
    KvResult result;
    if (!command.condition().holdsFor(current)) {
      result = new KvResult.ConditionFailed(current == null ? 0 : current.version(), index);
    } else {
      result = switch (command) {
        case KvCommand.Put put -> {
          writes.add(new StorageWrite.PutEntry(put.key(), new KvEntry(index, put.value())));
          yield new KvResult.Written(index, index);
        }
        case KvCommand.Delete delete -> {
          if (current != null) {
            writes.add(new StorageWrite.DeleteEntry(delete.key()));
          }
          yield new KvResult.Deleted(current != null, index);
        }
        case KvCommand.Retire retire -> throw new IllegalStateException("retire handled above");
      };
    }
    writes.add(new StorageWrite.RecordResult(bucket, command.requestId(), result));
    return new Applied(writes, result);
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  /** Replicated time: the largest entry timestamp applied so far. */
  public long timeMs() {
    return timeMs;
  }

  /**
   * Records that entry {@code index} was applied without being a key-value command (a Raft configuration change or
   * an empty leader entry).
   */
  public void skip(long index) {
    Check.state(index > appliedIndex, "skip index %d <= applied index %d", index, appliedIndex);
    appliedIndex = index;
  }
}
