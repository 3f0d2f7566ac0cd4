package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Decides whether the operations of one key are linearizable: the Wing–Gong search with Lowe's memoisation.
 *
 * <p>Each operation is a call event at its invocation and a return event at its completion, in one list ordered
 * by time. At equal times calls come first, so an operation that completes at the instant another is invoked
 * counts as concurrent with it: the conservative reading, which never invents a real-time order the clocks do
 * not show. An info operation has only a call: its return is after the end of the history.
 *
 * <p>Walking the list from its head, the search tries to linearize each call it meets: if the operation is legal
 * in the current state it is lifted out of the list (call and return) and the walk restarts from the head. Meeting
 * the return of an operation not yet linearized means no order extending the current one can work: the last
 * decision is undone (its events go back into the list) and the walk continues after that call. The search fails
 * when it must undo with no decision left.
 *
 * <p>Some operations are optional: they may be left out of the order. Info operations are (they may never have
 * taken effect), and the explainer makes others so ({@link ExplanationFinder}). The search succeeds as soon as every
 * operation that is not optional is linearized. An optional operation whose return is met is decided "left out"
 * (lifted without changing the state) before anything is undone.
 *
 * <p>Every configuration reached — the set of decided operations and the state — is remembered, so none is explored
 * twice: what remains to do depends on nothing else. The set is remembered compactly ({@link DecidedSet}), and the
 * walk is iterative: histories have thousands of operations per key.
 */
final class LinearizationSearch<S> {
  /** What the search found. */
  sealed interface Outcome {
    /** Some order of the operations is legal. */
    record Linearizable() implements Outcome {}

    /**
     * No order is legal.
     *
     * @param longestPrefix how many operations the longest legal partial order found holds
     * @param stuck the operation that could not be linearized after that partial order
     */
    record Violation(int longestPrefix, Operation stuck) implements Outcome {}

    /** The search stopped at a limit before it could decide. */
    record CutShort(Limit limit) implements Outcome {}
  }

  enum Limit { TIME, MEMORY }

  private static final int END = -1;
  /** Steps between two looks at the clock: each step is well under a microsecond. */
  private static final int STEPS_PER_CLOCK_CHECK = 128;

  private final List<Operation> operations;
  private final boolean[] optional;
  private final Model<S> model;

  // The event list: events 0..head-1 and the sentinel `head`; next[e] == END at the tail.
  private final int head;
  private final int[] next;
  private final int[] prev;
  private final int[] operationOfEvent;
  private final boolean[] isCall;
  private final int[] callOfOperation;
  private final int[] returnOfOperation; // END for info operations

  // The configuration. Invariant: decided holds exactly the operations of decisionCall[0..depth);
  // stateBefore.get(i) is the state before decision i; a decided operation's events are out of the list;
  // definiteLeft counts the operations neither optional nor decided.
  private final DecidedSet decided;
  private S state;
  private final int[] decisionCall;
  private final boolean[] decisionLeftOut;
  private final List<S> stateBefore = new ArrayList<>();
  private int depth;
  private int definiteLeft;
  private final Set<DecidedSet.MemoKey> memo = new HashSet<>();
  private long memoSizeBytes;

  private LinearizationSearch(List<Operation> operations, boolean[] optional, Model<S> model) {
    int count = operations.size();
    Check.argument(optional.length == count, "%d optional flags for %d operations", optional.length, count);
    this.operations = operations;
    this.model = model;
    this.optional = new boolean[count];
    record Event(long time, boolean call, int operation) {}
    List<Event> events = new ArrayList<>(2 * count);
    for (int i = 0; i < count; i++) {
      Operation operation = operations.get(i);
      boolean info = operation.type() == OpType.INFO;
      this.optional[i] = optional[i] || info;
      definiteLeft += this.optional[i] ? 0 : 1;
      events.add(new Event(operation.invokeNanos(), true, i));
      if (!info) {
        events.add(new Event(operation.completeNanos(), false, i));
      }
    }
    events.sort(Comparator.comparingLong(Event::time).thenComparing(Event::call, Comparator.reverseOrder())
        .thenComparingInt(Event::operation));
    head = events.size();
    next = new int[head + 1];
    prev = new int[head + 1];
    operationOfEvent = new int[head];
    isCall = new boolean[head];
    callOfOperation = new int[count];
    returnOfOperation = new int[count];
    Arrays.fill(returnOfOperation, END);
    for (int e = 0; e < head; e++) {
      operationOfEvent[e] = events.get(e).operation();
      isCall[e] = events.get(e).call();
      if (isCall[e]) {
        callOfOperation[operationOfEvent[e]] = e;
      } else {
        returnOfOperation[operationOfEvent[e]] = e;
      }
      next[e] = e + 1 < head ? e + 1 : END;
      prev[e] = e == 0 ? head : e - 1;
    }
    next[head] = head == 0 ? END : 0;
    int[] invokeOrder = new int[count];
    boolean[] info = new boolean[count];
    int calls = 0;
    for (int e = 0; e < head; e++) {
      if (isCall[e]) {
        invokeOrder[calls++] = operationOfEvent[e];
      }
    }
    for (int i = 0; i < count; i++) {
      info[i] = operations.get(i).type() == OpType.INFO;
    }
    decided = new DecidedSet(invokeOrder, info);
    decisionCall = new int[count];
    decisionLeftOut = new boolean[count];
    state = model.initialState();
  }

