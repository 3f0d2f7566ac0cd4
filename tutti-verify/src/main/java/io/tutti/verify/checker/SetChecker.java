package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the set workload: clients add unique elements while faults are injected; after the cluster heals, one
 * read returns the whole set. Every acknowledged add must be in it, and nothing that was never added.
 *
 * <p>An element's outcome is the best of its adds: ok, else info, else fail. Then, against the final read:
 * <ul>
 *   <li>ok and absent: <b>lost</b> — a violation;
 *   <li>present but never added: <b>unexpected</b> — a violation;
 *   <li>only failed adds, yet present: <b>failed but present</b> — a violation (a failure must mean "not applied";
 *       a timeout is reported as info, never as failure);
 *   <li>info and present: <b>recovered</b>; info and absent: <b>unknown absent</b> (it never took effect) — both
 *       fine.
 * </ul>
 * Without a successful final read nothing can be said: the result is not valid.
 */
public final class SetChecker {
  /** How many elements of a list a {@link SetCheckResult#reason()} names before "and N more". */
  private static final int REASON_ELEMENTS_MAX = 5;

  private SetChecker() {}

  /** The read of the whole set after healing. */
  public sealed interface FinalRead {
    /** The read returned these elements. */
    record Elements(Set<String> elements) implements FinalRead {
      public Elements {
        elements = Set.copyOf(elements);
      }
    }

    /** The read did not succeed; {@code reason} says why (error code or message). */
    record Failed(String reason) implements FinalRead {}
  }

  /** Checks {@code adds} (only {@code add} operations, any type) against {@code finalRead}. */
  public static SetCheckResult check(List<Operation> adds, FinalRead finalRead) {
    Map<String, OpType> outcomeByElement = new TreeMap<>();
    int acknowledged = 0;
    int failed = 0;
    int indeterminate = 0;
    for (Operation add : adds) {
      Check.argument(add.f() == OpKind.ADD, "operation %d is a %s, the set checker takes only adds", add.id(),
          add.f().jsonName());
      Check.argument(add.value() != null, "add %d has no element (value)", add.id());
      switch (add.type()) {
        case OK -> acknowledged++;
        case FAIL -> failed++;
        case INFO -> indeterminate++;
      }
      outcomeByElement.merge(add.value(), add.type(), SetChecker::better);
    }
    return switch (finalRead) {
      case FinalRead.Failed(String reason) -> new SetCheckResult(false, "the final read failed: " + reason,
          adds.size(), acknowledged, failed, indeterminate, false, List.of(), List.of(), List.of(), List.of(),
          List.of());
      case FinalRead.Elements(Set<String> elements) -> compare(outcomeByElement, elements, adds.size(),
          acknowledged, failed, indeterminate);
    };
  }

  private static SetCheckResult compare(Map<String, OpType> outcomeByElement, Set<String> read, int attempted,
      int acknowledged, int failed, int indeterminate) {
    List<String> lost = new ArrayList<>();
    List<String> failedPresent = new ArrayList<>();
    List<String> recovered = new ArrayList<>();
    List<String> unknownAbsent = new ArrayList<>();
    outcomeByElement.forEach((element, outcome) -> {
      boolean present = read.contains(element);
      switch (outcome) {
        case OK -> {
          if (!present) {
            lost.add(element);
          }
        }
        case FAIL -> {
          if (present) {
            failedPresent.add(element);
          }
        }
        case INFO -> (present ? recovered : unknownAbsent).add(element);
      }
    });
    List<String> unexpected = read.stream().filter(e -> !outcomeByElement.containsKey(e)).sorted().toList();
    boolean valid = lost.isEmpty() && unexpected.isEmpty() && failedPresent.isEmpty();
    List<String> problems = new ArrayList<>();
    describe(problems, lost, "acknowledged add", "lost");
    describe(problems, unexpected, "element", "present but never added");
    describe(problems, failedPresent, "failed add", "present anyway");
    String reason = valid
        ? "all " + acknowledged + " acknowledged adds are present; " + recovered.size() + " of "
            + (recovered.size() + unknownAbsent.size()) + " elements with only indeterminate adds are present"
        : String.join("; ", problems);
    return new SetCheckResult(valid, reason, attempted, acknowledged, failed, indeterminate, true, lost, unexpected,
        failedPresent, recovered, unknownAbsent);
  }

  /** Adds {@code "2 acknowledged adds lost: a, b"} to {@code problems} if {@code elements} is not empty. */
  private static void describe(List<String> problems, List<String> elements, String noun, String what) {
    if (elements.isEmpty()) {
      return;
    }
    String shown = String.join(", ", elements.subList(0, Math.min(elements.size(), REASON_ELEMENTS_MAX)));
    int more = elements.size() - REASON_ELEMENTS_MAX;
    problems.add(elements.size() + " " + noun + (elements.size() == 1 ? " " : "s ") + what + ": " + shown
        + (more > 0 ? " and " + more + " more" : ""));
  }

  /** The more informative outcome of two adds of the same element: ok over info over fail. */
  private static OpType better(OpType a, OpType b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(OpType type) {
    return switch (type) {
      case OK -> 2;
      case INFO -> 1;
      case FAIL -> 0;
    };
  }
}
