package io.tutti.core.kv;

import io.tutti.core.check.Check;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  /** The writes to persist (all of them atomically) and one result per command, in order. */
  public record BatchApplied(List<StorageWrite> writes, List<KvResult> results) {}

  public Applied apply(KvCommand command, long index, long timestampMs, KvReader reader) {
    BatchApplied applied = applyBatch(List.of(command), index, timestampMs, reader);
    return new Applied(applied.writes(), applied.results().get(0));
  }

  /**
   * Applies the commands of one log entry in order, as if each were applied alone: each sees the writes of those
   * before it. They share the entry's index, so every write in the batch gets that index as its version; the leader
   * never puts two commands on the same key in one batch, so a version still names one write of one key.
   */
  public BatchApplied applyBatch(List<KvCommand> commands, long index, long timestampMs, KvReader reader) {
    Check.argument(!commands.isEmpty(), "an empty batch at index %d", index);
    Check.state(index > appliedIndex, "apply index %d <= applied index %d", index, appliedIndex);
    appliedIndex = index;
    timeMs = Math.max(timeMs, timestampMs);
    long bucket = Math.floorDiv(timeMs, DEDUP_BUCKET_MS);
    List<StorageWrite> writes = new ArrayList<>(2 * commands.size() + 1);
    List<KvResult> results = new ArrayList<>(commands.size());
    if (!retired && bucket - 1 > forgottenBeforeBucket) {
      forgottenBeforeBucket = bucket - 1;
      writes.add(new StorageWrite.ForgetResultsBefore(forgottenBeforeBucket));
    }
    BatchView view = commands.size() > 1 ? new BatchView(reader) : null;
    for (KvCommand command : commands) {
      int firstWrite = writes.size();
      results.add(applyOne(command, index, bucket, view != null ? view : reader, writes));
      if (view != null) {
        view.sawWrites(writes.subList(firstWrite, writes.size()));
      }
    }
    return new BatchApplied(writes, results);
  }

  private KvResult applyOne(KvCommand command, long index, long bucket, KvReader reader,
      List<StorageWrite> writes) {
    if (retired) {
      return new KvResult.Retired(index);
    }
    if (command instanceof KvCommand.Retire) {
      retired = true;
      writes.add(new StorageWrite.MarkRetired());
      return new KvResult.Retired(index);
    }
    KvResult previous = reader.appliedResult(bucket, command.requestId());
    if (previous == null) {
      previous = reader.appliedResult(bucket - 1, command.requestId());
    }
    if (previous != null) {
      return previous;
    }

    // An unconditional put does not depend on the key's current entry (its version is the entry's index), so it is
    // not read: on a busy shard that read is a third of the apply's time.
    boolean blindPut = command instanceof KvCommand.Put && command.condition() instanceof Condition.Always;
    KvEntry current = blindPut ? null : reader.get(command.key());
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
    return result;
  }

  /** The shard as the next command of a batch sees it: the stored state overlaid with the batch's writes so far. */
  private static final class BatchView implements KvReader {
    private final KvReader stored;
    // A key written by the batch so far: its entry, or null once deleted.
    private final Map<ByteBuffer, KvEntry> entries = new HashMap<>();
    private final Map<RequestId, KvResult> results = new HashMap<>();
    private final Map<RequestId, Long> resultBuckets = new HashMap<>();

    BatchView(KvReader stored) {
      this.stored = stored;
    }

    void sawWrites(List<StorageWrite> writes) {
      for (StorageWrite write : writes) {
        switch (write) {
          case StorageWrite.PutEntry put -> entries.put(ByteBuffer.wrap(put.key()), put.entry());
          case StorageWrite.DeleteEntry delete -> entries.put(ByteBuffer.wrap(delete.key()), null);
          case StorageWrite.RecordResult record -> {
            results.put(record.requestId(), record.result());
            resultBuckets.put(record.requestId(), record.bucket());
          }
          case StorageWrite.ForgetResultsBefore forget -> { }
          case StorageWrite.MarkRetired retire -> { }
        }
      }
    }

    @Override
    public KvEntry get(byte[] key) {
      ByteBuffer wrapped = ByteBuffer.wrap(key);
      return entries.containsKey(wrapped) ? entries.get(wrapped) : stored.get(key);
    }

    @Override
    public KvResult appliedResult(long bucket, RequestId requestId) {
      Long recordedBucket = resultBuckets.get(requestId);
      if (recordedBucket != null && recordedBucket == bucket) {
        return results.get(requestId);
      }
      return stored.appliedResult(bucket, requestId);
    }
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