  /**
   * Searches for a linearization of {@code operations}, all of one key, each {@link Model#constrains constraining}.
   * {@code optional[i]} makes operation i optional (info operations are anyway). Polls {@code timeUp} every few
   * hundred steps, the first included.
   */
  static <S> Outcome search(List<Operation> operations, boolean[] optional, Model<S> model, BooleanSupplier timeUp,
      long memoSizeMaxBytes) {
    return new LinearizationSearch<>(operations, optional, model).run(timeUp, memoSizeMaxBytes);
  }

  /** {@link #search(List, boolean[], Model, BooleanSupplier, long)} with only the info operations optional. */
  static <S> Outcome search(List<Operation> operations, Model<S> model, BooleanSupplier timeUp,
      long memoSizeMaxBytes) {
    return search(operations, new boolean[operations.size()], model, timeUp, memoSizeMaxBytes);
  }

  private Outcome run(BooleanSupplier timeUp, long memoSizeMaxBytes) {
    int longestPrefix = 0;
    Operation stuck = null;
    long steps = 0;
    int event = next[head];
    while (definiteLeft > 0) {
      if (steps++ % STEPS_PER_CLOCK_CHECK == 0) {
        if (timeUp.getAsBoolean()) {
          return new Outcome.CutShort(Limit.TIME);
        }
        if (memoSizeBytes > memoSizeMaxBytes) {
          return new Outcome.CutShort(Limit.MEMORY);
        }
      }
      // An undecided operation that is not optional still has its return in the list, after its call.
      Check.state(event != END, "walked off the event list with %d operations left to linearize", definiteLeft);
      int operation = operationOfEvent[event];
      Operation candidate = operations.get(operation);
      if (isCall[event]) {
        if (model.legal(state, candidate) && decide(event, model.apply(state, candidate), false)) {
          event = next[head];
        } else {
          event = next[event];
        }
        continue;
      }
      // The return of an undecided operation. If optional, it did not take effect; if not, it should have.
      if (optional[operation] && decide(callOfOperation[operation], state, true)) {
        event = next[head];
        continue;
      }
      if (!optional[operation] && (stuck == null || depth > longestPrefix)) {
        longestPrefix = depth;
        stuck = candidate;
      }
      event = undoToLastLinearized();
      if (event == END) {
        Check.state(stuck != null, "no order found but no operation was ever stuck");
        return new Outcome.Violation(longestPrefix, stuck);
      }
    }
    return new Outcome.Linearizable();
  }

  /**
   * Decides the operation of {@code call}: linearized next, leaving {@code after}, or left out (state unchanged).
   * Returns false, changing nothing, if that configuration was explored before.
   */
  private boolean decide(int call, S after, boolean leftOut) {
    int operation = operationOfEvent[call];
    decided.add(operation);
    DecidedSet.MemoKey key = decided.key(after);
    if (!memo.add(key)) {
      decided.remove(operation);
      return false;
    }
    memoSizeBytes += key.sizeBytes();
    decisionCall[depth] = call;
    decisionLeftOut[depth] = leftOut;
    stateBefore.add(state);
    depth++;
    state = after;
    lift(call);
    definiteLeft -= optional[operation] ? 0 : 1;
    return true;
  }

  /**
   * Undoes decisions up to and including the last linearization (a left-out operation has no alternative but
   * undoing what came before it) and returns the event after that operation's call, where the walk resumes; END
   * if there was nothing left to undo.
   */
  private int undoToLastLinearized() {
    while (depth > 0) {
      depth--;
      int call = decisionCall[depth];
      int operation = operationOfEvent[call];
      state = stateBefore.remove(depth);
      decided.remove(operation);
      unlift(call);
      definiteLeft += optional[operation] ? 0 : 1;
      if (!decisionLeftOut[depth]) {
        return next[call];
      }
    }
    return END;
  }

  /** Takes the operation of {@code call} out of the list: its call and, unless info, its return. */
  private void lift(int call) {
    unlink(call);
    int ret = returnOfOperation[operationOfEvent[call]];
    if (ret != END) {
      unlink(ret);
    }
  }

  /** Undoes {@link #lift}; lifts are undone in the reverse order, so neighbours are as they were. */
  private void unlift(int call) {
    int ret = returnOfOperation[operationOfEvent[call]];
    if (ret != END) {
      relink(ret);
    }
    relink(call);
  }

  private void unlink(int e) {
    next[prev[e]] = next[e];
    if (next[e] != END) {
      prev[next[e]] = prev[e];
    }
  }

  private void relink(int e) {
    next[prev[e]] = e;
    if (next[e] != END) {
      prev[next[e]] = e;
    }
  }
}
