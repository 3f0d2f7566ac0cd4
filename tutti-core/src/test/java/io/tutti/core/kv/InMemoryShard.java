package io.tutti.core.kv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The storage of one shard as the server keeps it, in memory: entries in unsigned key order and dedup buckets.
 * {@link #persist} applies a state machine's writes exactly as the server's storage does (atomically, in order).
 */
final class InMemoryShard implements KvReader {
  final NavigableMap<byte[], KvEntry> entries = new TreeMap<>(ScanPage.KEY_ORDER);
  final NavigableMap<Long, Map<RequestId, KvResult>> buckets = new TreeMap<>();
  boolean retired;

  @Override
  public KvEntry get(byte[] key) {
    return entries.get(key);
  }

  @Override
  public KvResult appliedResult(long bucket, RequestId requestId) {
    Map<RequestId, KvResult> results = buckets.get(bucket);
    return results == null ? null : results.get(requestId);
  }

  void persist(List<StorageWrite> writes) {
    for (StorageWrite write : writes) {
      switch (write) {
        case StorageWrite.PutEntry put -> entries.put(put.key().clone(), put.entry());
        case StorageWrite.DeleteEntry delete -> entries.remove(delete.key());
        case StorageWrite.RecordResult record ->
            buckets.computeIfAbsent(record.bucket(), b -> new HashMap<>()).put(record.requestId(), record.result());
        case StorageWrite.ForgetResultsBefore forget -> buckets.headMap(forget.bucket(), false).clear();
        case StorageWrite.MarkRetired retire -> retired = true;
      }
    }
  }

  /** Applies {@code command} at {@code index} and persists its writes; returns what the state machine returned. */
  KvStateMachine.Applied apply(KvStateMachine machine, KvCommand command, long index, long timestampMs) {
    KvStateMachine.Applied applied = machine.apply(command, index, timestampMs, this);
    persist(applied.writes());
    return applied;
  }
}
