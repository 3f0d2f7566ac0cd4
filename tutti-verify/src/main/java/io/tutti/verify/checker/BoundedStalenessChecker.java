package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.checker.BoundedStalenessCheckResult.StaleRead;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks reads at level {@code bounded;ms=N}: a read invoked at time t reflects every write of its key that
 * completed before t − N. For each ok read with a version, the writes of its key (ok, with a version) that
 * completed before t − N are found; the read must return at least the highest of their versions. An absent read
 * (version 0) meets that bar when a delete of the key may explain it ({@link VersionBounds}).
 *
 * <p>Why the recorded times suffice: a write completed (as the client saw it) no earlier than it was applied, and a
 * read is served no earlier than it was invoked. So a write that completed before t − N was applied more than N
 * before the read was served, whatever the network did in between, and the read must reflect it. The check can
 * miss staleness, never invent it.
 *
 * <p>No slack is added to the bound. All times in a history come from one monotonic clock, the harness's, read by
 * every client on one machine; the only error between two readings of one machine's clock is that clock's own, and
 * it is zero here by construction. (Were times taken on several machines, their clocks' offsets would have to be
 * added to the bound.)
 *
 * <p>Pass the writes of the run and the reads made at this bound: every ok read given is held to it, so reads at a
 * weaker level (session, eventual) must be left out.
 */
public final class BoundedStalenessChecker {
  private BoundedStalenessChecker() {}

  /** Checks every ok read of {@code history} (any order) against {@code bound}. */
  public static BoundedStalenessCheckResult check(Duration bound, List<Operation> history) {
    Check.argument(!bound.isNegative(), "the staleness bound must not be negative, got %s", bound);
    long boundNanos = LinearizabilityChecker.saturatedNanos(bound);
    VersionBounds bounds = VersionBounds.of(history);
    Map<String, List<Operation>> writesByKey = new TreeMap<>();
    Map<String, List<Operation>> readsByKey = new TreeMap<>();
    for (Operation operation : history) {
      if (VersionBounds.isCheckedWrite(operation)) {
        writesByKey.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
      } else if (VersionBounds.isCheckedRead(operation)) {
        readsByKey.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
      }
    }
    Violations<StaleRead> violations = new Violations<>();
    int readsChecked = 0;
    for (var entry : readsByKey.entrySet()) {
      KeyWrites writes = KeyWrites.of(writesByKey.getOrDefault(entry.getKey(), List.of()));
      List<Operation> reads = entry.getValue().stream()
          .sorted(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id)).toList();
      for (Operation read : reads) {
        readsChecked++;
        StaleRead stale = writes.missedBy(read, bounds.highest(read), boundNanos);
        if (stale != null) {
          violations.add(stale);
        }
      }
    }
    return new BoundedStalenessCheckResult(violations.count() == 0, boundNanos, readsChecked, violations.count(),
        violations.kept());
  }

  /**
   * The writes of one key by completion. Invariant: {@code completeNanos} ascending, and
   * {@code highestVersionSoFar[i]} the highest version of {@code writes[0..i]}.
   */
  private record KeyWrites(List<Operation> writes, long[] completeNanos, long[] highestVersionSoFar) {
    static KeyWrites of(List<Operation> unordered) {
      List<Operation> writes = unordered.stream()
          .sorted(Comparator.comparingLong(Operation::completeNanos).thenComparingLong(Operation::id)).toList();
      long[] completes = new long[writes.size()];
      long[] highest = new long[writes.size()];
      for (int i = 0; i < writes.size(); i++) {
        completes[i] = writes.get(i).completeNanos();
        highest[i] = Math.max(i == 0 ? 0 : highest[i - 1], writes.get(i).version());
      }
      return new KeyWrites(writes, completes, highest);
    }

    /**
     * The write {@code read} missed, or null: among the writes completed more than {@code boundNanos} before the
     * read was invoked, the first to complete with a version above {@code highestRead}, what the read stands for.
     */
    StaleRead missedBy(Operation read, long highestRead, long boundNanos) {
      long cutoff = read.invokeNanos() < Long.MIN_VALUE + boundNanos ? Long.MIN_VALUE
          : read.invokeNanos() - boundNanos;
      int due = VersionBounds.countBelow(completeNanos, cutoff);
      if (due == 0 || highestVersionSoFar[due - 1] <= highestRead) {
        return null;
      }
      // The highest version so far first exceeds highestRead at a write whose own version does.
      int first = VersionBounds.countAtMost(highestVersionSoFar, highestRead);
      Operation missed = writes.get(first);
      Check.state(first < due && missed.version() > highestRead, "write %d (version %d) is not missed by read %d",
          missed.id(), missed.version(), read.id());
      return new StaleRead(read.id(), read.process(), read.key(), read.version(), missed.id(), missed.version(),
          (read.invokeNanos() - missed.completeNanos()) / 1e6);
    }
  }
}
