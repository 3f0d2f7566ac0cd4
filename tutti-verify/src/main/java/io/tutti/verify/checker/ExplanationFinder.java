package io.tutti.verify.checker;

import io.tutti.verify.checker.LinearizationSearch.Outcome;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Shrinks the operations of a non-linearizable key to a few that cannot be ordered.
 *
 * <p>Simply deleting operations would not do: deleting a write can make a read of its value impossible and so
 * invent a violation the history does not have. Instead an operation is made <em>optional</em>: it keeps its place
 * in time but may be left out of the order. That only ever adds orders, so if the key is still not linearizable
 * with some operations optional, it is not linearizable, and the operations still required are the explanation.
 * They cannot be ordered whichever of the others took effect.
 *
 * <p>It starts from the time the search got stuck: operations invoked after the stuck operation completed are
 * dropped and those still running then are made optional (a linearization of the key would give one of this
 * prefix). If that prefix happens to be linearizable, it starts from the whole key. Then it makes operations
 * optional, first in halves, then in ever smaller chunks down to single operations, keeping a change whenever the
 * key stays non-linearizable, and repeats single changes until none succeeds. Every step is re-checked, so the
 * result is always a proof; if the budget runs out it is only less small.
 */
final class ExplanationFinder<S> {
  private final Model<S> model;
  private final BooleanSupplier timeUp;
  private final long memoSizeMaxBytes;
  private List<Operation> operations = List.of();
  // Invariant: operations with optional[i] set may be left out; the others are the explanation.
  private boolean[] optional = new boolean[0];
  // Invariant: false once some search was cut short; from then on nothing more is tried.
  private boolean inBudget = true;

  private ExplanationFinder(Model<S> model, BooleanSupplier timeUp, long memoSizeMaxBytes) {
    this.model = model;
    this.timeUp = timeUp;
    this.memoSizeMaxBytes = memoSizeMaxBytes;
  }

  /** An explanation of {@code violation}, found by the search on {@code operations} (one key, constraining). */
  static <S> Explanation explain(String key, List<Operation> operations, Outcome.Violation violation,
      Model<S> model, BooleanSupplier timeUp, long memoSizeMaxBytes) {
    ExplanationFinder<S> finder = new ExplanationFinder<>(model, timeUp, memoSizeMaxBytes);
    finder.start(operations, violation.stuck().completeNanos());
    finder.shrink();
    List<Operation> required = new ArrayList<>();
    for (int i = 0; i < finder.operations.size(); i++) {
      if (!finder.optional[i]) {
        required.add(finder.operations.get(i));
      }
    }
    required.sort(Comparator.comparingLong(Operation::invokeNanos).thenComparingLong(Operation::id));
    return new Explanation(key, required, finder.operations.size() - required.size(), finder.inBudget,
        violation.longestPrefix(), violation.stuck());
  }

  private void start(List<Operation> all, long stuckReturn) {
    List<Operation> prefix = all.stream().filter(o -> o.invokeNanos() <= stuckReturn).toList();
    boolean[] running = new boolean[prefix.size()];
    for (int i = 0; i < prefix.size(); i++) {
      running[i] = prefix.get(i).completeNanos() > stuckReturn;
    }
    if (violates(prefix, running)) {
      operations = prefix;
      optional = running;
    } else {
      operations = all;
      optional = new boolean[all.size()];
    }
    for (int i = 0; i < operations.size(); i++) {
      optional[i] |= operations.get(i).type() == OpType.INFO;
    }
  }

  private void shrink() {
    int required = requiredCount();
    for (int chunk = required / 2; chunk > 1 && inBudget; chunk /= 2) {
      relaxChunks(chunk);
    }
    int before;
    do {
      before = requiredCount();
      relaxChunks(1);
    } while (inBudget && requiredCount() < before);
  }

  /** One pass over the required operations, making each run of {@code chunk} optional if the key stays bad. */
  private void relaxChunks(int chunk) {
    int from = 0;
    while (inBudget) {
      List<Integer> run = requiredIndices(from, chunk);
      if (run.isEmpty() || run.size() == requiredCount()) {
        return;
      }
      boolean[] relaxed = optional.clone();
      run.forEach(i -> relaxed[i] = true);
      if (violates(operations, relaxed)) {
        optional = relaxed;
      } else {
        from += chunk;
      }
    }
  }

  /** Indices of the required operations number {@code from} to {@code from + chunk - 1}, counted among them. */
  private List<Integer> requiredIndices(int from, int chunk) {
    List<Integer> indices = new ArrayList<>();
    int seen = 0;
    for (int i = 0; i < operations.size() && indices.size() < chunk; i++) {
      if (!optional[i] && seen++ >= from) {
        indices.add(i);
      }
    }
    return indices;
  }

  private int requiredCount() {
    int count = 0;
    for (boolean o : optional) {
      count += o ? 0 : 1;
    }
    return count;
  }

  private boolean violates(List<Operation> candidate, boolean[] candidateOptional) {
    // An optional operation that only observes may always be left out and never enables anything: drop it.
    List<Operation> searched = new ArrayList<>();
    boolean[] searchedOptional = new boolean[candidate.size()];
    for (int i = 0; i < candidate.size(); i++) {
      if (!(candidateOptional[i] && model.observesOnly(candidate.get(i)))) {
        searchedOptional[searched.size()] = candidateOptional[i];
        searched.add(candidate.get(i));
      }
    }
    Outcome outcome = LinearizationSearch.search(searched, Arrays.copyOf(searchedOptional, searched.size()), model,
        timeUp, memoSizeMaxBytes);
    if (outcome instanceof Outcome.CutShort) {
      inBudget = false;
    }
    return outcome instanceof Outcome.Violation;
  }
}
