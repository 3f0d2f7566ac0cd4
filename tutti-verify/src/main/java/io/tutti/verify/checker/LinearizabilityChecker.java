package io.tutti.verify.checker;

import io.tutti.core.check.Check;
import io.tutti.verify.checker.LinearizationSearch.Outcome;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Checks that a history is linearizable with respect to a {@link Model}, by default {@link KeyValueModel} with
 * keys starting absent.
 *
 * <p>Linearizability is compositional: a history is linearizable iff the history of each key is. So the history is
 * split per key and each key is searched independently ({@link LinearizationSearch}), on up to one thread per
 * available processor. Operations that constrain nothing ({@link Model#constrains}) are left out first.
 *
 * <p>Each key has a time budget, and the whole check has one too. A key whose search is cut short by a budget (or
 * by the memo's memory limit) is UNKNOWN, and then so is the history, unless another key is definitely not
 * linearizable. A history is never called linearizable when any key was cut short. For a non-linearizable history
 * the first bad key (in key order) is explained by a small set of operations ({@link ExplanationFinder}), within
 * the same budgets.
 */
public final class LinearizabilityChecker {
  /** The budget of a whole check when none is given. */
  public static final Duration BUDGET_TOTAL_DEFAULT = Duration.ofMinutes(10);
  /** The most time spent shrinking an explanation, within the other budgets. */
  static final Duration EXPLANATION_BUDGET_MAX = Duration.ofSeconds(10);

  private final Duration budgetPerKey;
  private final Duration budgetTotal;
  private final Model<?> model;
  private final int threadsMax;
  private final long memoSizeMaxBytes;
  private final LongSupplier nanoClock;

  /** Key-value histories whose keys start absent; the whole check may take {@link #BUDGET_TOTAL_DEFAULT}. */
  public LinearizabilityChecker(Duration budgetPerKey) {
    this(budgetPerKey, BUDGET_TOTAL_DEFAULT, KeyValueModel.startingAbsent());
  }

  /** Histories of {@code model}, at most {@code budgetPerKey} per key and {@code budgetTotal} in all. */
  public LinearizabilityChecker(Duration budgetPerKey, Duration budgetTotal, Model<?> model) {
    this(budgetPerKey, budgetTotal, model, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() / (2L * Runtime.getRuntime().availableProcessors()), System::nanoTime);
  }

  /**
   * Everything explicit, for tests.
   *
   * @param threadsMax keys searched at once
   * @param memoSizeMaxBytes estimated heap the memo of one key may take before the key is given up as UNKNOWN
   * @param nanoClock monotonic nanoseconds, read to enforce the budgets
   */
  LinearizabilityChecker(Duration budgetPerKey, Duration budgetTotal, Model<?> model, int threadsMax,
      long memoSizeMaxBytes, LongSupplier nanoClock) {
    Check.argument(budgetPerKey.isPositive(), "budgetPerKey must be positive, got %s", budgetPerKey);
    Check.argument(budgetTotal.isPositive(), "budgetTotal must be positive, got %s", budgetTotal);
    Check.argument(threadsMax >= 1, "threadsMax must be at least 1, got %d", threadsMax);
    Check.argument(memoSizeMaxBytes > 0, "memoSizeMaxBytes must be positive, got %d", memoSizeMaxBytes);
    this.budgetPerKey = budgetPerKey;
    this.budgetTotal = budgetTotal;
    this.model = model;
    this.threadsMax = threadsMax;
    this.memoSizeMaxBytes = memoSizeMaxBytes;
    this.nanoClock = nanoClock;
  }

  /** Checks {@code history} (any order; each operation of a kind the model describes). */
  public CheckResult check(List<Operation> history) {
    return check(history, model);
  }

  private <S> CheckResult check(List<Operation> history, Model<S> typedModel) {
    long startNanos = nanoClock.getAsLong();
    Map<String, List<Operation>> byKey = new TreeMap<>();
    for (Operation operation : history) {
      if (typedModel.constrains(operation)) {
        byKey.computeIfAbsent(operation.key(), k -> new ArrayList<>()).add(operation);
      }
    }
    if (byKey.isEmpty()) {
      return new CheckResult(Verdict.LINEARIZABLE, "no operation constrains the state", List.of(), Optional.empty());
    }
    BooleanSupplier totalUp = budget(startNanos, budgetTotal);
    List<KeySearch> searches = searchAll(byKey, typedModel, totalUp);
    List<KeyResult> keys = searches.stream().map(this::keyResult).toList();
    Optional<Explanation> explanation = searches.stream()
        .filter(s -> s.outcome() instanceof Outcome.Violation).findFirst()
        .map(s -> explain(s, byKey.get(s.key()), typedModel, totalUp));
    return new CheckResult(overall(keys), reason(keys), keys, explanation);
  }

  /** What the search found on one key, and how long it took. */
  private record KeySearch(String key, int operations, Outcome outcome, long elapsedNanos) {}

  private KeyResult keyResult(KeySearch search) {
    String key = search.key();
    String reason = switch (search.outcome()) {
      case Outcome.Linearizable l -> "linearizable";
      case Outcome.Violation v -> "not linearizable: at most " + v.longestPrefix() + " of " + search.operations()
          + " operations can be ordered";
      case Outcome.CutShort(LinearizationSearch.Limit limit) -> switch (limit) {
        // A key that stopped before its own budget ran out was stopped by the total budget.
        case TIME -> (search.elapsedNanos() < saturatedNanos(budgetPerKey)
            ? "total time budget of " + describe(budgetTotal)
            : "time budget of " + describe(budgetPerKey) + " per key") + " exceeded on " + KeyResult.describe(key);
        case MEMORY -> "memo memory limit of " + memoSizeMaxBytes / (1024 * 1024) + " MiB exceeded on "
            + KeyResult.describe(key);
      };
    };
    Verdict verdict = switch (search.outcome()) {
      case Outcome.Linearizable l -> Verdict.LINEARIZABLE;
      case Outcome.Violation v -> Verdict.NOT_LINEARIZABLE;
      case Outcome.CutShort c -> Verdict.UNKNOWN;
    };
    return new KeyResult(key, verdict, reason, search.operations(), search.elapsedNanos() / 1_000_000);
  }

  private <S> List<KeySearch> searchAll(Map<String, List<Operation>> byKey, Model<S> typedModel,
      BooleanSupplier totalUp) {
    int threads = Math.min(threadsMax, byKey.size());
    if (threads == 1) {
      return byKey.entrySet().stream().map(e -> searchKey(e.getKey(), e.getValue(), typedModel, totalUp)).toList();
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name(
        "linearizability-", 0).factory());
    try {
      List<Future<KeySearch>> futures = new ArrayList<>();
      for (var entry : byKey.entrySet()) {
        futures.add(pool.submit(() -> searchKey(entry.getKey(), entry.getValue(), typedModel, totalUp)));
      }
      List<KeySearch> searches = new ArrayList<>();
      for (Future<KeySearch> future : futures) {
        searches.add(future.get());
      }
      return searches;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("linearizability check interrupted");
    } catch (ExecutionException e) {
      throw new IllegalStateException("the search of a key failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private <S> KeySearch searchKey(String key, List<Operation> operations, Model<S> typedModel,
      BooleanSupplier totalUp) {
    long startNanos = nanoClock.getAsLong();
    BooleanSupplier keyUp = budget(startNanos, budgetPerKey);
    Outcome outcome = LinearizationSearch.search(operations, typedModel,
        () -> keyUp.getAsBoolean() || totalUp.getAsBoolean(), memoSizeMaxBytes);
    return new KeySearch(key, operations.size(), outcome, nanoClock.getAsLong() - startNanos);
  }

  private <S> Explanation explain(KeySearch search, List<Operation> operations, Model<S> typedModel,
      BooleanSupplier totalUp) {
    Duration budget = budgetPerKey.compareTo(EXPLANATION_BUDGET_MAX) < 0 ? budgetPerKey : EXPLANATION_BUDGET_MAX;
    BooleanSupplier explanationUp = budget(nanoClock.getAsLong(), budget);
    return ExplanationFinder.explain(search.key(), operations, (Outcome.Violation) search.outcome(), typedModel,
        () -> explanationUp.getAsBoolean() || totalUp.getAsBoolean(), memoSizeMaxBytes);
  }

  /** True once {@code budget} has passed since {@code startNanos} on the clock. */
  private BooleanSupplier budget(long startNanos, Duration budget) {
    long budgetNanos = saturatedNanos(budget);
    return () -> nanoClock.getAsLong() - startNanos >= budgetNanos;
  }

  private static Verdict overall(List<KeyResult> keys) {
    if (keys.stream().anyMatch(k -> k.verdict() == Verdict.NOT_LINEARIZABLE)) {
      return Verdict.NOT_LINEARIZABLE;
    }
    return keys.stream().allMatch(k -> k.verdict() == Verdict.LINEARIZABLE) ? Verdict.LINEARIZABLE : Verdict.UNKNOWN;
  }

  private static String reason(List<KeyResult> keys) {
    Verdict verdict = overall(keys);
    if (verdict == Verdict.LINEARIZABLE) {
      int operations = keys.stream().mapToInt(KeyResult::operations).sum();
      return keys.size() == 1
          ? KeyResult.describe(keys.getFirst().key()) + " is linearizable (" + operations + " operations)"
          : "all " + keys.size() + " keys are linearizable (" + operations + " operations)";
    }
    List<KeyResult> offending = keys.stream().filter(k -> k.verdict() == verdict).toList();
    String first = verdict == Verdict.NOT_LINEARIZABLE
        ? KeyResult.describe(offending.getFirst().key()) + " is not linearizable"
        : offending.getFirst().reason();
    int more = offending.size() - 1;
    return more == 0 ? first : first + " (and " + more + " more " + (more == 1 ? "key" : "keys") + ")";
  }

  /** {@code duration} in nanoseconds, or {@link Long#MAX_VALUE} when it has more. */
  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** {@code 2 min}, {@code 10 s}, {@code 250 ms}, {@code 50 µs}: how budgets are named in messages. */
  static String describe(Duration duration) {
    long nanos = saturatedNanos(duration);
    if (nanos < 1_000) {
      return nanos + " ns";
    }
    if (nanos < 1_000_000) {
      return nanos / 1_000 + " µs";
    }
    long millis = duration.toMillis();
    if (millis < 1_000 || millis % 1_000 != 0) {
      return millis + " ms";
    }
    long seconds = duration.toSeconds();
    return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }
}
