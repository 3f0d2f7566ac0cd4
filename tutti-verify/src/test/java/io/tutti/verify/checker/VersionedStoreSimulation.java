package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Histories with versions from a simulated store that keeps the promises of the session and bounded-staleness read
 * levels, and no more. Versions are like Tutti's Raft log indexes: one counter for all keys, growing with gaps; an
 * absent key reads as 0, deleted or not.
 *
 * <p>Each step, a random process invokes an operation at the current time, and it takes effect at once; it
 * completes a random latency later, and the process invokes nothing before that. A write appends a new state to
 * its key. A read returns any state of its key that is at least the process's own view of the key (the highest
 * version it wrote or read, so a session never goes back) and at least the newest write that completed more than
 * {@code boundNanos} before: often an old one. Some operations fail (no effect) or end unknown ({@code info}: they
 * take effect or not, and the process learns no version).
 */
final class VersionedStoreSimulation {
  /** A state of a key: its version (the first is 0) and its value, null when the key is absent. */
  private record State(long version, String value) {}

  /** A write that took effect: when it completed, and the version it made. */
  private record Applied(long completeNanos, long version) {}

  private final SplittableRandom random;
  private final long boundNanos;
  private final Map<String, List<State>> statesByKey = new HashMap<>();
  private final Map<String, List<Applied>> appliedByKey = new HashMap<>();
  private final List<Operation> history = new ArrayList<>();
  private long lastVersion;

  private VersionedStoreSimulation(long seed, long boundNanos) {
    this.random = new SplittableRandom(seed);
    this.boundNanos = boundNanos;
  }

  /** {@code steps} operations of {@code processes} processes on {@code keys} keys, from {@code seed}. */
  static List<Operation> run(long seed, int processes, int keys, int steps, long boundNanos) {
    return new VersionedStoreSimulation(seed, boundNanos).run(processes, keys, steps);
  }

  private List<Operation> run(int processes, int keys, int steps) {
    long[] busyUntil = new long[processes];
    List<Map<String, Long>> viewByProcess = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      viewByProcess.add(new HashMap<>());
    }
    long now = 0;
    for (int step = 0; step < steps; step++) {
      int process = random.nextInt(processes);
      now = Math.max(now + 1 + random.nextInt(20), busyUntil[process]);
      long complete = now + 1 + random.nextInt(40);
      busyUntil[process] = complete;
      String key = "k" + random.nextInt(keys);
      Map<String, Long> view = viewByProcess.get(process);
      if (random.nextBoolean()) {
        read(process, key, view, now, complete);
      } else {
        write(process, key, view, now, complete);
      }
    }
    return List.copyOf(history);
  }

  private void read(int process, String key, Map<String, Long> view, long invoke, long complete) {
    if (random.nextInt(10) == 0) {
      record(process, OpKind.READ, key, null, null, OpType.FAIL, invoke, complete);
      return;
    }
    long floor = Math.max(view.getOrDefault(key, 0L), dueVersion(key, invoke));
    List<State> candidates = states(key).stream().filter(state -> state.version() >= floor).toList();
    State seen = candidates.get(random.nextInt(candidates.size()));
    view.merge(key, seen.version(), Math::max);
    record(process, OpKind.READ, key, seen.value(), seen.value() == null ? 0L : seen.version(), OpType.OK, invoke,
        complete);
  }

  private void write(int process, String key, Map<String, Long> view, long invoke, long complete) {
    OpKind f = random.nextInt(4) == 0 ? OpKind.DELETE : random.nextBoolean() ? OpKind.WRITE : OpKind.CAS;
    int roll = random.nextInt(10);
    OpType type = roll == 0 ? OpType.FAIL : roll == 1 ? OpType.INFO : OpType.OK;
    boolean applies = type == OpType.OK || type == OpType.INFO && random.nextBoolean();
    String value = f == OpKind.DELETE ? null : "w" + history.size();
    Long version = null;
    if (applies) {
      lastVersion += 1 + random.nextInt(3);
      states(key).add(new State(lastVersion, value));
      appliedByKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Applied(complete, lastVersion));
      if (type == OpType.OK) {
        version = lastVersion;
        view.put(key, lastVersion);
      }
    }
    record(process, f, key, value, version, type, invoke, complete);
  }

  /** The highest version of the writes of {@code key} that completed more than the bound before {@code invoke}. */
  private long dueVersion(String key, long invoke) {
    return appliedByKey.getOrDefault(key, List.of()).stream()
        .filter(applied -> applied.completeNanos() < invoke - boundNanos)
        .mapToLong(Applied::version).max().orElse(0);
  }

  private List<State> states(String key) {
    return statesByKey.computeIfAbsent(key, k -> {
      List<State> states = new ArrayList<>();
      states.add(new State(0, null));
      return states;
    });
  }

  private void record(int process, OpKind f, String key, String value, Long version, OpType type, long invoke,
      long complete) {
    history.add(new Operation(history.size(), process, f, key, value, null, version, type, invoke, complete,
        type == OpType.INFO ? "OUTCOME_UNKNOWN" : null));
  }
}
