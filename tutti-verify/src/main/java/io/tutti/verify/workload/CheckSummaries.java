package io.tutti.verify.workload;

import io.tutti.verify.checker.CheckResult;
import io.tutti.verify.checker.SetCheckResult;
import io.tutti.verify.checker.Verdict;

/** The lines a verify run prints for each checker's verdict. */
final class CheckSummaries {
  private CheckSummaries() {}

  /** {@code linearizable (3 keys, 4,210 operations)}, or the verdict, its reason and the explanation's lines. */
  static String linearizability(CheckResult result) {
    int operations = result.keys().stream().mapToInt(io.tutti.verify.checker.KeyResult::operations).sum();
    return switch (result.verdict()) {
      case LINEARIZABLE -> String.format("linearizable (%d keys, %,d operations)", result.keys().size(), operations);
      case UNKNOWN -> "unknown (" + result.reason() + ")";
      case NOT_LINEARIZABLE -> "NOT linearizable: " + result.reason() + result.explanation()
          .map(explanation -> "\n    " + String.join("\n    ", explanation.lines())).orElse("");
    };
  }

  static boolean linearizable(CheckResult result) {
    return result.verdict() == Verdict.LINEARIZABLE;
  }

  /** {@code ok (1,234 acknowledged adds all present; 12 of 20 unknown adds took effect)}, or what is wrong. */
  static String set(SetCheckResult result) {
    if (!result.valid()) {
      return "FAILED: " + result.reason();
    }
    return String.format("ok (%,d acknowledged adds all present, none unexpected; %,d of %,d unknown adds took "
        + "effect)", result.acknowledged(), result.recovered().size(), result.indeterminate());
  }
}
