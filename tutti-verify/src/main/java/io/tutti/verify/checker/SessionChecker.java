package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.checker.SessionCheckResult.Guarantee;
import io.tutti.verify.checker.SessionCheckResult.Violation;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * Checks the session guarantees of reads at level {@code session}, per key, from the versions in a history. A
 * session is one process: it runs one operation at a time, so its operations in invocation order are the order
 * it issued them, each completed before the next was invoked. Within a session, on each key:
 * <ul>
 *   <li><b>read-your-writes</b>: a read returns at least the version of every earlier write;
 *   <li><b>monotonic reads</b>: a read returns at least the version of every earlier read;
 *   <li><b>monotonic writes</b>: a write gets a higher version than every earlier write;
 *   <li><b>writes-follow-reads</b>: a write gets a higher version than every earlier read returned.
 * </ul>
 * Only {@code ok} reads and writes with a version count ({@link VersionBounds}); a failed or unknown operation
 * promised nothing. A read of version 0 (absent) meets a bar that a delete of the key could explain, see
 * {@link VersionBounds}. An operation that falls short of several earlier ones is reported once per guarantee,
 * against the earlier operation with the highest version.
 *
 * <p>Guarantees across keys (a causal order) are not checked: versions of different keys do not compare.
 */
public final class SessionChecker {
  private SessionChecker() {}

  /** Checks {@code history} (any order, any kinds) with one session per process. */
  public static SessionCheckResult check(List<Operation> history) {
    return check(history, IntUnaryOperator.identity());
  }

  /**
   * Checks {@code history} with the sessions {@code sessionOfProcess} maps process numbers to. For a client that
   * keeps its session (its session token) when it moves to a new process number after an unknown outcome, as
   * {@code ClientProcess} does: map {@code process -> process % stride}. The operations of one session must still
   * not overlap in time.
   */
  public static SessionCheckResult check(List<Operation> history, IntUnaryOperator sessionOfProcess) {
    VersionBounds bounds = VersionBounds.of(history);
    Map<Integer, List<Operation>> bySession = new TreeMap<>();
    int reads = 0;
    int writes = 0;
    for (Operation operation : history) {
      boolean read = VersionBounds.isCheckedRead(operation);
      boolean write = VersionBounds.isCheckedWrite(operation);
      if (read || write) {
        bySession.computeIfAbsent(sessionOfProcess.applyAsInt(operation.process()), s -> new ArrayList<>())
            .add(operation);
        reads += read ? 1 : 0;
        writes += write ? 1 : 0;
      }
    }
    Violations<Violation> violations = new Violations<>();
    bySession.forEach((session, operations) -> checkSession(session, operations, bounds, violations));
    return new SessionCheckResult(violations.count() == 0, bySession.size(), reads, writes, violations.count(),
        violations.kept());
  }

  /** What a session has done to one key so far: the write and the read with the highest versions. */
  private static final class KeySeen {
    Operation highestWrite;
    // The read whose lowest possible version is highest; absent reads (lowest 0) never set a bar.
    Operation highestRead;
  }

  private static void checkSession(int session, List<Operation> operations, VersionBounds bounds,
      Violations<Violation> violations) {
    List<Operation> ordered = operations.stream()
        .sorted(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id)).toList();
    Map<String, KeySeen> seenByKey = new HashMap<>();
    Operation previous = null;
    for (Operation operation : ordered) {
      if (previous != null) {
        Check.argument(previous.completeNanos() <= operation.invokeNanos(), "session %d runs operations %d and %d "
            + "at once (%d completes at %d, %d is invoked at %d): a session runs one operation at a time", session,
            previous.id(), operation.id(), previous.id(), previous.completeNanos(), operation.id(),
            operation.invokeNanos());
      }
      previous = operation;
      KeySeen seen = seenByKey.computeIfAbsent(operation.key(), k -> new KeySeen());
      if (VersionBounds.isCheckedRead(operation)) {
        checkRead(session, operation, seen, bounds, violations);
      } else {
        checkWrite(session, operation, seen, bounds, violations);
      }
    }
  }

  private static void checkRead(int session, Operation read, KeySeen seen, VersionBounds bounds,
      Violations<Violation> violations) {
    long highest = bounds.highest(read);
    if (seen.highestWrite != null && highest < seen.highestWrite.version()) {
      violations.add(violation(Guarantee.READ_YOUR_WRITES, session, seen.highestWrite, seen.highestWrite.version(),
          read));
    }
    if (seen.highestRead != null && highest < bounds.lowest(seen.highestRead)) {
      violations.add(violation(Guarantee.MONOTONIC_READS, session, seen.highestRead,
          bounds.lowest(seen.highestRead), read));
    }
    long lowest = bounds.lowest(read);
    if (lowest > 0 && (seen.highestRead == null || lowest > bounds.lowest(seen.highestRead))) {
      seen.highestRead = read;
    }
  }

  private static void checkWrite(int session, Operation write, KeySeen seen, VersionBounds bounds,
      Violations<Violation> violations) {
    if (seen.highestWrite != null && write.version() <= seen.highestWrite.version()) {
      violations.add(violation(Guarantee.MONOTONIC_WRITES, session, seen.highestWrite, seen.highestWrite.version(),
          write));
    }
    if (seen.highestRead != null && write.version() <= bounds.lowest(seen.highestRead)) {
      violations.add(violation(Guarantee.WRITES_FOLLOW_READS, session, seen.highestRead,
          bounds.lowest(seen.highestRead), write));
    }
    if (seen.highestWrite == null || write.version() > seen.highestWrite.version()) {
      seen.highestWrite = write;
    }
  }

  private static Violation violation(Guarantee guarantee, int session, Operation earlier, long earlierVersion,
      Operation later) {
    return new Violation(guarantee, session, later.key(), earlier.id(), earlierVersion, later.id(), later.version());
  }
}
