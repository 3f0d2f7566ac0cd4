package io.tutti.verify.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tutti.verify.checker.RegisterSimulation.Step;
import io.tutti.verify.history.OpKind;
import io.tutti.verify.history.OpType;
import io.tutti.verify.history.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Histories recorded from a real sequential register ({@link RegisterSimulation}) with random concurrency windows
 * are linearizable; with one read's value replaced by a value never written, they are not, and the explanation
 * holds that read. Seeds are fixed; jqwik prints the seed and the shrunk history of any failure.
 */
class SimulatedRegisterProperties {
  private static final Duration BUDGET = Duration.ofSeconds(20);

  @Provide
  Arbitrary<List<Step>> histories() {
    Arbitrary<Step> step = Combinators.combine(
        Arbitraries.of(OpKind.READ, OpKind.READ, OpKind.WRITE, OpKind.CAS, OpKind.CREATE, OpKind.DELETE,
            OpKind.APPEND),
        Arbitraries.integers().between(0, 2),
        Arbitraries.of(true, false),
        Arbitraries.of(OpType.OK, OpType.OK, OpType.FAIL, OpType.INFO),
        Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 350),
        Arbitraries.integers().between(0, 350)).as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(60);
  }

  @Property(tries = 300, seed = "20250611")
  void historiesOfARealRegisterAreLinearizable(@ForAll("histories") List<Step> steps) {
    CheckResult result = new LinearizabilityChecker(BUDGET).check(RegisterSimulation.run(steps));
    assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.LINEARIZABLE);
  }

  @Property(tries = 300, seed = "20250612")
  void aReadOfAValueNeverWrittenIsNotLinearizable(@ForAll("histories") List<Step> steps,
      @ForAll @IntRange(min = 0, max = 59) int pick) {
    List<Operation> history = new ArrayList<>(RegisterSimulation.run(steps));
    List<Integer> reads = new ArrayList<>();
    for (int i = 0; i < history.size(); i++) {
      if (history.get(i).f() == OpKind.READ) {
        reads.add(i);
      }
    }
    if (reads.isEmpty()) {
      // Make one: a read at the end of the history, of the key of the last step.
      Operation last = history.getLast();
      history.add(new Operation(history.size(), history.size(), OpKind.READ, last.key(), null, null, null, OpType.OK,
          last.completeNanos() + 1, last.completeNanos() + 2, null));
      reads.add(history.size() - 1);
    }
    int victim = reads.get(pick % reads.size());
    Operation read = history.get(victim);
    Operation corrupted = new Operation(read.id(), read.process(), read.f(), read.key(), "never-written", null,
        null, OpType.OK, read.invokeNanos(), read.completeNanos(), null);
    history.set(victim, corrupted);

    CheckResult result = new LinearizabilityChecker(BUDGET).check(history);
    assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    Explanation explanation = result.explanation().orElseThrow();
    assertThat(explanation.operations()).contains(corrupted);
    // An explanation is a proof: its operations alone cannot be ordered either.
    assertThat(new LinearizabilityChecker(BUDGET).check(explanation.operations()).verdict())
        .isEqualTo(Verdict.NOT_LINEARIZABLE);
  }
}
