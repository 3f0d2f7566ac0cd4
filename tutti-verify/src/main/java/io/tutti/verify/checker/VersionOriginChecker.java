package io.tutti.verify.checker;

import io.tutti.verify.checker.VersionOriginCheckResult.UnwrittenRead;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that no read, at whatever level, returns a version that no write produced: a read of version {@code v > 0}
 * needs a write of its key, invoked no later than the read completed, that produced {@code v} (ok, with version
 * {@code v}) or may have (an {@code info} write, or an ok one without a version, whose version nobody knows).
 * Fits every consistency level, {@code eventual} included: a replica may lag, but not make versions up. Reads of
 * version 0 (absent) always have an origin, the initial state or a delete.
 *
 * <p>Versions need not count the writes of a key one by one (Tutti's are Raft log indexes, with gaps), so the check
 * asks only that the version was produced, not by how many writes. The history must hold every write of the keys
 * it reads.
 */
public final class VersionOriginChecker {
  private VersionOriginChecker() {}

  /** Checks every ok read with a version above 0 of {@code history} (any order). */
  public static VersionOriginCheckResult check(List<Operation> history) {
    // Per key: when each version was first asked for, and when the first write of unknown version was.
    Map<String, Map<Long, Long>> producedInvokeNanosByVersionByKey = new HashMap<>();
    Map<String, Long> firstUnknownInvokeNanosByKey = new HashMap<>();
    for (Operation operation : history) {
      if (!VersionBounds.writes(operation.f()) || operation.type() == OpType.FAIL) {
        continue;
      }
      if (VersionBounds.isCheckedWrite(operation)) {
        producedInvokeNanosByVersionByKey.computeIfAbsent(operation.key(), k -> new HashMap<>())
            .merge(operation.version(), operation.invokeNanos(), Math::min);
      } else {
        firstUnknownInvokeNanosByKey.merge(operation.key(), operation.invokeNanos(), Math::min);
      }
    }
    List<Operation> reads = history.stream()
        .filter(operation -> VersionBounds.isCheckedRead(operation) && operation.version() > 0)
        .sorted(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id)).toList();
    Violations<UnwrittenRead> violations = new Violations<>();
    for (Operation read : reads) {
      Long produced = producedInvokeNanosByVersionByKey.getOrDefault(read.key(), Map.of()).get(read.version());
      Long unknown = firstUnknownInvokeNanosByKey.get(read.key());
      boolean explained = (produced != null && produced <= read.completeNanos())
          || (unknown != null && unknown <= read.completeNanos());
      if (!explained) {
        violations.add(new UnwrittenRead(read.id(), read.process(), read.key(), read.version()));
      }
    }
    return new VersionOriginCheckResult(violations.count() == 0, reads.size(), violations.count(),
        violations.kept());
  }
}
