package io.tutti.verify.checker;

import io.tutti.verify.history.History;
import io.tutti.verify.history.HistoryFiles;
import io.tutti.verify.history.HistoryFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code tutti verify check FILE...}: checks each history file for linearizability and prints one line per file,
 * <pre>
 * run1.jsonl: linearizable
 * run2.jsonl: NOT linearizable
 *   key r1: these 3 operations cannot be ordered:
 *     p3 write "a"  invoke 1.200 ms  ok 1.900 ms
 *     ...
 * run3.jsonl: unknown (time budget of 10 s per key exceeded on key r7)
 * run4.jsonl: error (line 12: "type" is missing)
 * </pre>
 * Any of the formats of {@link HistoryFiles} is accepted; Porcupine kv files are checked with keys starting at
 * {@code ""}, all others with keys starting absent.
 */
public final class VerifyCheck {
  /** Every file is linearizable. */
  public static final int EXIT_LINEARIZABLE = 0;
  /** Some file is not linearizable, or could not be decided. Takes precedence over {@link #EXIT_ERROR}. */
  public static final int EXIT_NOT_LINEARIZABLE_OR_UNKNOWN = 1;
  /** Some file could not be read or holds no operation (and no file is known to be bad). */
  public static final int EXIT_ERROR = 2;

  private VerifyCheck() {}

  /**
   * Checks {@code files} in order and prints the verdicts to {@code out}. Returns {@link #EXIT_LINEARIZABLE} only if
   * every file is linearizable; {@link #EXIT_NOT_LINEARIZABLE_OR_UNKNOWN} if any is not, or is unknown (a violation
   * is never hidden behind another file's error); otherwise {@link #EXIT_ERROR} if any file could not be checked.
   */
  public static int run(List<Path> files, Duration budgetPerKey, PrintStream out) {
    if (files.isEmpty()) {
      out.println("error (no history file given)");
      return EXIT_ERROR;
    }
    boolean anyBad = false;
    boolean anyError = false;
    for (Path file : files) {
      switch (checkOne(file, budgetPerKey, out)) {
        case EXIT_LINEARIZABLE -> { }
        case EXIT_NOT_LINEARIZABLE_OR_UNKNOWN -> anyBad = true;
        default -> anyError = true;
      }
    }
    return anyBad ? EXIT_NOT_LINEARIZABLE_OR_UNKNOWN : anyError ? EXIT_ERROR : EXIT_LINEARIZABLE;
  }

  private static int checkOne(Path file, Duration budgetPerKey, PrintStream out) {
    History history;
    try {
      history = HistoryFiles.read(file);
    } catch (HistoryFormatException e) {
      out.println(file + ": error (" + e.detail() + ")");
      return EXIT_ERROR;
    } catch (IOException e) {
      out.println(file + ": error (cannot read the file: " + e + ")");
      return EXIT_ERROR;
    }
    if (history.operations().isEmpty()) {
      out.println(file + ": error (no operations: an empty history proves nothing)");
      return EXIT_ERROR;
    }
    CheckResult result;
    try {
      result = new LinearizabilityChecker(budgetPerKey, LinearizabilityChecker.BUDGET_TOTAL_DEFAULT,
          KeyValueModel.startingAt(history.initialValue())).check(history.operations());
    } catch (IllegalArgumentException e) {
      // An operation the key-value model does not describe, such as a set add.
      out.println(file + ": error (" + e.getMessage() + ")");
      return EXIT_ERROR;
    }
    return switch (result.verdict()) {
      case LINEARIZABLE -> {
        out.println(file + ": linearizable");
        yield EXIT_LINEARIZABLE;
      }
      case NOT_LINEARIZABLE -> {
        out.println(file + ": NOT linearizable");
        result.explanation().ifPresent(explanation -> explanation.lines(history::formatTime)
            .forEach(line -> out.println("  " + line)));
        yield EXIT_NOT_LINEARIZABLE_OR_UNKNOWN;
      }
      case UNKNOWN -> {
        out.println(file + ": unknown (" + result.reason() + ")");
        yield EXIT_NOT_LINEARIZABLE_OR_UNKNOWN;
      }
    };
  }
}
