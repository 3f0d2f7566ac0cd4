package io.tutti.verify.checker;

import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the checkers of versions ({@link SessionChecker}, {@link BoundedStalenessChecker},
 * {@link VersionOriginChecker}) read the versions of a history.
 *
 * <p>What counts: {@code ok} reads and {@code ok} writes (write, cas, create, append, delete) that carry a version.
 * Failed and unknown operations, operations without a version and set adds constrain nothing.
 *
 * <p>A read of version 0 is ambiguous. Tutti answers 0 for every absent key, deleted or never written, while a
 * delete has a version of its own (the revision it was applied at). So a read of 0 saw either the initial state or
 * the state some delete of the key left, a delete invoked no later than the read completed. The version such a
 * read stands for lies between {@link #lowest} (0) and {@link #highest}: the highest version of those deletes, or
 * no bound at all when one of them has no known version. A read of {@code v > 0} stands for exactly {@code v}. A
 * checker demands "at least x" of a read with {@code highest} and takes {@code lowest} as the floor a read sets
 * for what follows; so an absent read never counts as a violation that a delete could explain. (Were absent reads
 * ever to return their delete's version instead, these bounds would still be sound, only looser.)
 */
final class VersionBounds {
  /** The deletes of one key by invocation: {@code highestVersionSoFar[i]} is the most of the first i + 1. */
  private record KeyDeletes(long[] invokeNanos, long[] highestVersionSoFar, long firstUnknownInvokeNanos) {}

  private final Map<String, KeyDeletes> deletesByKey;

  private VersionBounds(Map<String, KeyDeletes> deletesByKey) {
    this.deletesByKey = deletesByKey;
  }

  /** The bounds of the reads of {@code history}, which must hold every delete of the keys it reads. */
  static VersionBounds of(List<Operation> history) {
    Map<String, List<Operation>> versioned = new HashMap<>();
    Map<String, Long> firstUnknown = new HashMap<>();
    for (Operation operation : history) {
      if (operation.f() != OpKind.DELETE || operation.type() == OpType.FAIL) {
        continue;
      }
      if (operation.type() == OpType.OK && operation.version() != null) {
        versioned.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
      } else {
        firstUnknown.merge(operation.key(), operation.invokeNanos(), Math::min);
      }
    }
    Map<String, KeyDeletes> deletesByKey = new HashMap<>();
    Set<String> keys = new HashSet<>(versioned.keySet());
    keys.addAll(firstUnknown.keySet());
    for (String key : keys) {
      List<Operation> deletes = versioned.getOrDefault(key, List.of()).stream()
          .sorted(Comparator.comparingLong(Operation::invokeNanos)).toList();
      long[] invokes = new long[deletes.size()];
      long[] highest = new long[deletes.size()];
      for (int i = 0; i < deletes.size(); i++) {
        invokes[i] = deletes.get(i).invokeNanos();
        highest[i] = Math.max(i == 0 ? 0 : highest[i - 1], deletes.get(i).version());
      }
      deletesByKey.put(key, new KeyDeletes(invokes, highest, firstUnknown.getOrDefault(key, Long.MAX_VALUE)));
    }
    return new VersionBounds(deletesByKey);
  }

  /** Whether {@code operation} is an ok read with a version. */
  static boolean isCheckedRead(Operation operation) {
    return operation.f() == OpKind.READ && operation.type() == OpType.OK && operation.version() != null;
  }

  /** Whether {@code operation} is an ok write of some kind with a version. */
  static boolean isCheckedWrite(Operation operation) {
    return writes(operation.f()) && operation.type() == OpType.OK && operation.version() != null;
  }

  /** Whether operations of kind {@code f} give their key a new version: all but reads and set adds. */
  static boolean writes(OpKind f) {
    return switch (f) {
      case WRITE, CAS, CREATE, APPEND, DELETE -> true;
      case READ, ADD -> false;
    };
  }

  /** The least version {@code read} (a checked read) may stand for: the version it returned. */
  long lowest(Operation read) {
    return read.version();
  }

  /** The greatest version {@code read} (a checked read) may stand for; {@link Long#MAX_VALUE} for no bound. */
  long highest(Operation read) {
    if (read.version() > 0) {
      return read.version();
    }
    KeyDeletes deletes = deletesByKey.get(read.key());
    if (deletes == null) {
      return 0;
    }
    if (deletes.firstUnknownInvokeNanos() <= read.completeNanos()) {
      return Long.MAX_VALUE;
    }
    int invokedBefore = countAtMost(deletes.invokeNanos(), read.completeNanos());
    return invokedBefore == 0 ? 0 : deletes.highestVersionSoFar()[invokedBefore - 1];
  }

  /** How many of the ascending {@code values} are at most {@code limit}. */
  static int countAtMost(long[] values, long limit) {
    int low = 0;
    int high = values.length;
    // Invariant: values[i] <= limit for i < low, values[i] > limit for i >= high.
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (values[middle] <= limit) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  /** How many of the ascending {@code values} are below {@code limit}. */
  static int countBelow(long[] values, long limit) {
    return limit == Long.MIN_VALUE ? 0 : countAtMost(values, limit - 1);
  }
}
