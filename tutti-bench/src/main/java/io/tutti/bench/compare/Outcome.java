package io.tutti.bench.compare;

/** What the comparison has for one system and one workload. */
public sealed interface Outcome {
  /** The run left a summary.json; {@code record} says how it ran (it may still have had errors or a bad exit). */
  record Measured(RunSummary summary, RunRecord record) implements Outcome {
    /** Whether a reader must be warned: errors during the run, or a non-zero exit. */
    public boolean flagged() {
      return summary.errorsTotal() > 0 || !record.succeeded();
    }
  }

  /** The run was attempted and left no figures: the system did not start, or the bench failed. */
  record Failed(RunRecord record, String reason) implements Outcome {}

  /** Never attempted, e.g. a system left out with {@code --systems}. */
  record Missing() implements Outcome {}
}
