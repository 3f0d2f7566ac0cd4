package io.tutti.verify.history;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns invocation and completion lines of a log format into {@link Operation}s: a process runs one operation at a
 * time, so each completion belongs to the pending invocation of its process. Times are line numbers; an invocation
 * still pending at the end of the file becomes {@code info}, completing at the line after the last. The log formats
 * carry no versions: every operation's {@code version} is null.
 */
final class ProcessPairing {
  private record Pending(long id, int line, OpKind f, String key, String value, String expected) {}

  private final Path file;
  private final Map<Integer, Pending> pendingByProcess = new HashMap<>();
  private final List<Operation> operations = new ArrayList<>();
  // Invariant: nextId = number of invocations seen so far; ids follow invocation order.
  private long nextId;

  ProcessPairing(Path file) {
    this.file = file;
  }

  void invoke(int line, int process, OpKind f, String key, String value, String expected)
      throws HistoryFormatException {
    Pending earlier = pendingByProcess.get(process);
    if (earlier != null) {
      throw new HistoryFormatException(file, line, "process " + process + " invokes a " + f.jsonName()
          + " while its " + earlier.f().jsonName() + " from line " + earlier.line() + " has not completed");
    }
    pendingByProcess.put(process, new Pending(nextId++, line, f, key, value, expected));
  }

  /**
   * Completes the pending operation of {@code process}. {@code readValue} is the value an ok read returned and is
   * ignored otherwise: every other field comes from the invocation.
   */
  void complete(int line, int process, OpType type, OpKind f, String readValue, String error)
      throws HistoryFormatException {
    Pending invoked = pendingByProcess.remove(process);
    if (invoked == null) {
      throw new HistoryFormatException(file, line, "process " + process + " completes a " + f.jsonName()
          + " it never invoked");
    }
    if (invoked.f() != f) {
      throw new HistoryFormatException(file, line, "process " + process + " completes a " + f.jsonName()
          + " but invoked a " + invoked.f().jsonName() + " on line " + invoked.line());
    }
    String value = f == OpKind.READ ? (type == OpType.OK ? readValue : null) : invoked.value();
    operations.add(new Operation(invoked.id(), process, f, invoked.key(), value, invoked.expected(), null,
        type, invoked.line(), line, error));
  }

  /** All operations in invocation order; those never completed are {@code info} ending after {@code lastLine}. */
  List<Operation> finish(int lastLine) {
    for (var entry : pendingByProcess.entrySet()) {
      Pending p = entry.getValue();
      operations.add(new Operation(p.id(), entry.getKey(), p.f(), p.key(), p.f() == OpKind.READ ? null : p.value(),
          p.expected(), null, OpType.INFO, p.line(), lastLine + 1L, "no completion"));
    }
    pendingByProcess.clear();
    operations.sort(Comparator.comparingLong(Operation::id));
    return List.copyOf(operations);
  }
}
